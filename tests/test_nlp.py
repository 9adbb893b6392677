from decimal import Decimal

import pytest

from kg.nlp import mentions
from kg.nlp.bylines import BylineFinder
from kg.nlp.dates import DateFinder, resolve_date
from kg.nlp.money import Amounts
from kg.patterns import BylinePatterns


@pytest.fixture(scope="module")
def find_amounts(lexicon):
    return Amounts(lexicon).find


@pytest.fixture(scope="module")
def find_bylines(lexicon, names):
    return BylineFinder(BylinePatterns(lexicon), names)


@pytest.mark.parametrize(
    "text, value, approximate",
    [
        ("总投资5.4亿元", Decimal("540000000"), False),
        ("规模达1.5万亿元", Decimal("1500000000000"), False),
        ("投资300万元", Decimal("3000000"), False),
        ("总投资超过1700亿元", Decimal("170000000000"), True),
        ("逾20亿元", Decimal("2000000000"), True),
        ("建立100亿青年创新创业基金", Decimal("10000000000"), False),
        ("安排三千万元", Decimal("30000000"), False),
        ("首次突破千亿元大关", Decimal("100000000000"), False),
        ("近5000万元", Decimal("50000000"), True),
        ("约3亿元", Decimal("300000000"), True),
        ("总投资十二亿元", Decimal("1200000000"), False),
        ("投资5-10亿元", Decimal("500000000"), True),  # a range: its lower bound, approximate
        ("3亿至5亿元", Decimal("300000000"), True),
    ],
)
def test_money_forms(find_amounts, text, value, approximate):
    (amount,) = find_amounts(text)
    assert amount.attrs["value"] == value
    assert amount.attrs["approximate"] is approximate


def test_counts_and_years_are_not_money(find_amounts):
    assert find_amounts("2021年新增企业1212家，增长41.5%") == []


def test_a_range_keeps_its_upper_bound_and_dollars_are_no_yuan(find_amounts):
    (amount,) = find_amounts("计划投资5-10亿元")
    assert amount.attrs["upper"] == Decimal("1000000000")
    assert find_amounts("引进外资约2000万美元") == []


def test_dates_resolve_against_the_page(lexicon):
    (full, month_day, yesterday) = DateFinder(lexicon)("2022年2月15日召开，1月28日审议，昨日获悉")
    assert resolve_date(full.attrs, None, None) == "2022-02-15"
    assert resolve_date(month_day.attrs, None, 2024) == "2024-01-28"
    assert resolve_date(yesterday.attrs, "2022-03-01", 2022) == "2022-02-28"


@pytest.mark.parametrize(
    "sentence, name, segments",
    [
        ("——访郑州市科技局党组书记、局长夏扬", "夏扬", [("郑州市科技局", "党组书记"), ("", "局长")]),
        ("市政协副主席、市卫健委党组书记王万鹏表示", "王万鹏", [("市政协", "副主席"), ("市卫健委", "党组书记")]),
        ("高新区党工委副书记、管委会主任张红军说", "张红军", [("高新区党工委", "副书记"), ("管委会", "主任")]),
        ("昨日，记者采访了新密市委书记李建国。", "李建国", [("新密市委", "书记")]),
        ("会议由市委常委、政法委书记陈明德主持。", "陈明德", [("市委", "常委"), ("政法委", "书记")]),
        ("周国强市长在会上强调", "周国强", [("", "市长")]),
    ],
)
def test_title_chains(nlp, sentence, name, segments):
    (chain,) = mentions(nlp(sentence), "POST_CHAIN")
    assert chain.attrs["name"] == name
    assert chain.attrs["segments"] == segments


def test_bylines_keep_each_role(find_bylines):
    found = find_bylines("本报讯(记者 成燕 通讯员 曹杨)昨日 河南日报记者 张建新 王延辉 本报记者 李娜 策划:王超 魏鹏辉")
    assert [(m.text, m.attrs["role"]) for m in found] == [
        ("成燕", "记者"),
        ("曹杨", "通讯员"),
        ("张建新", "河南日报记者"),
        ("王延辉", "河南日报记者"),
        ("李娜", "记者"),
        ("王超", "策划"),
        ("魏鹏辉", "策划"),
    ]


@pytest.mark.parametrize(
    "text, bylines",
    [
        # an outlet named by its place, a name glued to its role, names joined by 、 before 摄
        ("本报讯(记者韩雪)昨天上午", [("韩雪", "记者")]),
        ("襄阳晚报全媒体记者葛军、龚秀英 摄", [("葛军", "襄阳晚报全媒体记者"), ("龚秀英", "襄阳晚报全媒体记者")]),
        ("青年报记者 葛军 湖北在线记者 龚秀英", [("葛军", "记者"), ("龚秀英", "湖北在线记者")]),
        # names in brackets closing a paragraph sign the item
        ("确保项目按期投产。(葛军 龚秀英)\n下一条", [("葛军", "署名"), ("龚秀英", "署名")]),
        ("文章作者：葛军 点击数：12", [("葛军", "文章作者")]),
        ("商场外景。(新华社记者龚秀英摄)", [("龚秀英", "新华社记者")]),
        ("展厅一角（葛军摄）", [("葛军", "署名")]),
        # a photo credit at a line's start or after a caption, and a name that runs into its 摄
        ("▲开工仪式现场 葛军摄\n龚秀英 摄 |", [("葛军", "摄影"), ("龚秀英", "摄影")]),
        ("人民网记者 葛军摄人民网南宁1月26日电", [("葛军", "记者")]),
        ("在现场 拍摄了照片", []),
        # later names glued to their own roles
        ("本报讯(记者葛军 见习记者龚秀英)昨日", [("葛军", "记者"), ("龚秀英", "见习记者")]),
        # a four-character name has a compound surname: 葛军报(道) is a name and a verb
        ("新华社记者龚秀英、葛军报道：", [("龚秀英", "新华社记者")]),
    ],
)
def test_bylines_as_pages_print_them(find_bylines, text, bylines):
    assert [(m.text, m.attrs["role"]) for m in find_bylines(text)] == bylines


def test_an_editor_credit_names_no_author_and_no_person(extract):
    pages = extract("市长调研项目\n\n市长到项目工地调研。\n\n责任编辑：葛军 编辑：龚秀英\n")
    assert [(b.person, p.name) for facts in pages for b in facts.bylines for p in facts.people] == []
    assert [p.name for facts in pages for p in facts.people] == []


def test_reporter_in_running_text_is_no_byline(find_bylines):
    assert find_bylines("记者从会上了解到，目前工作进展顺利。") == []


@pytest.mark.parametrize(
    "candidate, expected",
    [
        ("夏扬", True),
        ("孙建功", True),
        ("欧阳明远", True),
        ("王女士", False),
        ("文件", False),
        ("郑州", False),
        ("局长", False),
    ],
)
def test_what_can_be_a_name(names, candidate, expected):
    assert names.is_name(candidate) is expected


def test_speakers_are_people(nlp):
    doc = nlp("“我们要加油。”刘建华表示，全年任务将提前完成。")
    assert [m.text for m in mentions(doc, "PERSON")] == ["刘建华"]


@pytest.mark.parametrize(
    "text, name, kind",
    [
        ("深入开展“万人助万企”活动", "万人助万企", "活动"),
        ("全面开展“三标”活动", "三标", "活动"),
        ("深入实施乡村振兴战略，", "乡村振兴战略", "战略"),
        ("启动实施“青年创业行动”，", "青年创业行动", "行动"),
        # words of the projects a drive is made of between its name and its kind; a number in quotes
        ("先后举行了第七期“三个一批”项目集中开工活动。", "三个一批", "活动"),
        ("推动‘三个一万亿’工程部署要求落地见效。", "三个一万亿", "工程"),
        ("聚焦工业强市“15513”工程和首位产业。", "15513", "工程"),
    ],
)
def test_campaigns(find_campaigns, text, name, kind):
    (campaign,) = find_campaigns(text)
    assert (campaign.attrs["name"], campaign.attrs["kind"]) == (name, kind)


def test_meetings_join_names_linked_by_ji(find_meetings):
    (meeting,) = find_meetings("深入学习贯彻市委十二届二次全会暨市委经济工作会议精神。")
    assert meeting.attrs["name"] == "市委十二届二次全会暨市委经济工作会议"


@pytest.mark.parametrize(
    "text, names",
    [
        # a standing meeting that proposes or entrusts acts as a body, not as a meeting held
        ("会议听取了市人大常委会主任会议关于提请补选某某为代表的报告。", []),
        ("宣读了市人大常委会主任会议提请的任职议案。", []),
        ("受主任会议委托，秘书长作说明。", []),
        # a standing body's sitting is a meeting, named by its number as written; a session's is a part of it
        ("市十五届人大常委会举行第十二次会议，审议议案。", ["第十二次会议"]),
        ("大会举行第三次全体会议。", []),
        # the spirit of one thing and a meeting: the meeting alone
        ("要认真学习宣传贯彻好总书记重要讲话精神和全国两会精神。", ["全国两会"]),
    ],
)
def test_what_a_meeting_word_names(find_meetings, text, names):
    assert [m.attrs["name"] for m in find_meetings(text)] == names


def test_party_congress_is_a_meeting(find_meetings):
    assert [m.attrs["name"] for m in find_meetings("以优异成绩迎接党的二十大胜利召开")] == ["党的二十大"]


def test_projects_carry_their_amounts(nlp):
    doc = nlp("在郑州大学国家大学科技园内,总投资5.4亿元的科创大楼项目已进入全面施工阶段。设立50亿元产业引导基金。")
    found = {m.attrs["name"]: m.attrs["total"].attrs["value"] for m in mentions(doc, "PROJECT")}
    assert found == {"科创大楼项目": Decimal("540000000"), "产业引导基金": Decimal("5000000000")}


def test_portfolio_with_total_and_annual(nlp):
    doc = nlp("全年实施总投资323.4亿元、年度投资110.8亿元的36个省市重点项目。")
    (portfolio,) = mentions(doc, "PORTFOLIO")
    assert portfolio.attrs["count"] == 36 and portfolio.attrs["label"] == "省市重点项目"
    assert portfolio.attrs["total"].attrs["value"] == Decimal("32340000000")
    assert portfolio.attrs["annual"].attrs["value"] == Decimal("11080000000")


def test_sentences_split_at_full_stops_and_line_breaks(nlp):
    doc = nlp("标题一行\n第一句。第二句！")
    assert [s.text.strip() for s in doc.sents] == ["标题一行", "第一句。", "第二句！"]


@pytest.mark.parametrize(
    "text",
    [
        "——访郑州市科技局党组书记、局长夏扬",
        "  郑州市 科技局\n\n 夏扬  主持会议。 ",
        "本报讯 (记者 李明)\t郑州 2024 年\u3000投资 5.4 亿元\r\n",
        " ",
    ],
)
def test_the_pipeline_spaces_words_as_spacy_does(nlp, text):
    from spacy.util import get_words_and_spaces

    doc = nlp.make_doc(text)
    tokens = [w for w in nlp.tokenizer.segmenter.cut(text) if w]
    words, spaces = get_words_and_spaces(tokens, text)
    assert [t.text for t in doc] == words and [bool(t.whitespace_) for t in doc] == spaces
    assert doc.text == text


def test_a_quoted_name_and_a_named_one_share_their_kind(find_campaigns):
    found = find_campaigns("深度融入国家“一带一路”和粤港澳大湾区发展战略。")
    assert [(m.attrs["name"], m.attrs["kind"]) for m in found] == [
        ("一带一路", "战略"),
        ("粤港澳大湾区发展战略", "战略"),
    ]
