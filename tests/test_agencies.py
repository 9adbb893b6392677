"""Public bodies a page names with or without a person, from hand-written sentences."""

import pytest


def _agencies(extract, sentence: str) -> list[str]:
    return [a.name for facts in extract(f"标题\n\n{sentence}\n") for a in facts.agencies]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a body goes on to its department: the department is named (its parent is its organisation)
        ("活动由开封市人民政府办公厅主办。", ["开封市人民政府办公厅"]),
        # two bodies joined by 和; a word before the place is no part of the name
        ("会议还有市政协和市委组织部参加。", ["市政协", "市委组织部"]),
        # a post is no body, and a noun that ends like a suffix is none either
        ("开封市委常委出席。全市干部参加。", []),
        ("中共兰考县委召开全会。", ["中共兰考县委"]),
        # courts and procuratorates are public bodies
        ("开封市中级人民法院院长张三、市人民检察院检察长李四列席会议。", ["开封市中级人民法院", "市人民检察院"]),
        # national bodies name no place; a longer body that opens with one is that body
        ("认真落实党中央、国务院的决策部署。", ["党中央", "国务院"]),
        ("中共中央办公厅印发通知。", ["中共中央办公厅"]),
        # working and inspection groups of a place or of the centre; a group with neither is no body named
        ("河南省第三批援藏工作队抵达拉萨。", ["河南省第三批援藏工作队"]),
        ("中央第二巡视组进驻以来，调研组一行来到企业。", ["中央第二巡视组"]),
        # two bodies written as one, a bare level's committee, and what names no body
        ("要把思想统一到省委省政府的部署上来。", ["省委", "省政府"]),
        ("在市委、市政府领导下，全国市级党委换届。", ["市委", "市政府"]),
        ("登录中国政府网查询，市人大有关专门委员会负责人参加。", ["市人大"]),
        # the page's own region by the word for it
        ("会议传达了自治区党委的部署。", ["自治区党委"]),
    ],
)
def test_a_page_names_public_bodies(extract, sentence, expected):
    assert _agencies(extract, sentence) == expected


@pytest.mark.parametrize(
    "sentence, mentioned",
    [
        ("开封市市长石国华出席会议。", False),  # only the title names the government
        ("开封市人民政府市长石国华出席会议。", True),  # the page writes it
    ],
)
def test_a_government_only_its_heads_title_names_is_not_mentioned(pipeline, sentence, mentioned):
    from pathlib import Path

    from rdflib import Graph

    from kg.ingest import SourceText, split_articles
    from kg.rdf.vocab import KG

    page = split_articles(SourceText(Path("handwritten.txt"), f"标题\n\n{sentence}\n", "utf-8"))
    graph = Graph().parse(data=b"".join(a.ntriples for a in pipeline.build_page(page).articles), format="nt")
    labels = {str(label) for node in graph.objects(None, KG.mentions) for label in graph.objects(node, None)}
    assert ("开封市人民政府" in labels) == mentioned
    assert any(str(o) == "开封市人民政府" for o in graph.objects())  # the post's body is in the graph all the same


def test_a_national_body_is_one_body_however_written_and_wherever_the_page_is_from(resolver):
    from kg.resolve.place import Place

    for written in ("中央政府", "国务院"):
        body = resolver.organisation(written, Place("某某省", "某某市"))
        assert (body.name, body.kind, body.parent) == ("国务院", "government", None)
    assert resolver.organisation("党中央").name == "中共中央"


def test_a_division_s_government_belongs_to_the_one_above_and_never_to_itself(resolver):
    from kg.resolve.place import Place

    place = Place("河南省", "郑州市")
    parents = {
        written: (body.name, body.parent)
        for written in ("市政府", "省人民政府", "金水区人民政府", "市政府办公室")
        for body in [resolver.organisation(written, place)]
    }
    assert parents == {
        "市政府": ("郑州市人民政府", "河南省人民政府"),
        "省人民政府": ("河南省人民政府", None),
        "金水区人民政府": ("金水区人民政府", "郑州市人民政府"),
        "市政府办公室": ("郑州市人民政府办公室", "郑州市人民政府"),
    }


def test_a_party_committee_written_in_full_or_by_its_term_is_the_division_s_committee(resolver):
    for written in ("中国共产党鞍山市第十一届委员会", "中国共产党鞍山市委员会", "中共鞍山市委"):
        assert resolver.organisation(written).name == "鞍山市委"
