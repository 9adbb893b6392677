"""Stage 4, resolve, alone on plain data: an article's facts to the bodies and identity keys rdf writes."""

from kg.extract.facts import ArticleFacts, Evidence, PostFact, ProjectFact
from kg.ingest import Article
from kg.resolve import Resolver

ARTICLE = Article("a1", "page.txt", "标题", "市科技局局长甲说。某产业园开工。")
SAID = Evidence("a1", "市科技局局长甲说。", 0, 9)


def test_every_body_a_fact_names_is_resolved_with_the_body_it_belongs_to(resolver):
    facts = ArticleFacts(
        ARTICLE,
        posts=[PostFact("甲", "局长", "市科技局", SAID)],
        projects=[ProjectFact("某产业园", SAID, location="登封市")],
    )
    resolved = resolver.resolve(facts, {"甲": "甲@郑州市科技局"}, resolver.places.home("郑州市"))
    bureau = resolved.organisation("市科技局")
    assert bureau.name == "郑州市科技局" and bureau.parent in resolved.organisations
    assert resolved.organisation(bureau.parent).name == "郑州市人民政府"
    assert resolved.organisation("登封市").name == "登封市"
    assert resolved.key("甲") == "甲@郑州市科技局" and resolved.key("乙") == "乙"


def test_the_page_place_decides_what_a_bare_city_means(resolver):
    facts = ArticleFacts(ARTICLE, posts=[PostFact("甲", "局长", "市科技局", SAID)])
    assert resolver.resolve(facts, {}, resolver.places.home("襄阳市")).organisation("市科技局").name == "襄阳市科技局"


def test_the_home_city_is_the_resolver_s_setting(lexicon):
    assert Resolver(lexicon, "襄阳").organisation("市科技局").name == "襄阳市科技局"
