"""The researcher's toolkit on the seeds' workspace: query, export, validate, view."""

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, URIRef

from kg.cli import cli
from kg.query import named_queries

INJECTION = 'name=夏扬" } } INSERT DATA { <urn:x> <urn:y> <urn:z> } #'


@pytest.fixture
def runner():
    return CliRunner()


def run(runner, *args):
    result = runner.invoke(cli, [str(a) for a in args], obj={})
    return result


def test_named_query_with_a_bound_parameter(runner, seeds_workspace):
    result = run(runner, "query", "person-posts", "--param", "name=夏扬", "-w", seeds_workspace, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {(r["title"], r["organisation"]) for r in rows} == {("党组书记", "郑州市科技局"), ("局长", "郑州市科技局")}
    assert all("夏扬" in r["sentence"] for r in rows)


# the seeds report no reception: tests/test_receptions.py runs these on a page that does
_NOT_ON_THE_SEEDS = ("contacts", "receptions")


@pytest.mark.parametrize("name", sorted(set(named_queries()) - set(_NOT_ON_THE_SEEDS)))
def test_every_named_query_runs_on_the_seeds(runner, seeds_workspace, name):
    params = ["--param", "name=王鸿勋"] if name in ("person-posts", "timeline") else []
    params = ["--param", "org=登封市委"] if name == "org-people" else params
    result = run(runner, "query", name, *params, "-w", seeds_workspace, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output)))
    assert len(rows) > 1, f"{name} returned no rows"


def test_a_hostile_parameter_changes_nothing_and_finds_nothing(runner, seeds_workspace, tmp_path):
    workspace = tmp_path / "ws"
    shutil.copytree(seeds_workspace, workspace)
    before = run(runner, "export", "--format", "nquads", "-w", workspace).output
    looked_up = run(runner, "query", "person-posts", "--param", INJECTION, "-w", workspace, "--format", "json")
    assert looked_up.exit_code == 1 and "no person is named" in looked_up.output
    result = run(
        runner,
        "query",
        "SELECT ?p WHERE { ?p foaf:name ?name }",
        "--param",
        INJECTION,
        "-w",
        workspace,
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == []
    assert run(runner, "export", "--format", "nquads", "-w", workspace).output == before


def test_table_output_and_sparql_text(runner, seeds_workspace):
    query = "SELECT DISTINCT ?name WHERE { ?p a foaf:Person ; foaf:name ?name FILTER(?name = '楚惠东') }"
    result = run(runner, "query", query, "-w", seeds_workspace)
    assert result.exit_code == 0 and "楚惠东" in result.output and "1 rows" in result.output


@pytest.mark.parametrize(
    "query, message",
    [
        ("DELETE WHERE { ?s ?p ?o }", "updates are not run"),
        ("no-such-query", "neither SPARQL"),
        ("SELECT ?x WHERE { ?x", "the query failed"),
    ],
)
def test_bad_queries_fail_with_one_line(runner, seeds_workspace, query, message):
    result = run(runner, "query", query, "-w", seeds_workspace)
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output


def test_a_bad_parameter_is_refused(runner, seeds_workspace):
    result = run(runner, "query", "person-posts", "--param", "夏扬", "-w", seeds_workspace)
    assert result.exit_code == 2 and "NAME=VALUE" in result.output


def test_a_parameter_the_query_does_not_take_is_refused_with_those_it_takes(runner, seeds_workspace):
    result = run(runner, "query", "person-posts", "--param", "nmae=夏扬", "-w", seeds_workspace)
    assert result.exit_code == 2 and "no parameter 'nmae': this query takes --param name" in result.output
    result = run(runner, "query", "SELECT ?p WHERE { ?p foaf:name ?name }", "--param", "org=x", "-w", seeds_workspace)
    assert result.exit_code == 2 and "takes --param name, p" in result.output


def test_search_lists_every_node_whose_name_holds_the_text(runner, seeds_workspace):
    result = run(runner, "search", "夏", "--format", "json", "-w", seeds_workspace)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows[0]["name"] == "夏扬" and rows[0]["type"] == "person" and rows[0]["key"] == "夏扬@郑州市科技局"
    assert all("夏" in row["matched"] for row in rows)


def test_search_suggests_the_nearest_names_when_nothing_matches(runner, seeds_workspace):
    result = run(runner, "search", "夏洋", "-w", seeds_workspace)
    assert result.exit_code == 1 and "did you mean 夏扬?" in result.output


def test_a_short_form_finds_the_body_it_stands_for(runner, seeds_workspace):
    result = run(runner, "query", "org-people", "--param", "org=市科技局", "--format", "json", "-w", seeds_workspace)
    assert result.exit_code == 0, result.output
    assert {row["person"] for row in json.loads(result.stdout)} == {"夏扬"}
    assert "org: 市科技局 → 郑州市科技局" in result.stderr


def test_search_keeps_to_the_types_asked_for(runner, seeds_workspace):
    result = run(runner, "search", "科技", "--type", "organisation", "--format", "json", "-w", seeds_workspace)
    assert result.exit_code == 0 and {row["type"] for row in json.loads(result.output)} == {"organisation"}


@pytest.mark.parametrize("fmt, rdflib_format", [("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_rdf_exports_parse_back_to_the_same_graph(runner, seeds_workspace, tmp_path, fmt, rdflib_format):
    target = tmp_path / f"kg.{fmt}"
    assert run(runner, "export", "--format", fmt, "-o", target, "-w", seeds_workspace).exit_code == 0
    exported = Graph().parse(target, format=rdflib_format)
    assert len(exported) == len(Graph().parse(seeds_workspace / "kg.ttl"))


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_quad_exports_keep_one_graph_per_article(runner, seeds_workspace, tmp_path, fmt):
    target = tmp_path / f"kg.{fmt}"
    assert run(runner, "export", "--format", fmt, "-o", target, "-w", seeds_workspace).exit_code == 0
    dataset = Dataset()
    dataset.parse(target, format=fmt)
    graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
    articles = [g for g in graphs if "/graph/" in g and "/identity/" not in g and "/term/" not in g]
    assert len(articles) == 41 and any("/graph/identity/" in g for g in graphs)


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_exports_read_back_with_type_and_label(runner, seeds_workspace, tmp_path, fmt, read):
    target = tmp_path / f"kg.{fmt}"
    assert run(runner, "export", "--format", fmt, "-o", target, "-w", seeds_workspace).exit_code == 0
    network = read(target)
    labels = {data["label"]: data["type"] for _, data in network.nodes(data=True)}
    assert labels["夏扬"] == "person" and labels["郑州市科技局"] == "organisation"


def test_csv_tables_are_the_same_on_stdout_and_in_a_file_and_open_in_excel(runner, seeds_workspace, tmp_path):
    for table in ("nodes", "edges"):
        target = tmp_path / f"{table}.csv"
        assert (
            run(runner, "export", "--format", "csv", "--table", table, "-o", target, "-w", seeds_workspace).exit_code
            == 0
        )
        printed = run(runner, "export", "--format", "csv", "--table", table, "-w", seeds_workspace).stdout
        assert target.read_bytes().startswith(b"\xef\xbb\xbf") and target.read_text(encoding="utf-8") == printed
    nodes = list(csv.DictReader((tmp_path / "nodes.csv").open(encoding="utf-8-sig")))
    edges = list(csv.DictReader((tmp_path / "edges.csv").open(encoding="utf-8-sig")))
    ids = {n["id"] for n in nodes}
    assert edges and all(e["source"] in ids and e["target"] in ids for e in edges)
    post = next(e for e in edges if e["source_name"] == "夏扬" and e["label"] == "局长")
    assert post["target_name"] == "郑州市科技局" and post["kind"] == "post" and "夏扬" in post["evidence"]


def test_ftm_export_loads_with_followthemoney(runner, seeds_workspace, tmp_path):
    from followthemoney import model

    target = tmp_path / "kg.ftm.json"
    result = run(runner, "export", "--format", "ftm", "-o", target, "-w", seeds_workspace)
    assert result.exit_code == 0, result.output
    entities = [model.get_proxy(json.loads(line)) for line in target.read_text(encoding="utf-8").splitlines()]
    by_id = {entity.id: entity for entity in entities}
    schemata = {entity.schema.name for entity in entities}
    assert {"Person", "Position", "Occupancy", "Project", "Article", "Documentation"} <= schemata
    assert schemata & {"PublicBody", "Organization"}
    for occupancy in (e for e in entities if e.schema.name == "Occupancy"):
        holder, post = occupancy.first("holder"), occupancy.first("post")
        assert by_id[holder].schema.name == "Person" and by_id[post].schema.name == "Position"
    priced = [e for e in entities if e.schema.name == "Project" and e.get("amount")]
    assert priced and all(e.first("currency") == "CNY" for e in priced)
    checked = subprocess.run(
        [str(Path(sys.executable).parent / "ftm"), "validate", "-i", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0 and len(checked.stdout.splitlines()) == len(entities), checked.stderr[-500:]


def test_the_seeds_validate_clean(runner, seeds_workspace):
    result = run(runner, "validate", "-w", seeds_workspace)
    assert result.exit_code == 0, result.output
    assert "0 violations" in result.output


BROKEN = """
@prefix org: <http://www.w3.org/ns/org#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix kg: <https://w3id.org/govkg/ns#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<urn:m> a org:Membership ; org:member <urn:a>, <urn:b> ; org:role <urn:r> .
<urn:a> a foaf:Person ; foaf:name "甲乙" . <urn:b> a foaf:Person ; foaf:name "丙丁" .
<urn:r> a org:Role ; rdfs:label "局长" .
<urn:p> a kg:Project ; rdfs:label "某某产业园" ; kg:totalInvestment "-5"^^xsd:decimal .
<urn:o> a org:Organization ; <http://www.w3.org/2004/02/skos/core#prefLabel> "某某市人民政府" ;
    org:subOrganizationOf <urn:o> .
"""


def test_violations_are_reported_with_a_non_zero_exit(runner, tmp_path):
    (tmp_path / "kg.ttl").write_text(BROKEN, encoding="utf-8")
    result = run(runner, "validate", "-w", tmp_path, "--store", "memory")
    assert result.exit_code == 1
    for message in (
        "exactly one member",
        "exactly one organisation",
        "non-negative decimal",
        "leads back to an article",
        "not its own parent",
    ):
        assert message in result.output


def drawn_labels(page: str) -> set[str]:
    """The labels of the nodes a view draws, read from its vis.DataSet."""
    data = re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", page, re.S).group(1)
    return {node["label"] for node in json.loads(data)}


def test_focus_view_holds_the_ego_graph(runner, seeds_workspace, tmp_path):
    target = tmp_path / "xia.html"
    result = run(runner, "view", "--focus", "夏扬", "--hops", "2", "-o", target, "-w", seeds_workspace)
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    labels = drawn_labels(page)
    assert {"夏扬", "郑州市科技局", "郑州市人民政府"} <= labels and "kg-search-box" in page
    assert "楚惠东" not in labels  # another bureau's head is more than two ties away


def test_view_filters_types_and_refuses_unknown_ones(runner, seeds_workspace, tmp_path):
    target = tmp_path / "people.html"
    assert run(runner, "view", "--types", "person,organisation", "-o", target, "-w", seeds_workspace).exit_code == 0
    labels = drawn_labels(target.read_text(encoding="utf-8"))
    assert "夏扬" in labels and "十大战略" not in labels
    result = run(runner, "view", "--types", "ghost", "-w", seeds_workspace)
    assert result.exit_code == 2 and "unknown type ghost" in result.output


def test_view_of_an_unknown_name_says_so(runner, seeds_workspace, tmp_path):
    result = run(runner, "view", "--focus", "无此人", "-o", tmp_path / "x.html", "-w", seeds_workspace)
    assert result.exit_code == 1 and "no node is named '无此人'" in result.output


def test_the_eval_guide_shows_what_kg_eval_says_of_its_example(runner, tmp_path):
    root = Path(__file__).resolve().parent.parent
    workspace = tmp_path / "ws"
    assert run(runner, "build", root / "docs" / "eval-example" / "pages", "-w", workspace).exit_code == 0
    scored = run(runner, "eval", root / "docs" / "eval-example" / "gold.json", "--format", "csv", "-w", workspace)
    assert scored.exit_code == 0, scored.output
    rows = [line.split(",")[:4] for line in scored.stdout.splitlines()[1:] if line.count(",") == 6]
    guide = (root / "docs" / "eval.md").read_text(encoding="utf-8")
    shown = [[cell.strip() for cell in line.split("│")[1:5]] for line in guide.splitlines() if line.startswith("│ ")]
    assert rows == shown


PREFIXES = """
@prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix kg: <https://w3id.org/govkg/ns#> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix schema: <https://schema.org/> .
"""
# one person named twice in two graphs, and evidence whose offsets miss its article's text
SPLIT_ACROSS_GRAPHS = [
    """<urn:article> a schema:NewsArticle ; kg:articleText "甲乙说话。" .
       <urn:e> a kg:Evidence ; prov:wasDerivedFrom <urn:article> ; kg:sentence "丙丁" ; kg:charStart 0 ; kg:charEnd 2 .
       <urn:a> a foaf:Person ; foaf:name "甲乙" .""",
    '<urn:a> foaf:name "甲丙" .',
    BROKEN,
]


def test_a_store_is_validated_a_batch_at_a_time_as_it_would_be_whole(tmp_path):
    from kg.rdf.store import open_store, union_graph
    from kg.validate import validate, validate_store

    store = open_store(tmp_path / "store")
    store.replace_graphs(
        (
            URIRef(f"urn:graph{n}"),
            Graph().parse(data=PREFIXES + turtle, format="turtle").serialize(format="nt").encode(),
        )
        for n, turtle in enumerate(SPLIT_ACROSS_GRAPHS)
    )
    store.refresh_union()
    whole = validate(union_graph(store))
    messages = " ".join(violation.message for violation in whole)
    assert "evidence offsets fall outside" in messages and "exactly one member" in messages
    assert validate_store(store, batch=2) == whole
    store.close()
