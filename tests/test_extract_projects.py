"""Projects, portfolios, campaigns, meetings and dates: hand-written sentences, none of them from the seeds."""

from decimal import Decimal

import pytest

from kg.nlp import mentions
from kg.nlp.dates import DateFinder, resolve_date
from kg.rdf.convert import campaign_key


@pytest.fixture(scope="module")
def find_dates(lexicon):
    return DateFinder(lexicon)


def projects_in(nlp, text):
    return {m.attrs["name"]: m for m in mentions(nlp(text), "PROJECT")}


@pytest.mark.parametrize(
    "text, names",
    [
        # a build verb before a list of names, each ending in a head word
        ("开工建设比亚迪中原研发中心、宇通新能源产业园，", ["比亚迪中原研发中心", "宇通新能源产业园"]),
        # the list read before its cue word
        ("提速奥克斯郑州科技园、格力中原区域总部等项目建设。", ["奥克斯郑州科技园", "格力中原区域总部"]),
        # 的 ends the modifier; the name starts after it
        ("加快建设统一的市域社会治理综合信息平台。", ["市域社会治理综合信息平台"]),
        # a quoted name opens the project's name
        ("打造“中原云”工业互联网平台，", ["中原云工业互联网平台"]),
        # a preposition glued to the name is no part of it
        ("打造以北斗产业园为核心的产业集群", ["北斗产业园"]),
        # works are projects; a programme called 工程 is a campaign
        ("加快建设城市燃气管网更新工程，继续实施乡村教师培养工程。", ["城市燃气管网更新工程"]),
        # every name in 项目 of a list the text announces as projects, phases included
        (
            "开工的5个项目分别是：北湖公园建设项目、滨江路拓宽改造工程、华峰纺织年产3万吨纱线项目二期。",
            ["北湖公园建设项目", "滨江路拓宽改造工程", "华峰纺织年产3万吨纱线项目二期"],
        ),
        # names listed before 等项目, each with its amount
        (
            "主要有投资8亿元的中州铝材有限公司铝板带生产线、投资2.5亿元的北辰光电触控面板等项目。",
            ["中州铝材有限公司铝板带生产线", "北辰光电触控面板"],
        ),
        # a short note in brackets is part of the name; a colon's list keeps its verbs (升级改造建设项目)
        (
            "开工的项目分别是：北环路(G207)拓宽项目、华联商厦升级改造建设项目。",
            ["北环路(G207)拓宽项目", "华联商厦升级改造建设项目"],
        ),
        ("建设天宇(宜昌)新材料产业园。", ["天宇(宜昌)新材料产业园"]),
        # the one held up for a group
        ("以华峰纺织年产3万吨纱线项目为代表的工业项目12个", ["华峰纺织年产3万吨纱线项目"]),
        # the sites an inspection visits, listed right after its verb
        ("视察组先后深入华兴电子产业园、星火创业园调研。", ["华兴电子产业园", "星火创业园"]),
        ("考察团实地考察了东湖水库和滨江新校区。", ["东湖水库", "滨江新校区"]),
        # a capacity names one investment, as an amount does; 了 ends the text before the name
        (
            "当天签约了年产10万吨钢材加工项目和日处理500吨餐厨垃圾项目。",
            ["年产10万吨钢材加工项目", "日处理500吨餐厨垃圾项目"],
        ),
    ],
)
def test_project_names_have_clean_boundaries(nlp, text, names):
    assert list(projects_in(nlp, text)) == names


@pytest.mark.parametrize(
    "text",
    [
        "打造三大平台，建设创新平台和科研平台。",  # kinds of things, not names
        "实施一批示范带动特色项目。",  # 项目 alone names no project
        "市科技局召开会议。",  # a body is no project
        "今年共有12个交通类项目、5个水利项目、8个社会事业项目开工。",  # categories counted
        "举行第三期“五个一批”项目集中开工活动。",  # a slogan in quotes
        "87个项目分别在宜昌开发区及各县市区开工。",  # a zone named after its place
        "该企业年产值超过5亿元，主要生产项目包括机床。",  # 年产值 is output, no capacity
        "志愿者走进高新区创业园开展宣传。",  # a visit of volunteers is no inspection
    ],
)
def test_generic_phrases_are_not_projects(nlp, text):
    assert projects_in(nlp, text) == {}


def test_listed_projects_carry_their_own_amounts(nlp):
    found = projects_in(nlp, "主要有投资8亿元的中州铝材有限公司铝板带生产线、投资2.5亿元的北辰光电触控面板等项目。")
    assert found["中州铝材有限公司铝板带生产线"].attrs["total"].attrs["value"] == Decimal("800000000")
    assert found["北辰光电触控面板"].attrs["total"].attrs["value"] == Decimal("250000000")


def test_amounts_before_and_after_the_name(nlp):
    found = projects_in(
        nlp, "建设投资3.6亿元的嵩岳文化公园，同步推进中牟汽车零部件产业园，总投资超过20亿元。设立80亿元科技创新基金。"
    )
    assert found["嵩岳文化公园"].attrs["total"].attrs["value"] == Decimal("360000000")
    park = found["中牟汽车零部件产业园"].attrs["total"]
    assert park.attrs["value"] == Decimal("2000000000") and park.attrs["approximate"]
    assert found["科技创新基金"].attrs["total"].attrs["value"] == Decimal("8000000000")


@pytest.mark.parametrize(
    "text, name, total, annual, approximate",
    [
        # a later clause of the sentence, after its size and before its schedule
        (
            "颐和康养产业园项目占地80亩，概算投资约3亿元，建设工期24个月。",
            "颐和康养产业园项目",
            "300000000",
            None,
            True,
        ),
        # the next sentence, when it opens on the project: the total and this year's share
        (
            "市长察看了云锦智能装备产业园项目。该项目总投资12.5亿元，今年计划投资3亿元。",
            "云锦智能装备产业园",
            "1250000000",
            "300000000",
            False,
        ),
        ("开工建设华瑞电子材料产业园，计划累计投资12.6亿元。", "华瑞电子材料产业园", "1260000000", None, False),
    ],
)
def test_an_amount_later_in_the_sentence_or_the_next_is_the_projects(nlp, text, name, total, annual, approximate):
    project = projects_in(nlp, text)[name].attrs
    assert project["total"].attrs["value"] == Decimal(total)
    assert (project["annual"] and str(int(project["annual"].attrs["value"]))) == annual
    assert project["total"].attrs["approximate"] == approximate


@pytest.mark.parametrize(
    "text",
    [
        "华瑞电子材料产业园项目已累计完成投资3亿元。",  # money spent so far is no investment of the project
        "开工建设华瑞电子材料产业园。全市固定资产投资增长8%，总投资500亿元。",  # the next sentence is not about it
    ],
)
def test_an_amount_about_something_else_is_not_the_projects(nlp, text):
    (project,) = projects_in(nlp, text).values()
    assert project.attrs["total"] is None


@pytest.mark.parametrize(
    "text, name",
    [
        ("区长甲乙一行来到瑞丰冷链物流园建设现场。", "瑞丰冷链物流园"),  # the visit's verb ends the clause before
        ("全力打造数字化智慧督查平台。", "数字化智慧督查平台"),  # a verb that also stands inside names stays in it
    ],
)
def test_a_visits_verb_ends_the_name_before_it(nlp, text, name):
    assert list(projects_in(nlp, text)) == [name]


@pytest.mark.parametrize("text", ["市领导到太白县检查重点项目建设情况。", "坚持高质量建设项目，确保早见成效。"])
def test_what_is_done_to_projects_names_none(nlp, text):
    assert projects_in(nlp, text) == {}


def test_output_is_no_investment(nlp):
    found = projects_in(nlp, "加快建设年产值50亿元的智能传感器产业园。")
    assert found["智能传感器产业园"].attrs["total"] is None


def test_an_approximate_count_and_the_parts_of_an_aggregate(nlp):
    (whole,) = mentions(nlp("全省共有200多个重大合作项目签约，总投资达到1500亿元。"), "PORTFOLIO")
    assert (whole.attrs["count"], whole.attrs["approximate"]) == (200, True)
    found = mentions(nlp("签约的12个项目中，内资项目8个，合同资金达20亿元；总投资10亿元以上项目3个。"), "PORTFOLIO")
    assert [(m.attrs["count"], m.attrs["total"].attrs["value"]) for m in found] == [(8, Decimal("2000000000"))]


def test_a_project_is_located_by_the_division_in_or_before_its_name(extract):
    (facts,) = extract("标题\n\n高标准建设新郑市黄帝故里文化产业园，打造郑州国际文化交流中心。\n")
    located = {p.name: p.location for p in facts.projects}
    assert located == {"黄帝故里文化产业园": "新郑市", "郑州国际文化交流中心": "郑州市"}
    # what is left of a bare facility is the division's own
    (facts,) = extract("标题\n\n开工建设兰考县体育馆、兰考县文化馆等项目。\n")
    assert [(p.name, p.location) for p in facts.projects] == [("兰考县体育馆", "兰考县"), ("兰考县文化馆", "兰考县")]


@pytest.mark.parametrize(
    "sentence, name",
    [
        # the bare head of a named project, with the event the sentence reports of it
        ("区委书记宣布某某港产城合作区一期项目开工。", "某某港产城合作区一期项目"),
        ("某某新材料项目顺利投产。", "某某新材料项目"),
        # the site of the one project, and a sentence that opens on a project to describe it
        ("签约仪式在青山新材料建设项目现场举行。", "青山新材料建设项目"),
        ("石门古村项目为景区配套服务设施，预计年底完工。", "石门古村项目"),
        # works under way at its site
        ("在五华区青山农产品交易中心施工现场，车水马龙。", "青山农产品交易中心"),
        # 暨 joins two events, 共有 counts what follows: neither is part of the name
        ("举行重点项目集中开工暨东环路建设项目奠基仪式。", "东环路建设项目"),
        ("兰考县共有某某工业集中区标准厂房(二期)等项目开工。", "某某工业集中区标准厂房(二期)"),
    ],
)
def test_a_name_in_xiangmu_is_a_project_when_the_sentence_reports_its_event(extract, sentence, name):
    (facts,) = extract(f"标题\n\n{sentence}\n")
    assert [p.name for p in facts.projects] == [name]


@pytest.mark.parametrize(
    "sentence",
    [
        "坚定不移谋项目、招项目、干项目，推动发展。",  # projects as a slogan's object
        "此次开工的8个亿元以上项目，计划总投资18.45亿元。",  # a bound of a kind
        "聚焦经济建设这一中心工作。",  # a determiner points at a thing named before
    ],
)
def test_a_verb_a_bound_or_a_determiner_before_the_head_names_no_project(extract, sentence):
    (facts,) = extract(f"标题\n\n{sentence}\n")
    assert facts.projects == []


def test_a_kind_of_project_with_its_event_is_no_name(extract):
    (facts,) = extract("标题\n\n全市重点项目开工，示范带动特色项目开工。民生项目为群众办实事。在重点项目现场观摩。\n")
    assert facts.projects == []


@pytest.mark.parametrize(
    "text, count, total, annual",
    [
        ("全年实施特色农业项目6个、年度投资4.7亿元，", 6, None, Decimal("470000000")),
        ("累计签约重大项目158个，总投资超过1700亿元。", 158, Decimal("170000000000"), None),
        (
            "谋划实施总投资52.3亿元、年度投资19.8亿元的重点文旅项目10个。",
            10,
            Decimal("5230000000"),
            Decimal("1980000000"),
        ),
        # the count after 共计, kinds of investment of every form news uses, a verb phrase between
        (
            "此次开工项目共计41个，总投资96.5亿元，年度计划完成投资30.2亿元。",
            41,
            Decimal("9650000000"),
            Decimal("3020000000"),
        ),
        ("宜昌市52个重大项目开工建设，预估总投资320亿元。", 52, Decimal("32000000000"), None),
        ("合同引资额达120.5亿元的16个招商引资项目顺利签约。", 16, Decimal("12050000000"), None),
    ],
)
def test_portfolios_with_the_count_on_either_side(nlp, text, count, total, annual):
    (portfolio,) = mentions(nlp(text), "PORTFOLIO")
    value = lambda money: money and money.attrs["value"]  # noqa: E731
    assert (portfolio.attrs["count"], value(portfolio.attrs["total"]), value(portfolio.attrs["annual"])) == (
        count,
        total,
        annual,
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("扎实开展“万人助万企”“三个一批”活动", [("万人助万企", "活动"), ("三个一批", "活动")]),
        ("建立“周调度、月通报”机制", [("周调度、月通报", "机制")]),
        ("采用“师徒结对”的形式", [("师徒结对", "形式")]),
        ("实施大数据人才培养“码农计划”，", [("码农计划", "计划")]),
        (
            "围绕黄河流域生态保护和高质量发展、中部地区崛起等国家重大战略",
            [("黄河流域生态保护和高质量发展", "战略"), ("中部地区崛起", "战略")],
        ),
        ("。文化惠民提升专项。", [("文化惠民提升专项", "专项")]),
        ("推进公立医院薪酬制度改革", []),  # an unquoted reform of policy is no named drive
        # a name raised to a kind: the name, not the verb phrase
        ("。淮河生态经济带已经上升为国家战略，", [("淮河生态经济带", "战略")]),
    ],
)
def test_campaign_shapes(find_campaigns, text, expected):
    assert [(m.attrs["name"], m.attrs["kind"]) for m in find_campaigns(text)] == expected


def test_a_quoted_campaign_is_the_same_campaign_elsewhere(find_campaigns):
    names = [m.attrs["name"] for m in find_campaigns("全面开展“三标”活动。树立“三标”意识，")]
    assert names == ["三标", "三标"]


def test_campaign_spellings_are_one_campaign(find_campaigns):
    spellings = [
        m.attrs
        for m in find_campaigns("深入实施创新驱动、科教兴省、人才强省战略，加快推进创新驱动科教兴省人才强省战略。")
    ]
    assert len({campaign_key(s["name"], s["kind"]) for s in spellings}) == 1 and len(spellings) == 2


@pytest.mark.parametrize(
    "text, name",
    [
        ("“市委十三届三次全会暨市委经济工作会议深刻分析了形势", "市委十三届三次全会暨市委经济工作会议"),
        ("1月26日，省两会上，代表们", "省两会"),
        ("固化世界智能传感器大会、数字经济峰会等活动", "世界智能传感器大会"),
        # a congress's or CPPCC's session as the page writes it, the body's name included
        ("3月2日上午，宜昌市第九届人民代表大会第三次会议开幕。", "宜昌市第九届人民代表大会第三次会议"),
        (
            "中国人民政治协商会议第十届伊川县委员会第二次会议隆重开幕",
            "中国人民政治协商会议第十届伊川县委员会第二次会议",
        ),
        ("政协河北省十三届二次会议举行第三次全体会议", "政协河北省十三届二次会议"),
        ("市人大常委会召开第15次主任会议", "第15次主任会议"),
        # a quoted title opens the name, kept whole
        ("在“河南高质量发展”系列主题新闻发布会上，市长介绍情况。", "“河南高质量发展”系列主题新闻发布会"),
        ("举办“中原论坛”年会", "“中原论坛”年会"),
        # what one does with a meeting, a day or a count before it are no part of its name
        ("副市长甲乙列席省十四届人大三次会议。", "省十四届人大三次会议"),
        ("紧扣市委十三届七次全会部署，抓好落实。", "市委十三届七次全会"),
        (
            "2025年10月24日宜昌市第八届人民代表大会常务委员会第二十八次会议召开。",
            "宜昌市第八届人民代表大会常务委员会第二十八次会议",
        ),
    ],
)
def test_meeting_names(find_meetings, text, name):
    assert name in [m.attrs["name"] for m in find_meetings(text)]


@pytest.mark.parametrize(
    "text",
    [
        "宜昌市人民代表大会常务委员会任免名单",  # the congress as a body
        "会议举行第三次全体会议，大会发言踊跃。",  # a sitting by its number, a part of the meeting
        "议案提请大会审议",  # a verb before 大会
        "大会主席团第二次会议通过了名单",  # the presidium's sittings
        "中国人民政治协商会议河北省石家庄市委员会办公厅主办",  # the CPPCC of a place, as a body
        "补选甲乙为宜昌市第九届人民代表大会代表。",  # the congress of a term, as a body
    ],
)
def test_bodies_sittings_and_verbs_are_no_meetings(find_meetings, text):
    assert find_meetings(text) == []


def test_a_meeting_takes_its_fullest_name_on_the_page(extract):
    (facts,) = extract("市政协九届五次常委会会议召开\n\n3月5日，市政协召开九届五次常委会会议。\n")
    assert {(m.name, m.date) for m in facts.meetings} >= {("市政协九届五次常委会会议", None)}
    assert {m.name for m in facts.meetings} == {"市政协九届五次常委会会议"}


@pytest.mark.parametrize(
    "text", ["贯彻落实市委全会精神", "参加政协会议", "在会议室召开", "如何更好地将会议精神落到实处"]
)
def test_references_rooms_and_verbs_are_no_meeting_names(find_meetings, text):
    assert find_meetings(text) == []


@pytest.mark.parametrize(
    "text, article_date, expected",
    [
        ("昨日召开", "2023-03-01", "2023-02-28"),
        ("26日，在视频调度会上", "2022-03-01", "2022-02-26"),  # a day after the article's day is last month's
        ("12日召开", "2022-04-15", "2022-04-12"),
        ("1月28日，省两会上", "2024-01-30", "2024-01-28"),
        ("日前召开", "2022-04-15", None),  # names no day
        ("将于本月28日召开", "2022-04-15", "2022-04-28"),  # this month's day, after the article's
    ],
)
def test_relative_dates_resolve_against_the_article_date(find_dates, text, article_date, expected):
    (date,) = find_dates(text)
    assert resolve_date(date.attrs, article_date, None) == expected


def test_a_meeting_is_dated_by_the_nearest_date_of_its_sentence_not_the_dateline(extract, extractor, nlp):
    (facts,) = extract("标题\n\n本报5月6日讯 市六届人大常委会第九次会议昨天召开。\n")
    assert [(m.name, m.date) for m in facts.meetings] == [("市六届人大常委会第九次会议", None)]
    from pathlib import Path

    from kg.ingest import SourceText, split_articles
    from kg.ingest.metadata import PageInfo

    (article,) = [
        a
        for a in split_articles(
            SourceText(
                Path("daily_20220506.txt"),
                "标题\n\n本报5月6日讯 市六届人大常委会第九次会议昨天召开。\n",
                "utf-8",
                info=PageInfo("2022-05-06"),
            )
        )
        if "会议" in a.text
    ]
    facts = extractor.facts(article, nlp(article.text))
    assert [(m.name, m.date) for m in facts.meetings] == [("市六届人大常委会第九次会议", "2022-05-05")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a verb inside the name that leaves no name after it is part of it
        ("持续深化高质量发展推进年活动，不断优化结构。", [("高质量发展推进年活动", "活动")]),
        # an unquoted name goes on to whatever follows its kind word
        ("把开展城乡环境卫生整治活动焕发出的热情转化为动力", [("城乡环境卫生整治活动", "活动")]),
        # a link between a quoted name and its kind; 倡议 after a quoted name
        ("开展“文明家庭评选”系列活动。", [("文明家庭评选", "活动")]),
        ("作为“丝路经济”倡议的节点城市", [("丝路经济", "倡议")]),
    ],
)
def test_campaigns_beyond_the_first_shapes(find_campaigns, text, expected):
    assert [(m.attrs["name"], m.attrs["kind"]) for m in find_campaigns(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "光伏、储能等战略性新兴产业快速发展。",  # 战略性 is an adjective
        "市委书记甲乙出席活动。",  # an event a leader attends
        "某区开展重点项目观摩活动。",  # an inspection tour
        "社区新建了老年活动室。",  # a room
    ],
)
def test_clauses_and_words_with_a_kind_inside_are_no_campaigns(find_campaigns, text):
    assert find_campaigns(text) == []


def test_the_items_of_an_enumerated_list_of_projects_are_projects_whatever_their_heads(extract):
    text = (
        "标题\n\n本次开工项目3个，具体是：(一)2个政府投资项目:1.某某县文化馆、图书馆两馆合一项目;"
        "2.某某县基层卫生院业务用房。(二)1个企业投资项目:1.某某海洋牧场项目(一期)。\n\n"
        "开工项目名单\n\n某某汽车零部件有限公司精密轴承生产项目\n\n某某物流中心建设项目\n\n"
        "出席活动的县领导共同为项目培土奠基，力争项目早日投产。\n"
    )
    (facts,) = extract(text)
    assert [p.name for p in facts.projects] == [
        "某某县文化馆、图书馆两馆合一项目",
        "某某县基层卫生院业务用房",
        "某某海洋牧场项目(一期)",
        "某某汽车零部件有限公司精密轴承生产项目",
        "某某物流中心建设项目",
    ]


def test_a_list_before_a_label_of_a_kind_of_projects_joins_items_by_ji_after_a_name(extract):
    text = (
        "标题\n\n目前，青山国际珠宝城、白云重点旅游板块、蓝湖生态监测基地及投资1.6亿元的“翠谷山庄度假村”"
        "等重点旅游项目开始建设。某某田园综合体二期、白鹭东岸民宿等8个代表项目集中签约。正在等待项目审批。\n"
    )
    (facts,) = extract(text)
    assert [(p.name, p.investment.total) for p in facts.projects] == [
        ("青山国际珠宝城", None),
        ("白云重点旅游板块", None),
        ("蓝湖生态监测基地", None),
        ("翠谷山庄度假村", Decimal("160000000")),
        ("某某田园综合体二期", None),
        ("白鹭东岸民宿", None),
    ]


@pytest.mark.parametrize(
    "sentence, projects",
    [
        # a project named in what the clause says of another is no new subject: the amount is the first's
        (
            "青山电芯总部基地是某某新能源产业基地的重要组成部分，项目总投资60亿元，占地347亩。",
            [("青山电芯总部基地", Decimal("6000000000")), ("某某新能源产业基地", None)],
        ),
        # an amount and a capacity that opens the name, in a list of its attributes
        ("签订的总投资5.5亿元、年产7500万米胚布生产线项目。", [("年产7500万米胚布生产线项目", Decimal("550000000"))]),
        # a year before a kind of projects, and a count of them, name none
        ("某某产业化项目是2017年市级重点建设项目。", [("某某产业化项目", None)]),
        ("要求高标准包装策划一批大项目、好项目。", []),
    ],
)
def test_amounts_go_to_the_subject_and_kinds_of_projects_name_none(extract, sentence, projects):
    (facts,) = extract(f"标题\n\n{sentence}\n")
    assert [(p.name, p.investment.total) for p in facts.projects] == projects
