"""Visits: who inspected what, from hand-written sentences."""

import pytest


def _visits(extract, text: str) -> list[tuple]:
    return [(v.person, v.sites, v.action) for facts in extract(text) for v in facts.visits]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "开封市市长石国华一行先后来到汴西新能源产业园、开封宏达机械有限公司，了解生产情况。",
            [("石国华", ("汴西新能源产业园", "开封宏达机械有限公司"), "先后来到")],
        ),
        # the verb after the site ends it
        ("开封市委书记许泽川到兰考县调研乡村振兴工作。", [("许泽川", ("兰考县",), "到")]),
        # a list of officials: the first leads
        (
            "开封市委书记吕明山，市委副书记、市长石国华带队到杞县，考察产业发展。",
            [("吕明山", ("杞县",), "到")],
        ),
        # the verb of what was done at a site ends it
        (
            "开封市市长石国华来到某某高速公路项目三分部拌合站听取建设推进情况汇报。",
            [("石国华", ("某某高速公路项目三分部拌合站",), "来到")],
        ),
        # a district written without its 区
        ("开封市市长石国华深入兰考、龙亭，督导项目建设。", [("石国华", ("兰考", "龙亭"), "深入")]),
        # 深入 before a verb is no visit
        ("开封市市长石国华强调，要深入学习贯彻会议精神。", []),
    ],
)
def test_an_official_visits_the_sites_a_clause_names(extract, sentence, expected):
    assert _visits(extract, f"标题\n\n{sentence}\n") == expected


def test_the_next_sentence_goes_on_with_the_visit(extract):
    text = "标题\n\n开封市市长石国华来到汴西新能源产业园。随后，先后来到开封宏达机械有限公司。\n"
    assert [v[:2] for v in _visits(extract, text)] == [
        ("石国华", ("汴西新能源产业园",)),
        ("石国华", ("开封宏达机械有限公司",)),
    ]


def test_a_site_after_the_verbs_particle(extract):
    text = "标题\n\n开封市市长石国华到汴西新区调研。石国华实地察看了汴西新能源产业园项目。\n"
    assert ("石国华", ("汴西新能源产业园项目",), "察看") in _visits(extract, text)


def test_a_sentences_later_verbs_lead_the_same_visit_on(extract):
    text = "标题\n\n开封市市长石国华来到汴西新区，先后走进开封宏达机械有限公司，实地察看了汴西新能源产业园项目。\n"
    assert _visits(extract, text) == [("石国华", ("汴西新区", "开封宏达机械有限公司", "汴西新能源产业园项目"), "来到")]


@pytest.mark.parametrize(
    "sentence, sites",
    [
        # a county by its short name
        ("石家庄市市长石国华深入井陉、深泽县，对重点项目建设进行督导。", ("井陉", "深泽县")),
        ("开封市市长石国华到我市汴西新区调研。", ()),  # what the page's own place opens names no site
        ("开封市市长石国华到我区部分重点项目调研。", ()),
    ],
)
def test_sites_are_places_however_written_but_not_the_pages_own(extract, sentence, sites):
    assert [visit[1] for visit in _visits(extract, f"标题\n\n{sentence}\n")] == ([sites] if sites else [])


def test_a_later_sentence_about_the_party_goes_on_with_its_visit(extract):
    text = (
        "标题\n\n开封市市长石国华来到汴西新能源产业园施工现场。企业负责人介绍了进展。"
        "随后，他们又考察了开封宏达机械有限公司和杞县产业集聚区。\n"
    )
    assert [v[:2] for v in _visits(extract, text)] == [
        ("石国华", ("汴西新能源产业园施工现场",)),  # 现场 ends a site
        ("石国华", ("开封宏达机械有限公司", "杞县产业集聚区")),
    ]


def test_an_official_who_leads_a_group_leads_its_visits(extract):
    text = (
        "标题\n\n开封市人大常委会主任石国华率第二调研组赴兰考县、杞县、尉氏县实地调研。"
        "调研组一行来到开封宏达机械有限公司，察看生产线。\n"
    )
    assert [v[:2] for v in _visits(extract, text)] == [
        ("石国华", ("兰考县", "杞县", "尉氏县")),  # 实地 before the verb that ends the sites is none of them
        ("石国华", ("开封宏达机械有限公司",)),  # 调研组 is the party, not a verb of the visit
    ]


def test_a_pinyin_gloss_in_the_text_does_not_split_the_verb_or_the_sites(extract):
    text = "标题\n\n4月25日，市人大常委会主任杨文明率第四调(diào)研组赴甲华区(qū)、乙民县实地调(diào)研。\n"
    assert [(v.person, v.sites) for facts in extract(text) for v in facts.visits] == [("杨文明", ("甲华区", "乙民县"))]


def test_a_visit_to_the_pages_own_city_goes_to_that_city(pipeline):
    from pathlib import Path

    from rdflib import Graph, Literal

    from kg.ingest import SourceText, split_articles
    from kg.rdf.vocab import KG, SKOS

    page = "开封日报\n\n本报讯 5月25日，河南省副省长石国华到我市，就工业运行进行调研。\n"
    graphs = pipeline.build_page(split_articles(SourceText(Path("kaifeng.txt"), page, "utf-8")))
    graph = Graph().parse(data=b"".join(article.ntriples for article in graphs.articles).decode(), format="nt")
    (site,) = graph.objects(None, KG.site)
    assert graph.value(site, SKOS.prefLabel) == Literal("开封市")


def test_a_group_made_up_of_named_people_is_led_by_the_first_on_its_later_visits(extract):
    text = (
        "标题\n\n6月5日，由某某集团董事张建华，某某公司董事李国强等组成的调研组来我市调研。"
        "在此期间，调研组一行先后深入青山生态公园、白云地质公园、代王府等处实地调研。\n"
    )
    visits = [(v.person, v.sites) for facts in extract(text) for v in facts.visits]
    assert visits == [("张建华", ("青山生态公园", "白云地质公园", "代王府"))]
