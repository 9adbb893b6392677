"""Extraction, resolution and the RDF shape, on hand-written articles and on the seeds."""

import json

import pytest
from rdflib import Graph, Literal, URIRef

from kg.build import build
from kg.rdf.identity import IDENTITY_GRAPHS
from kg.rdf.store import open_store
from kg.rdf.terms import TERM_GRAPHS
from kg.rdf.vocab import FOAF, KG, ORG, PREFIXES, PROV, RDF, RDFS, SCHEMA, SKOS, iri
from tests.conftest import SEEDS

FACT_CLASSES = [FOAF.Person, ORG.Membership, KG.Byline, KG.Project, KG.ProjectPortfolio, KG.Campaign, KG.Meeting]


def test_chain_conventions_of_the_guidelines(extractor):
    chain_posts = extractor.chain_posts
    assert chain_posts([("市委", "常委"), ("政法委", "书记")]) == [("市委", "常委"), ("市委政法委", "书记")]
    assert chain_posts([("惠济区裕华社区党支部", "书记"), ("", "主任")]) == [
        ("惠济区裕华社区党支部", "书记"),
        ("惠济区裕华社区", "主任"),
    ]
    assert chain_posts([("应急管理部森林消防局", "副局长"), ("火灾防治管理司", "司长")]) == [
        ("应急管理部森林消防局", "副局长"),
        ("应急管理部火灾防治管理司", "司长"),
    ]
    assert chain_posts([("郑州市委", "副书记"), ("", "市长")]) == [("郑州市委", "副书记"), ("郑州市人民政府", "市长")]
    assert chain_posts([("", "总书记")]) == []


def test_organisations_resolve_against_the_home_city(resolver):
    assert resolver.organisation("市科技局").name == "郑州市科技局"
    assert resolver.organisation("市科技局").aliases == ("市科技局",)
    assert resolver.organisation("省委").name == "河南省委"
    assert resolver.organisation("高新区管委会").name == "郑州高新区管委会"
    assert resolver.organisation("登封市委").name == "登封市委"
    assert resolver.organisation("郑州市科技局").parent == "郑州市人民政府"


def test_interview_posts_and_byline_from_a_handwritten_article(extract):
    (facts,) = extract(
        "聚焦主业谋发展\n\n——访巩义市委书记赵文峰\n\n“我们将全力推进。”"
        "赵文峰表示，巩义将深入开展“三标”活动。\n\n本报记者 王红\n"
    )
    assert [i.person for i in facts.interviews] == ["赵文峰"]
    assert [(p.person, p.title, p.org) for p in facts.posts] == [("赵文峰", "书记", "巩义市委")]
    assert [(b.person, b.role) for b in facts.bylines] == [("王红", "记者")]
    assert [c.name for c in facts.campaigns] == ["三标"]


def test_evidence_cuts_its_sentence_out_of_the_article(extract):
    (facts,) = extract("标题\n\n本报讯(记者 李娜)昨日，总投资3.1亿元的大周封祀坛遗址生态文化公园开工。市长周国强出席。")
    for fact in facts.projects + facts.posts + facts.bylines:
        evidence = fact.evidence
        assert facts.article.text[evidence.start : evidence.end] == evidence.sentence
    assert facts.projects[0].investment.total == 310000000


def test_seeds_graph_holds_every_fact_type(seeds_graph):
    for fact_class in FACT_CLASSES:
        assert any(seeds_graph.subjects(RDF.type, fact_class)), fact_class


def test_every_fact_leads_back_to_article_and_sentence(seeds_graph):
    articles = {
        s: str(seeds_graph.value(s, KG.articleText)) for s in seeds_graph.subjects(RDF.type, SCHEMA.NewsArticle)
    }
    for fact_class in FACT_CLASSES:
        for node in seeds_graph.subjects(RDF.type, fact_class):
            sources = set(seeds_graph.objects(node, PROV.wasDerivedFrom))
            assert sources and sources <= set(articles), node
            evidence = list(seeds_graph.objects(node, KG.evidence))
            assert evidence, node
            for item in evidence:
                start, end = int(seeds_graph.value(item, KG.charStart)), int(seeds_graph.value(item, KG.charEnd))
                sentence = str(seeds_graph.value(item, KG.sentence))
                assert any(text[start:end] == sentence for text in articles.values())


def test_articles_come_from_their_source_files(seeds_graph):
    sources = {
        str(o)
        for s in seeds_graph.subjects(RDF.type, SCHEMA.NewsArticle)
        for o in seeds_graph.objects(s, PROV.wasDerivedFrom)
    }
    assert len(sources) == 5 and all(s.endswith(".txt") for s in sources)


def test_posts_are_memberships_with_member_org_and_role(seeds_graph):
    rows = seeds_graph.query("""SELECT ?name ?title ?org WHERE { ?m a org:Membership ; org:member/foaf:name ?name ;
        org:role/rdfs:label ?title ; org:organization/skos:prefLabel ?org }""")
    posts = {(str(n), str(t), str(o)) for n, t, o in rows}
    assert ("夏扬", "局长", "郑州市科技局") in posts
    assert ("王万鹏", "副主席", "郑州市政协") in posts


def test_one_named_graph_per_article_in_the_oxigraph_store(seeds_workspace):
    store = open_store(seeds_workspace / "store", read_only=True)
    try:
        graphs = {str(g) for (g,) in store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")[1]}
        articles = {
            str(a)
            for (a,) in store.select("SELECT DISTINCT ?a WHERE { GRAPH ?g { ?a a <https://schema.org/NewsArticle> } }")[
                1
            ]
        }
    finally:
        store.close()
    assert len(articles) == 41
    identity = {g for g in graphs if g.startswith(IDENTITY_GRAPHS)}
    terms = {g for g in graphs if g.startswith(TERM_GRAPHS)}
    assert identity and terms and len(graphs - identity - terms) == 41


def _tables(folder):
    return {path.name for path in folder.glob("*.sst")}


def test_a_store_is_optimized_after_a_build_that_wrote_most_of_it_not_after_a_small_addition(tmp_path):
    def graph(n, triples):
        lines = (f'<https://example.org/s{n}-{i}> <https://example.org/p> "值{i}" .\n' for i in range(triples))
        return URIRef(f"https://example.org/g{n}"), "".join(lines).encode("utf-8")

    folder = tmp_path / "store"
    store = open_store(folder)
    for n in range(3):  # three loads: three tables in each of the store's indexes
        store.replace_graphs([graph(n, 2000)])
    loaded = _tables(folder)
    store.optimize()
    assert len(_tables(folder)) < len(loaded)
    store.close()
    del store  # Oxigraph lets go of the folder when its store is gone
    store = open_store(folder)
    store.replace_graphs([graph(3, 10)])
    added = _tables(folder)
    store.optimize()
    assert _tables(folder) == added
    assert store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[1][0][0].toPython() == 6010
    store.close()


def test_graphs_that_own_their_triples_take_the_old_ones_out_of_the_union_at_once(tmp_path):
    import pyoxigraph

    store = open_store(tmp_path / "store")
    article, questions = URIRef("https://example.org/graph/article"), URIRef("https://example.org/graph/identity/x")
    store.replace_graphs([(article, '<https://example.org/a> <https://example.org/p> "共有" .\n'.encode())])
    store.replace_graphs([(questions, '<https://example.org/q1> <https://example.org/p> "旧" .\n'.encode())], owns=True)
    store.replace_graphs([(questions, '<https://example.org/q2> <https://example.org/p> "新" .\n'.encode())], owns=True)
    # the union as stored, before anything would rebuild it
    union = {
        (q.subject.value, q.object.value)
        for q in store.inner.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())
    }
    assert union == {("https://example.org/a", "共有"), ("https://example.org/q2", "新")}
    store.close()


def test_rebuild_of_the_same_files_adds_no_triple(tmp_path):
    workspace = tmp_path / "ws"
    source = tmp_path / "page.txt"
    source.write_text(
        "标题\n\n——访郑州市科技局党组书记、局长夏扬\n\n夏扬表示，要深入开展“三标”活动。\n\n本报记者 李娜\n",
        encoding="utf-8",
    )
    first = build([source], workspace)
    before = len(Graph().parse(workspace / "kg.ttl"))
    second = build([source], workspace)
    assert first.articles_built == 1 and second.articles_built == 0 and second.articles_unchanged == 1
    assert len(Graph().parse(workspace / "kg.ttl")) == before


def test_a_new_pipeline_version_rebuilds_every_article_and_the_union_with_it(tmp_path, monkeypatch):
    import kg.pipeline

    workspace = tmp_path / "ws"
    source = tmp_path / "page.txt"
    source.write_text(
        "标题\n\n——访郑州市科技局党组书记、局长夏扬\n\n夏扬表示，要深入开展“三标”活动。\n\n本报记者 李娜\n",
        encoding="utf-8",
    )
    build([source], workspace)
    monkeypatch.setattr(kg.pipeline, "code_version", lambda: "a-later-version")
    report = build([source], workspace)
    assert report.articles_built == report.articles_replaced == 1
    store = open_store(workspace / "store", read_only=True)
    union = set(store.triples())
    assert union == {(s, p, o) for s, p, o, _ in store.quads()}
    assert {str(version) for _, _, version in store.triples(KG.pipelineVersion)} == {"a-later-version@郑州市"}
    assert set(Graph().parse(workspace / "kg.ttl")) == union


def test_same_name_in_unrelated_bodies_stays_two_people(seeds_graph):
    nodes = set(seeds_graph.subjects(FOAF.name, None))
    zhang = [n for n in nodes if str(seeds_graph.value(n, FOAF.name)) == "张红军"]
    assert len(zhang) == 2
    assert (zhang[0], KG.possibleSameAs, zhang[1]) in seeds_graph
    (question,) = seeds_graph.subjects(KG.candidate, zhang[0])
    reason = str(seeds_graph.value(question, KG.reason))
    assert "西大街街道" in reason and "郑州高新区" in reason


def test_relations_between_facts_are_read_from_their_sentence_or_marked_inferred(tmp_path):
    page = (
        "标题\n\n市财政局局长韦国栋出席会议。会上，市科技局深入开展“科技下乡”活动。\n\n"
        "宜昌市将开工建设滨江生态公园，总投资5亿元。同时加快建设北湖湿地公园。\n"
    )
    (tmp_path / "a.txt").write_text(page, encoding="utf-8")
    build([tmp_path / "a.txt"], tmp_path / "ws")
    graph = Graph().parse(tmp_path / "ws" / "kg.ttl")
    promoted = {
        (str(c), str(o))
        for c, o in graph.query(
            """SELECT ?c ?o WHERE { ?n a kg:Campaign ; rdfs:label ?c ;
        kg:promotedBy/skos:prefLabel ?o }""",
            initNs=PREFIXES,
        )
    }
    assert promoted == {("科技下乡", "宜昌市科技局")}  # not the finance bureau the page also names; 市 is 宜昌
    said = {
        str(sentence)
        for (sentence,) in graph.query(
            """SELECT ?s WHERE { ?st rdf:predicate kg:promotedBy ;
        kg:evidence/kg:sentence ?s }""",
            initNs=PREFIXES,
        )
    }
    assert said == {"会上，市科技局深入开展“科技下乡”活动。"}
    places = {
        (str(p), str(inferred))
        for p, inferred in graph.query(
            """SELECT ?p ?inferred WHERE {
        ?st rdf:subject/rdfs:label ?p ; rdf:predicate kg:locatedIn .
        OPTIONAL { ?st kg:inferred ?i } BIND(COALESCE(?i, false) AS ?inferred) }""",
            initNs=PREFIXES,
        )
    }
    assert places == {("滨江生态公园", "false"), ("北湖湿地公园", "true")}


def test_a_name_known_by_no_post_is_one_person_a_city_and_a_state_office_one_everywhere(tmp_path):
    (tmp_path / "a.txt").write_text(
        "标题一\n\n市领导韩晓东、孟庆丰出席。孟凡林总书记的讲话令人鼓舞。\n", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text("标题二\n\n会上，韩晓东作了发言。学习孟凡林理论。\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("标题三\n\n本报讯 襄阳市召开座谈会，韩晓东作了发言。\n", encoding="utf-8")
    build([tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt"], tmp_path / "ws")
    graph = Graph().parse(tmp_path / "ws" / "kg.ttl")
    han = sorted(set(graph.subjects(FOAF.name, Literal("韩晓东"))))
    # two pages of the build's home city give him no post: one person; a Xiangyang page's is another
    assert len(han) == 2 and (han[0], KG.possibleSameAs, han[1]) in graph
    reasons = {str(graph.value(node, KG.sameAsReason)) for node in han}
    assert "两页均未写其职务，同在郑州市" in reasons
    assert len(set(graph.subjects(FOAF.name, Literal("孟凡林")))) == 1


@pytest.mark.parametrize("jobs", [1, 2])  # with 2, workers write the second page under a key the store overrules
def test_one_person_across_articles_with_a_career_timeline(tmp_path, jobs):
    records = [
        {"date": "2021-03-02", "text": "标题一\n\n郑州市科学技术局局长夏扬到企业调研。\n"},
        {"date": "2023-05-10", "text": "标题二\n\n市政协副主席、市科技局党组书记夏扬出席会议。\n"},
        {"date": "2023-06-01", "text": "标题三\n\n登封市委书记夏扬主持会议。\n"},
    ]
    source = tmp_path / "pages.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    build([source], tmp_path / "ws", jobs=jobs)
    graph = Graph().parse(tmp_path / "ws" / "kg.ttl")
    timeline = sorted(
        (str(date), str(title), str(org))
        for date, title, org in graph.query(
            """
        SELECT ?date ?title ?org WHERE {
            ?m org:member ?p ; org:role/rdfs:label ?title ; org:organization/skos:prefLabel ?org ; kg:asOf ?date .
            ?p kg:identityKey "夏扬@郑州市科技局" }""",
            initNs=PREFIXES,
        )
    )
    # 登封 lies in 郑州, and he is reported there after his posts in the city: one person
    assert timeline == [
        ("2021-03-02", "局长", "郑州市科技局"),
        ("2023-05-10", "党组书记", "郑州市科技局"),
        ("2023-05-10", "副主席", "郑州市政协"),
        ("2023-06-01", "书记", "登封市委"),
    ]
    xia = sorted(str(k) for k in graph.objects(None, KG.identityKey) if str(k).startswith("夏扬"))
    assert xia == ["夏扬@郑州市科技局"]
    assert [str(k) for k in graph.objects(None, KG.writtenKey)] == ["夏扬@登封市委"]
    bureau = URIRef(str(iri("org", "郑州市科技局")))
    assert {str(label) for label in graph.objects(bureau, SKOS.altLabel)} == {"郑州市科学技术局", "市科技局"}
    assert graph.value(bureau, ORG.subOrganizationOf) == iri("org", "郑州市人民政府")


def test_project_amounts_are_decimals_in_yuan(seeds_graph):
    amounts = {
        str(seeds_graph.value(p, RDFS.label)): seeds_graph.value(p, KG.totalInvestment)
        for p in seeds_graph.subjects(RDF.type, KG.Project)
    }
    assert amounts["科创大楼项目"].toPython() == 540000000
    assert str(amounts["科创大楼项目"].datatype).endswith("#decimal")


def test_ontology_declares_every_kg_term_the_graph_uses(seeds_graph):
    from pathlib import Path

    ontology = Graph().parse(Path(__file__).parent.parent / "kg" / "ontology" / "govkg.ttl")
    declared = set(ontology.subjects())
    used = {term for triple in seeds_graph for term in triple if isinstance(term, URIRef) and term.startswith(str(KG))}
    assert used <= declared, used - declared


def test_two_processes_build_the_graph_of_one(seeds_workspace, tmp_path):
    build([SEEDS], tmp_path / "ws", jobs=2)
    assert set(Graph().parse(tmp_path / "ws" / "kg.ttl")) == set(Graph().parse(seeds_workspace / "kg.ttl"))


def test_adding_files_gives_the_graph_of_one_build_of_all(tmp_path):
    first, second = sorted(SEEDS.glob("*.txt"))[:2]
    build([first], tmp_path / "step")
    report = build([second], tmp_path / "step")
    assert report.articles_built > 0 and report.articles_replaced == 0
    build([first, second], tmp_path / "once")
    assert set(Graph().parse(tmp_path / "step" / "kg.ttl")) == set(Graph().parse(tmp_path / "once" / "kg.ttl"))
