"""Officials, posts and organisations: hand-written sentences, none of them from the seeds."""

from pathlib import Path

import pytest

from kg.extract.posts import ChainPosts
from kg.nlp import mentions
from kg.nlp.name_finder import NameFinder
from kg.nlp.shapes import NameShapes


def chain_of(nlp, sentence):
    (chain,) = mentions(nlp(sentence), "POST_CHAIN")
    return chain.attrs["name"], ChainPosts(nlp.tokenizer.lexicon)(chain.attrs["segments"])


@pytest.mark.parametrize(
    "sentence, name, posts",
    [
        # party group and head of one bureau
        ("——访郑州市教育局党组书记、局长王立新", "王立新", [("郑州市教育局", "党组书记"), ("郑州市教育局", "局长")]),
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
        (
            "国家发展改革委副主任兼国家能源局局长章建华说",
            "章建华",
            [("国家发展改革委", "副主任"), ("国家能源局", "局长")],
        ),
        (
            "应急管理部消防救援局副局长兼火灾调查司司长郭建平介绍",
            "郭建平",
            [("应急管理部消防救援局", "副局长"), ("应急管理部火灾调查司", "司长")],
        ),
        # representatives and company heads count
        ("市人大代表刘建华带来了建议", "刘建华", [("市人大", "代表")]),
        ("郑州宇通集团有限公司董事长汤玉祥表示", "汤玉祥", [("郑州宇通集团有限公司", "董事长")]),
        # a name before a copula, the post closing the clause
        ("李红梅是中原区城管局执法大队中队长，工作十余年。", "李红梅", [("中原区城管局执法大队", "中队长")]),
        # a given name may end on a character that also starts a reporting word (强 of 强调): jieba's cut tells
        ("市科技局局长吴国强表示，要抓好落实", "吴国强", [("市科技局", "局长")]),
        ("市发改委主任李志强强调，要守住底线", "李志强", [("市发改委", "主任")]),
        ("市发改委主任王刚强调，要守住底线", "王刚", [("市发改委", "主任")]),
        # a body and its head's title sharing a character, as news shortens them
        ("市委宣传部长李明出席", "李明", [("市委宣传部", "部长")]),
        ("县公安局长张伟介绍", "张伟", [("县公安局", "局长")]),
        # what stands before a body of the page's own place: a verb of being, a preposition before the place
        ("在主席台就座的还有市政协主席刘建华", "刘建华", [("市政协", "主席")]),
        ("出席活动的县领导有县人大主任张国栋", "张国栋", [("县人大", "主任")]),
        ("受市委书记王建国委托", "王建国", [("市委", "书记")]),
        ("会见了以国务院国资委主任李明为团长的代表团", "李明", [("国务院国资委", "主任")]),
        # an autonomous region's chair and vice-chairs head its government; the region named again is itself
        ("自治区副主席李明出席", "李明", [("自治区人民政府", "副主席")]),
        (
            "西藏自治区党委常委、自治区常务副主席吴建华出席",
            "吴建华",
            [("西藏自治区党委", "常委"), ("西藏自治区人民政府", "常务副主席")],
        ),
        # the party's name before the place after a verb of election, and a congress written in full
        ("孙建华当选中共某某市委书记", "孙建华", [("中共某某市委", "书记")]),
        ("补选刘建华为河南省第十二届人民代表大会代表", "刘建华", [("河南省第十二届人民代表大会", "代表")]),
        # a caption spaces body, title and name on a line of their own
        ("某某市人民政府市长 孙建华\n", "孙建华", [("某某市人民政府", "市长")]),
        ("河南省自然资源厅 总工程师 孙建华\n", "孙建华", [("河南省自然资源厅", "总工程师")]),
        # a city's short name and its head's title: the city's government
        ("宝鸡市长吴建华会见了客人", "吴建华", [("宝鸡市人民政府", "市长")]),
        # a given name the dictionary holds as a rare verb (强卫 v 3) after a title
        ("省人大常委会主任强卫在会上讲话", "强卫", [("省人大常委会", "主任")]),
        # a leading preposition is no part of the organisation
        ("按照河南省社会科学院院长王承哲的说法", "王承哲", [("河南省社会科学院", "院长")]),
    ],
)
def test_title_chains_give_posts(nlp, sentence, name, posts):
    assert chain_of(nlp, sentence) == (name, posts)


@pytest.mark.parametrize(
    "sentence",
    [
        "力争实现全市长周期内平稳运行",  # 市长 inside 全市|长周期
        "市领导出席了会议",  # a title with no name
        "他后来当了副市长",  # a title that ends the text
        "会上，方婷在主席台前排就座",  # 主席 inside 主席台 is no title after its holder
    ],
)
def test_no_post_without_a_title_and_a_name(nlp, sentence):
    assert mentions(nlp(sentence), "POST_CHAIN") == []


def posts_in(pipeline, text):
    """(person, title, organisation as resolved) of every post in a hand-written article."""
    from pathlib import Path

    from rdflib import Graph

    from kg.ingest import SourceText, split_articles
    from kg.rdf.vocab import PREFIXES

    articles = split_articles(SourceText(Path("handwritten.txt"), text, "utf-8"))
    graph = Graph()
    for article in pipeline.build_page(articles).articles:
        graph.parse(data=article.ntriples.decode(), format="nt")
    rows = graph.query(
        """SELECT ?name ?title ?org WHERE { ?m a org:Membership ; org:member/foaf:name ?name ;
                          org:role/rdfs:label ?title ; org:organization/skos:prefLabel ?org }""",
        initNs=PREFIXES,
    )
    return sorted((str(n), str(t), str(o)) for n, t, o in rows)


@pytest.mark.parametrize(
    "text, posts",
    [
        # one title shared by a list of names
        (
            "市政协副主席马文、钱立群、孙悦参加活动。",
            [("孙悦", "副主席", "郑州市政协"), ("钱立群", "副主席", "郑州市政协"), ("马文", "副主席", "郑州市政协")],
        ),
        # a bare title after a chain takes the chain's body
        (
            "市人大常委会主任冯强，副主任高磊、郑丽出席。",
            [
                ("冯强", "主任", "郑州市人大常委会"),
                ("郑丽", "副主任", "郑州市人大常委会"),
                ("高磊", "副主任", "郑州市人大常委会"),
            ],
        ),
        # elections, appointments, removals and resignations name the people first
        (
            "选举结果宣布：吴海当选为市人民政府市长，陈刚、林涛当选为市人大常委会副主任。",
            [
                ("吴海", "市长", "郑州市人民政府"),
                ("林涛", "副主任", "郑州市人大常委会"),
                ("陈刚", "副主任", "郑州市人大常委会"),
            ],
        ),
        (
            "会议决定任命赵磊为市财政局局长，钱进为市审计局局长。",
            [("赵磊", "局长", "郑州市财政局"), ("钱进", "局长", "郑州市审计局")],
        ),
        (
            "会议决定免去孙立、周文的市人民政府副市长职务。",
            [("周文", "副市长", "郑州市人民政府"), ("孙立", "副市长", "郑州市人民政府")],
        ),
        ("因工作调动，何平提出辞去市人大常委会委员职务。", [("何平", "委员", "郑州市人大常委会")]),
        # a removal's verb goes on over the clauses after a semicolon
        (
            "会议决定，分别免去冯军的市人大常委会委员职务；潘东的市审计局局长职务。",
            [("冯军", "委员", "郑州市人大常委会"), ("潘东", "局长", "郑州市审计局")],
        ),
        # the one named of those counted holds the post
        ("冯军等36位同志当选为市人大常委会委员。", [("冯军", "委员", "郑州市人大常委会")]),
        # a verb that jieba glues to the name is no part of it
        ("会议听取了市政府副市长邓晓明作的关于防汛工作的报告。", [("邓晓明", "副市长", "郑州市人民政府")]),
        # a title and name before a conjunction are no part of the next body
        (
            "市委书记韦国栋和市政协主席龚秀英会见了客人。",
            [("龚秀英", "主席", "郑州市政协"), ("韦国栋", "书记", "郑州市委")],
        ),
        # the term of a congress is no part of the body's name
        ("市六届人大常委会副主任冯军出席。", [("冯军", "副主任", "郑州市人大常委会")]),
        # a congress's special committees are its own; its standing committee's working bodies are the committee's
        (
            "潘东提出辞去市人大常委会委员、法制委员会主任委员职务。",
            [("潘东", "主任委员", "郑州市人大法制委员会"), ("潘东", "委员", "郑州市人大常委会")],
        ),
        ("会议任命蔡林为市人大常委会预算工作委员会副主任。", [("蔡林", "副主任", "郑州市人大常委会预算工作委员会")]),
        # the title says the level of the government
        (
            "市委书记韦国栋，副省长龚秀英出席。",
            [("韦国栋", "书记", "郑州市委"), ("龚秀英", "副省长", "河南省人民政府")],
        ),
        # roles of one session of a congress are no posts
        ("大会主席团常务主席韦国栋、龚秀英在主席台就座。大会财经委员会主任委员潘东作报告。", []),
        # courts, procuratorates and people's organisations
        (
            "市中级人民法院院长潘东、市人民检察院检察长蔡林、市残联理事长冯军出席。",
            [
                ("冯军", "理事长", "郑州市残联"),
                ("潘东", "院长", "郑州市中级人民法院"),
                ("蔡林", "检察长", "郑州市检察院"),
            ],
        ),
        # 原 at the end of a place's name is the place's (太原), not "former"
        ("太原市长冯军出席。", [("冯军", "市长", "太原市人民政府")]),
        # a company keeps the place in its name; a former holder is named by the post
        (
            "华宇河南能源有限公司董事长蔡林，市人大常委会原主任冯军出席。",
            [("冯军", "主任", "郑州市人大常委会"), ("蔡林", "董事长", "华宇河南能源有限公司")],
        ),
    ],
)
def test_posts_as_news_writes_them(pipeline, text, posts):
    assert posts_in(pipeline, text) == sorted(posts)


def test_posts_on_a_page_from_another_city(pipeline):
    text = "本报讯 昨日，宜昌市委书记马强调研项目建设。市委副书记、市长胡斌，市政协主席韩梅陪同。"
    assert posts_in(pipeline, text) == sorted(
        [
            ("马强", "书记", "宜昌市委"),
            ("胡斌", "副书记", "宜昌市委"),
            ("胡斌", "市长", "宜昌市人民政府"),
            ("韩梅", "主席", "宜昌市政协"),
        ]
    )


def test_an_interview_page_interviews_the_official_its_heading_names(pipeline):
    from pathlib import Path

    from kg.ingest import SourceText, split_articles

    page = "第三版\n柳州市鱼峰区委书记蔡林：\n建设工业强区\n\n书记访谈\n\n近年来，鱼峰区推动工业发展。\n"
    articles = split_articles(SourceText(Path("handwritten.txt"), page, "utf-8"))
    graphs = pipeline.build_page(articles)
    assert any("interviewee" in article.ntriples.decode() for article in graphs.articles)


def test_a_name_is_whole_where_jieba_glued_its_last_character_to_the_verb(pipeline):
    # jieba cuts 吕明|山到: the name ends before the verb all the same
    assert posts_in(pipeline, "开封市委书记吕明山到兰考县调研。") == [("吕明山", "书记", "开封市委")]


def test_a_heading_names_an_official_whatever_the_surname(extract):
    pages = extract("标题\n\n——访广西那坡县委副书记、县长农布达\n\n正文说到这里。")
    assert [(p.person, p.title) for facts in pages for p in facts.posts] == [("农布达", "副书记"), ("农布达", "县长")]
    assert [i.person for facts in pages for i in facts.interviews] == ["农布达"]


def _interviewed(pipeline, page: str) -> list[str]:
    from kg.ingest import SourceText, split_articles

    articles = split_articles(SourceText(Path("handwritten.txt"), page, "utf-8"))
    docs = [pipeline.nlp(article.text) for article in articles]
    return [i.person for facts in pipeline.extractor.page_facts(articles, docs) for i in facts.interviews]


@pytest.mark.parametrize(
    "page",
    [
        "本台专访开封市委副书记、市长石国华\n\n2024年3月1日\n\n石国华介绍了开封的发展。\n",
        "开封面向未来\n\n新华社记者近日专访了开封市委书记吕明山。\n",
        "开封市委书记吕明山近日接受本台记者专访，谈开封的发展。\n",
    ],
)
def test_an_interview_names_its_official_after_its_mark(pipeline, page):
    assert _interviewed(pipeline, page)[:1] in (["石国华"], ["吕明山"])


def test_the_official_who_answers_a_reporters_questions_is_interviewed(pipeline):
    page = (
        "开封这一年\n\n开封市委书记吕明山介绍了全市的发展。\n\n记者：今年开封有哪些新的举措？\n\n"
        "吕明山：我们将全力推进项目建设。\n"
    )
    assert _interviewed(pipeline, page) == ["吕明山"]


def test_a_reporters_byline_is_no_question(pipeline):
    page = "开封这一年\n\n记者：王红\n\n开封市委书记吕明山出席会议。\n\n吕明山：要抓好落实。\n"
    assert _interviewed(pipeline, page) == []


def test_a_county_named_after_its_province_is_named_without_it(resolver):
    assert resolver.organisation("广西那坡县委").name == "那坡县委"
    assert resolver.organisation("云南省人民政府").name == "云南省人民政府"


def test_the_verb_ren_before_a_place_is_no_surname(nlp):
    text = "两人由县委书记任设区市副市长，一人由县长任省级开发区管委会主任。"
    assert [m.attrs["name"] for m in mentions(nlp(text), "POST_CHAIN")] == []


def names_in(nlp, text):
    find = NameFinder(NameShapes(nlp.tokenizer.lexicon, nlp.tokenizer.dictionary))
    return [m.text for m in find(text, [(t.idx, t.text) for t in nlp.make_doc(text)])]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("黄丽娟这样的返乡青年越来越多", ["黄丽娟"]),
        ("种粮大户马金锁、黄丽娟都评上了职称", ["马金锁", "黄丽娟"]),  # listed beside a name
        ("会议由卢庆华主持。", ["卢庆华"]),
        ("深入学习邓小平理论", ["邓小平"]),
        ("约翰·拉贝的日记记录了一切", ["约翰·拉贝"]),
        # list items jieba cut into a surname and a word (王|立新、马|海军), beside names
        (
            "出席的有张晓燕、王立新、马海军、孙卫国、吕和平、何光明等。",
            ["张晓燕", "王立新", "马海军", "孙卫国", "吕和平", "何光明"],
        ),
        # a name jieba glued to a particle (李秋文则), and no given name of three characters
        ("陈海、李秋文则分别调任。", ["陈海", "李秋文"]),
        # a roll of members printed back to back, notes in brackets between
        ("委员名单：孙建华钱卫东周美玲（女）吴晓峰郑国强。", ["孙建华", "钱卫东", "周美玲", "吴晓峰", "郑国强"]),
    ],
)
def test_names_by_shape_and_cue(nlp, text, expected):
    assert names_in(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "创建全国文明城市，群众幸福感、安全感不断提升，智能化水平高",  # words jieba tags nr
        "培养更多“田秀才”“土专家”",  # a coined term in quotes
        "项目落地莫斯科和马德里",  # places abroad
        "推进高质量发展和乡村振兴战略实施工作",  # a long clause is no roll of names
        "他在何家湾北段和高楼营公路桥查看整改情况",  # nor a few village names in a row
        "游客来到乔尔玛草原和汤加勒草原观光",  # a name before 草原 is a place
        "实现高效益、低能耗、零排放",  # a list with no name in it
    ],
)
def test_ordinary_words_are_not_names(nlp, text):
    assert names_in(nlp, text) == []


def test_an_organisation_is_named_one_way_with_every_spelling_an_alias(resolver):
    long_form, short, full = (
        resolver.organisation("市科学技术局"),
        resolver.organisation("市科技局"),
        resolver.organisation("郑州市科学技术局"),
    )
    assert long_form.name == short.name == full.name == "郑州市科技局"
    assert set(long_form.aliases) == {"市科学技术局", "郑州市科学技术局"}
    assert short.aliases == ("市科技局",)


@pytest.mark.parametrize(
    "raw, parent",
    [
        ("市科技局", "郑州市人民政府"),
        ("郑东新区党工委", "郑州市委"),
        ("登封市委", "郑州市委"),
        ("市委政法委", "郑州市委"),
        ("高新区管委会", "郑州高新区"),
        ("市人大常委会", "郑州市"),
    ],
)
def test_the_name_says_which_body_is_above(resolver, raw, parent):
    assert resolver.organisation(raw).parent == parent


def test_a_zone_party_committee_is_its_working_committee(resolver):
    assert (
        resolver.organisation("郑东新区党委").name == resolver.organisation("郑东新区党工委").name == "郑东新区党工委"
    )


@pytest.mark.parametrize(
    "text, city",
    [
        ("新华社南阳3月1日电 市委召开常委会议", "南阳市"),
        ("本报巩义讯 市委书记到企业调研", "巩义市"),
        ("新密市召开会议。新密市委要求，我市各级……", "新密市"),
        ("郑州市委召开会议，新密市委书记发言", "郑州市"),
        ("市委召开会议", "郑州市"),
        # the outlet a page names is its place, whoever else it names
        ("宜昌市代表团参观展会。宜昌市副市长讲话。来源：襄阳日报", "襄阳市"),
        # visitors come to the page's own place (来 + the city's first character), and go elsewhere (到)
        ("柳州市委书记率柳州市党政考察团来桂考察，柳州市客人参观了园区", "桂林市"),
        ("市委书记率团到赣州市考察学习", "郑州市"),
    ],
)
def test_the_page_says_which_city_is_meant_by_shi(resolver, text, city):
    assert resolver.places.of_page(text, resolver.places.home()).city == city


def test_a_page_that_names_another_province_reads_sheng_as_that_province(resolver):
    lead = "省人大常委会表决通过人事任免案，任命和免去了一批国家机关工作人员的职务。" * 5
    place = resolver.places.of_page(lead + "会议接受了芜湖市人大常委会的决定。", resolver.places.home())
    assert (place.province, place.city) == ("安徽省", None)
    assert resolver.organisation("省人大常委会", place).name == "安徽省人大常委会"
    assert resolver.organisation("市人大常委会", place).name == "市人大常委会"


def test_the_home_city_is_a_setting(resolver):
    assert resolver.places.of_page("市委召开会议", resolver.places.home("杭州")) == resolver.places.home("杭州市")
    assert resolver.organisation("省委", resolver.places.home("杭州")).name == "浙江省委"


def test_a_county_page_reads_xian_as_that_county(resolver):
    place = resolver.places.of_page(
        "中国人民政治协商会议第五届伊川县委员会第二次会议开幕。县委书记讲话", resolver.places.home()
    )
    assert place.county == "伊川县" and place.city == "洛阳市"
    assert resolver.organisation("县委", place).name == "伊川县委"
    assert resolver.organisation("政协第五届伊川县委员会", place).name == "伊川县政协"


def test_a_bare_surname_is_no_person(extract):
    (facts,) = extract("江主席会见了代表团。卢庆华主持会议。")
    assert [p.name for p in facts.people] == ["卢庆华"]


def test_a_career_list_gives_each_post_to_the_person_the_sentence_is_about(extract):
    text = (
        "标题\n\n拟任某市委书记的柏文涛为现任市长。他先后出任海宁团市委副书记、书记，郭店镇党委副书记、镇长、"
        "党委书记，2011年11月提名为市长候选人。\n"
    )
    posts = {(post.person, post.title, post.org) for facts in extract(text) for post in facts.posts}
    assert {
        ("柏文涛", "副书记", "海宁团市委"),
        ("柏文涛", "书记", "海宁团市委"),
        ("柏文涛", "镇长", "郭店镇人民政府"),
        ("柏文涛", "书记", "郭店镇党委"),
    } <= posts
    assert not any("候选人" in org or org.endswith("党委党委") for _, _, org in posts)


def test_a_biography_gives_its_past_and_present_posts_to_the_person_it_opens_with(extract):
    text = (
        "标题\n\n柏文涛，男，汉族，1968年5月生。曾任宁陵县县长、县委书记，商丘市副市长，"
        "现任南阳市委副书记、市长。\n祁晓岚,女,49岁(1966年1月出生),汉族。现任开化县委书记。\n"
    )
    posts = {(post.person, post.title, post.org) for facts in extract(text) for post in facts.posts}
    assert {
        ("柏文涛", "县长", "宁陵县人民政府"),
        ("柏文涛", "书记", "宁陵县委"),  # 县委 after 宁陵县: that county's
        ("柏文涛", "副市长", "商丘市人民政府"),
        ("柏文涛", "副书记", "南阳市委"),
        ("柏文涛", "市长", "南阳市人民政府"),
        ("祁晓岚", "书记", "开化县委"),
    } <= posts
    assert not any(org.startswith("现任") for _, _, org in posts)  # 现任 ends the list 曾任 opens


def test_a_note_after_a_name_in_a_list_of_appointees(extract):
    text = "标题\n\n会议选举柏文涛为市委书记，祁晓岚(女)、骆清源（回族）为市委副书记。\n"
    posts = {(post.person, post.title) for facts in extract(text) for post in facts.posts}
    assert {("祁晓岚", "副书记"), ("骆清源", "副书记")} <= posts


@pytest.mark.parametrize("name", ["宓天成", "仉志远"])
def test_a_rare_surname_opens_a_name(extract, name):
    text = f"标题\n\n{name}任襄阳市副市长、代理市长，骆清源辞去市长职务。\n"
    assert (name, "代理市长") in {(post.person, post.title) for facts in extract(text) for post in facts.posts}


def test_a_title_shared_by_a_list_with_a_transliterated_name(extract):
    text = "标题\n\n全国人大常委会副委员长柏文涛、买买提·吐尔逊、骆清源，秘书长祁晓岚出席会议。\n"
    posts = {(post.person, post.title) for facts in extract(text) for post in facts.posts}
    assert {
        ("柏文涛", "副委员长"),
        ("买买提·吐尔逊", "副委员长"),
        ("骆清源", "副委员长"),
        ("祁晓岚", "秘书长"),
    } <= posts


def test_a_verb_of_holding_and_de_put_the_holder_after_the_post(extract):
    text = "标题\n\n拟任宁陵县委书记的柏文涛和现任商丘市副市长的祁晓岚出席。市委书记的讲话令人鼓舞。\n"
    (facts,) = extract(text)
    assert {(p.person, p.title, p.org) for p in facts.posts} == {
        ("柏文涛", "书记", "宁陵县委"),
        ("祁晓岚", "副市长", "商丘市人民政府"),
    }
    assert [(a.person, a.action, a.effect) for a in facts.appointments] == [("柏文涛", "拟任", "proposal")]


def test_a_career_list_drops_the_date_and_verb_before_each_body(extract):
    text = "标题\n\n2020年1月，王建国担任某某市委书记，2022年5月当选为河南省委常委，之后兼任省委秘书长。\n"
    posts = {(post.title, post.org) for facts in extract(text) for post in facts.posts if post.person == "王建国"}
    assert ("常委", "河南省委") in posts and not any("当选" in org or "兼任" in org for _, org in posts)


def test_a_four_character_name_of_two_parts_ends_its_clause(extract):
    (facts,) = extract("标题\n\n市委副书记、市长扎西顿珠，市委常委白玛央金、副市长王刚李明出席。\n")
    assert {(p.person, p.title) for p in facts.posts} >= {("扎西顿珠", "市长"), ("白玛央金", "常委")}
    assert "王刚李明" not in {p.person for p in facts.posts}  # two people, the second's surname common


def test_a_particle_between_a_name_and_a_verb_or_title_is_no_part_of_the_name(extract):
    (facts,) = extract("标题\n\n王红在致辞中表示欢迎。宋洁、魏东、李芳在主席台就座。\n")
    names = {p.name for p in facts.people}
    assert not any(name.endswith("在") for name in names) and "李芳" in names


def test_the_one_replaced_is_no_subject_of_the_posts_taken_up(extract):
    (facts,) = extract("标题\n\n中共中央批准，某某省委秘书长王建国接替李明华，担任河南省委常委、郑州市委书记。\n")
    posts = {(p.person, p.title, p.org) for p in facts.posts}
    assert ("王建国", "书记", "郑州市委") in posts and not any(person == "李明华" for person, _, _ in posts)


def test_a_headline_and_its_report_state_one_appointment(extract):
    text = (
        "市人大常委会决定王建国为某某市人民政府代理市长\n\n"
        "本报讯 6月2日，市人大常委会会议决定任命王建国为某某市人民政府副市长，决定王建国为某某市人民政府代理市长。\n"
    )
    acts = [(a.person, a.title) for facts in extract(text) for a in facts.appointments]
    assert sorted(acts) == [("王建国", "代理市长"), ("王建国", "副市长")]


def test_the_title_held_between_a_name_and_its_new_post_is_no_bar(extract):
    text = "标题\n\n会议决定任命陈建华为某某市监察委员会副主任，决定陈建华副主任为某某市监察委员会代理主任。\n"
    (facts,) = extract(text)
    assert [(a.person, a.title, a.action) for a in facts.appointments] == [
        ("陈建华", "副主任", "任命"),
        ("陈建华", "代理主任", "决定"),
    ]


def test_a_conjunction_after_a_title_is_no_surname(extract):
    (facts,) = extract("标题\n\n并请各位政协委员和列席人员提出意见。市长和晓明出席。\n")
    assert [p.person for p in facts.posts] == ["和晓明"]


def test_the_names_of_a_list_beside_names_found_are_names_however_jieba_cut_them(extract):
    (facts,) = extract("标题\n\n县领导程科峰、刘金英、张玉宝、王旭、孙通志出席仪式。市委、市政府高度重视。\n")
    assert {p.name for p in facts.people} == {"程科峰", "刘金英", "张玉宝", "王旭", "孙通志"}


def test_a_state_office_after_a_chain_shares_no_body(extract):
    (facts,) = extract("标题\n\n访某某省委副书记、省长王建国，3月8日，习近平总书记在代表团参加审议。\n")
    assert not any(p.person == "习近平" for p in facts.posts)
    # a title before the names, or after them and a verb, after a chain shares its body
    (facts,) = extract("标题\n\n县政协主席周明河，副主席张启付、韩兵在主席台前排就座。\n")
    assert {(p.person, p.org) for p in facts.posts} == {("周明河", "县政协"), ("张启付", "县政协"), ("韩兵", "县政协")}
    (facts,) = extract("标题\n\n周明河当选省政协十二届委员会主席，张启付、韩兵当选副主席。\n")
    assert {(p.person, p.title) for p in facts.posts} >= {("张启付", "副主席"), ("韩兵", "副主席")}


def test_a_heading_s_last_name_may_be_a_word_jieba_holds_as_a_proper_noun(extract):
    (facts,) = extract("某台频道专访某某市委副书记、市长马里\n\n正文说。\n")
    assert [i.person for i in facts.interviews] == ["马里"]
    assert ("马里", "市长") in {(p.person, p.title) for p in facts.posts}


def test_an_online_exchange_with_the_public_is_an_interview_of_the_official_who_answers(pipeline):
    from pathlib import Path

    from kg.ingest import SourceText, split_articles

    page = "王建国:县要有大作为\n\n5月23日，某某县委书记王建国在演播室与网民在线交流。\n"
    articles = split_articles(SourceText(Path("online.txt"), page, "utf-8"))
    facts = pipeline.extractor.page_facts(articles, [pipeline.nlp(a.text) for a in articles])
    assert [i.person for f in facts for i in f.interviews] == ["王建国"]


def test_a_guest_s_caption_on_an_interview_page_names_an_interviewee(pipeline):
    from pathlib import Path

    from kg.ingest import SourceText, split_articles

    page = "百姓问政\n\n某某省自然资源厅 一级巡视员 李建军\n\n在节目中，李建军表示要抓好生态修复。\n"
    articles = split_articles(SourceText(Path("wenzheng.txt"), page, "utf-8"))
    facts = pipeline.extractor.page_facts(articles, [pipeline.nlp(a.text) for a in articles])
    assert [i.person for f in facts for i in f.interviews] == ["李建军"]
