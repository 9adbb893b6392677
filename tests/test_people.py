"""Officials, posts and organisations: hand-written sentences, none of them from the seeds."""
import pytest

from kg.extract.posts import chain_posts
from kg.nlp import mentions
from kg.nlp.names import find_names
from kg.resolve import article_city, resolve_org


def chain_of(nlp, sentence):
    (chain,) = mentions(nlp(sentence), "POST_CHAIN")
    return chain.attrs["name"], chain_posts(chain.attrs["segments"])


@pytest.mark.parametrize("sentence, name, posts", [
    # party group and head of one bureau
    ("——访郑州市教育局党组书记、局长王立新", "王立新",
     [("郑州市教育局", "党组书记"), ("郑州市教育局", "局长")]),
    # a title inside a party committee, then a committee under it
    ("会议由市委常委、政法委书记李明德主持。", "李明德", [("市委", "常委"), ("市委政法委", "书记")]),
    # each title to the nearest organisation before it
    ("市政协副主席、市发改委党组书记赵红说", "赵红", [("市政协", "副主席"), ("市发改委", "党组书记")]),
    # a zone's working committee and its administrative committee are two bodies
    ("经开区党工委书记、管委会主任李伟表示", "李伟", [("经开区党工委", "书记"), ("经开区管委会", "主任")]),
    # heads of government belong to the government
    ("巩义市委副书记、市长孙振东指出", "孙振东", [("巩义市委", "副书记"), ("巩义市人民政府", "市长")]),
    ("王建国市长在会上强调", "王建国", [("市人民政府", "市长")]),
    # a body of the division, not of its party committee
    ("区委副书记、人大常委会主任杜志刚出席", "杜志刚", [("区委", "副书记"), ("区人大常委会", "主任")]),
    # 兼 joins titles; a unit with its own parent in its name stands alone, one without attaches
    ("国家发展改革委副主任兼国家能源局局长章建华说", "章建华",
     [("国家发展改革委", "副主任"), ("国家能源局", "局长")]),
    ("应急管理部消防救援局副局长兼火灾调查司司长郭建平介绍", "郭建平",
     [("应急管理部消防救援局", "副局长"), ("应急管理部火灾调查司", "司长")]),
    # representatives and company heads count
    ("市人大代表刘建华带来了建议", "刘建华", [("市人大", "代表")]),
    ("郑州宇通集团有限公司董事长汤玉祥表示", "汤玉祥", [("郑州宇通集团有限公司", "董事长")]),
    # a name before a copula, the post closing the clause
    ("李红梅是中原区城管局执法大队中队长，工作十余年。", "李红梅", [("中原区城管局执法大队", "中队长")]),
    # a leading preposition is no part of the organisation
    ("按照河南省社会科学院院长王承哲的说法", "王承哲", [("河南省社会科学院", "院长")]),
])
def test_title_chains_give_posts(nlp, sentence, name, posts):
    assert chain_of(nlp, sentence) == (name, posts)


@pytest.mark.parametrize("sentence", [
    "力争实现全市长周期内平稳运行",  # 市长 inside 全市|长周期
    "市领导出席了会议",  # a title with no name
])
def test_no_post_without_a_title_and_a_name(nlp, sentence):
    assert mentions(nlp(sentence), "POST_CHAIN") == []


def names_in(nlp, text):
    return [m.text for m in find_names(text, [(t.idx, t.text) for t in nlp.make_doc(text)])]


@pytest.mark.parametrize("text, expected", [
    ("黄丽娟这样的返乡青年越来越多", ["黄丽娟"]),
    ("种粮大户马金锁、黄丽娟都评上了职称", ["马金锁", "黄丽娟"]),  # listed beside a name
    ("会议由卢庆华主持。", ["卢庆华"]),
    ("深入学习邓小平理论", ["邓小平"]),
    ("约翰·拉贝的日记记录了一切", ["约翰·拉贝"]),
])
def test_names_by_shape_and_cue(nlp, text, expected):
    assert names_in(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "创建全国文明城市，群众幸福感、安全感不断提升，智能化水平高",  # words jieba tags nr
    "培养更多“田秀才”“土专家”",  # a coined term in quotes
    "项目落地莫斯科和马德里",  # places abroad
])
def test_ordinary_words_are_not_names(nlp, text):
    assert names_in(nlp, text) == []


def test_an_organisation_is_named_one_way_with_every_spelling_an_alias():
    long_form, short, full = resolve_org("市科学技术局"), resolve_org("市科技局"), resolve_org("郑州市科学技术局")
    assert long_form.name == short.name == full.name == "郑州市科技局"
    assert set(long_form.aliases) == {"市科学技术局", "郑州市科学技术局"}
    assert short.aliases == ("市科技局",)


@pytest.mark.parametrize("raw, parent", [
    ("市科技局", "郑州市人民政府"),
    ("郑东新区党工委", "郑州市委"),
    ("登封市委", "郑州市委"),
    ("市委政法委", "郑州市委"),
    ("高新区管委会", "郑州高新区"),
    ("市人大常委会", "郑州市"),
])
def test_the_name_says_which_body_is_above(raw, parent):
    assert resolve_org(raw).parent == parent


def test_a_zone_party_committee_is_its_working_committee():
    assert resolve_org("郑东新区党委").name == resolve_org("郑东新区党工委").name == "郑东新区党工委"


@pytest.mark.parametrize("text, city", [
    ("新华社南阳3月1日电 市委召开常委会议", "南阳市"),
    ("本报巩义讯 市委书记到企业调研", "巩义市"),
    ("新密市召开会议。新密市委要求，我市各级……", "新密市"),
    ("郑州市委召开会议，新密市委书记发言", "郑州市"),
    ("市委召开会议", "郑州市"),
])
def test_the_article_says_which_city_is_meant_by_shi(text, city):
    assert article_city(text) == city


def test_a_bare_surname_is_no_person(extract):
    (facts,) = extract("江主席会见了代表团。卢庆华主持会议。")
    assert [p.name for p in facts.people] == ["卢庆华"]
