"""Nothing lost, nothing broken: odd input, interrupted builds, two builds at once, hostile text."""
import importlib.util
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
import pyoxigraph
from rdflib import Graph, Literal, URIRef

from kg.build import build
from kg.cli import cli
from kg.ingest import SourceText, ingest_file, split_articles
from kg.rdf.vocab import KG
from tests.conftest import SEEDS

PAGE = "标题一\n\n——访郑州市科技局党组书记、局长夏扬\n\n夏扬表示，要深入开展“三标”活动。\n\n本报记者 李娜\n"


def facts_of(extract, text):
    (facts,) = extract(text)
    return facts


def test_zero_width_characters_do_not_split_names(extract):
    facts = facts_of(extract, "标题\n\n郑州市科技局局长夏\u200b扬\ufeff表示，要抓落实。\n")
    assert [(p.person, p.title) for p in facts.posts] == [("夏扬", "局长")]


def test_half_width_punctuation_between_chinese_reads_as_full_width(extract):
    facts = facts_of(extract, "标题\n\n会议由市委常委、政法委书记李明德主持, 李明德表示: 要深入开展“三标”活动.\n")
    assert ("李明德", "常委") in {(p.person, p.title) for p in facts.posts}
    assert [c.name for c in facts.campaigns] == ["三标"]


def test_traditional_characters_are_read_as_simplified(extract):
    facts = facts_of(extract, "標題\n\n鄭州市科技局黨組書記、局長夏揚表示，要深入開展“三標”活動。\n")
    assert {(p.person, p.title) for p in facts.posts} == {("夏扬", "党组书记"), ("夏扬", "局长")}


def test_every_bad_input_is_skipped_with_its_reason_and_reported(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    page = lambda n: PAGE.replace("标题一", f"标题{n}")  # noqa: E731  (one article each: ids are content hashes)
    (corpus / "good.txt").write_text(page(1), encoding="utf-8")
    (corpus / "gbk.txt").write_bytes(page(2).encode("gbk"))
    (corpus / "utf16.txt").write_bytes(page(3).encode("utf-16"))
    (corpus / "bom.txt").write_bytes(b"\xef\xbb\xbf" + page(4).encode("utf-8"))
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "page.html").write_text(f"<html><script>alert(1)</script><style>p{{}}</style><body><p>{page(5)}</p></body></html>",
                                      encoding="utf-8")
    (corpus / "pages.jsonl").write_text(json.dumps({"text": page(6)}, ensure_ascii=False) + "\n{broken\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(corpus), str(tmp_path / "missing.txt"), "-w", str(tmp_path / "ws")],
                                obj={})
    assert result.exit_code == 1
    report = json.loads((tmp_path / "ws" / "build-report.json").read_text(encoding="utf-8"))
    reasons = {Path(s["path"]).name: s["reason"] for s in report["skipped"]}
    assert reasons["binary.txt"].startswith("binary file") and reasons["empty.txt"] == "empty file"
    assert reasons["missing.txt"] == "no such file or folder" and "pages.jsonl" in " ".join(reasons)
    assert report["files"] == 8 and report["articles_built"] >= 5
    assert "alert" not in (tmp_path / "ws" / "kg.ttl").read_text(encoding="utf-8")


def test_a_huge_file_is_read_in_pieces(tmp_path):
    page = tmp_path / "huge.txt"
    article = "标题{n}\n\n——访郑州市科技局党组书记、局长夏扬\n\n" + "夏扬表示，要深入开展“三标”活动，抓好落实。" * 40 + "\n\n"
    with page.open("w", encoding="utf-8") as out:
        for n in range(6000):
            out.write(article.replace("{n}", str(n)))
    assert page.stat().st_size > 10_000_000
    articles, skipped = ingest_file(page)
    assert not skipped and len(articles) == 6000
    assert len({a.source for a in articles}) > 1  # read as several pieces, not as one string


def test_a_second_build_on_one_workspace_is_refused(tmp_path):
    workspace = tmp_path / "ws"
    workspace.mkdir()
    from kg.build import workspace_lock
    with workspace_lock(workspace):
        result = CliRunner().invoke(cli, ["build", str(SEEDS), "-w", str(workspace)], obj={})
    assert result.exit_code == 1 and "another kg build is running" in result.output


def _triples(path: Path) -> set:
    return {(s, p, o.toPython() if isinstance(o, Literal) else o) for s, p, o in Graph().parse(path)}


def _corpus_generator():
    """benchmarks/corpus.py, which makes pages of fresh articles out of the seeds."""
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus.py"
    spec = importlib.util.spec_from_file_location("govkg_corpus", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _stored_articles(store: Path) -> int:
    """How many articles a running build has stored whole, read beside it."""
    version = pyoxigraph.NamedNode(str(KG.pipelineVersion))
    try:
        reader = pyoxigraph.Store.read_only(str(store))
        return sum(1 for quad in reader.quads_for_pattern(None, version, None) if quad.graph_name != pyoxigraph.DefaultGraph())
    except (OSError, RuntimeError):
        return 0  # not created yet, or files the writer is compacting right now: ask again


def test_a_killed_build_resumes_to_the_graph_of_a_clean_build(tmp_path):
    """Two processes, so that the forked workers must let the workspace go when the build dies;
    a corpus of two batches of writes at least, killed once the first is stored."""
    corpus = tmp_path / "corpus"
    _corpus_generator().generate(1.5, corpus)
    workspace = tmp_path / "ws"
    child = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(corpus), "-j", "2", "-w", str(workspace)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=Path(__file__).resolve().parent.parent)
    while child.poll() is None and not _stored_articles(workspace / "store"):
        time.sleep(0.05)
    killed = child.poll() is None
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert killed, "the build ended before it could be killed"
    report = build([corpus], workspace)
    # the kill came after the first batch was stored, before the rest or during the end of the build
    assert report.articles_built < report.articles, "the killed build had stored no article"
    build([corpus], tmp_path / "clean", jobs=2)
    resumed, clean = _triples(workspace / "kg.ttl"), _triples(tmp_path / "clean" / "kg.ttl")
    assert resumed == clean, (sorted(resumed - clean)[:5], sorted(clean - resumed)[:5])


def test_a_store_a_killed_build_left_can_be_queried(tmp_path):
    workspace = tmp_path / "ws"
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    build([tmp_path / "page.txt"], workspace)
    # a batch written, then the process gone before the build's end: its mark stays in the store
    from kg.rdf.store import open_store
    writer = open_store(workspace / "store")
    writer.replace_graphs([(URIRef("https://example.org/graph/g"), '<urn:a> <urn:b> "批次" .\n'.encode())])
    writer.inner.flush()
    del writer
    result = CliRunner().invoke(cli, ["query", "SELECT ?o WHERE { <urn:a> <urn:b> ?o }", "-w", str(workspace)], obj={})
    assert result.exit_code == 0, result.output
    assert "批次" in result.output
    assert open_store(workspace / "store", read_only=True).recovering


def test_hostile_headlines_and_names_stay_text_in_every_view(tmp_path):
    page = tmp_path / "hostile.txt"
    page.write_text("<script>alert('h')</script>标题<img src=x onerror=alert(1)>\n\n"
                    "——访郑州市科技局党组书记、局长夏扬\n\n夏扬表示，“<script>alert(2)</script>”活动要抓好。\n", encoding="utf-8")
    workspace = tmp_path / "ws"
    build([page], workspace)
    CliRunner().invoke(cli, ["view", "--focus", "夏扬", "-w", str(workspace)], obj={})
    for view in (workspace / "graph.html", workspace / "view-夏扬.html"):
        text = view.read_text(encoding="utf-8")
        assert "<img src=x" not in text and "<script>alert" not in text


hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_CHINESE = st.text(alphabet=st.sampled_from(list("郑州市委书记局长夏扬表示，。、“”活动总投资亿元项目建设会议年月日123４５\n ")),
                   max_size=300)
_ANY = st.text(max_size=300)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(_CHINESE, _ANY))
def test_extraction_never_raises_and_evidence_cuts_its_sentence(extract, text):
    for facts in extract(text):
        article = facts.article.text
        for fact_type in ("people", "posts", "bylines", "projects", "portfolios", "campaigns", "meetings"):
            for fact in getattr(facts, fact_type):
                evidence = fact.evidence
                assert article[evidence.start:evidence.end] == evidence.sentence
        for project in facts.projects + facts.portfolios:
            for amount in (project.investment.total, project.investment.annual):
                assert amount is None or amount >= 0


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_CHINESE)
def test_build_export_and_reimport_give_the_same_graph(tmp_path_factory, text):
    workspace = tmp_path_factory.mktemp("prop")
    page = workspace / "page.txt"
    page.write_text("标题\n\n" + text + "\n郑州市科技局局长夏扬表示，要抓好落实。\n", encoding="utf-8")
    build([page], workspace / "ws")
    exported = CliRunner().invoke(cli, ["export", "--format", "nt", "-w", str(workspace / "ws")], obj={}).output
    again = Graph().parse(data=exported, format="nt")
    assert {(s, p, o.toPython() if isinstance(o, Literal) else o) for s, p, o in again} == _triples(workspace / "ws" / "kg.ttl")


def test_records_no_reader_could_take_are_skipped_by_file_and_line_and_the_rest_built(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "surrogate.jsonl").write_text('{"text": "标题\\n\\n正文\\ud800。"}\n'
                                         + json.dumps({"text": PAGE}, ensure_ascii=False) + "\n", encoding="utf-8")
    (bad / "deep.jsonl").write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    (bad / "separators.jsonl").write_text(json.dumps({"text": "标题\n\n第一句\u2028第二句。"}, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
    (bad / b"\xff\xfe.txt".decode("utf-8", "surrogateescape")).write_bytes("标题\n\n正文。\n".encode("utf-8"))
    (bad / "endless.txt").write_text("标题\n\n" + "郑州市科技局局长夏扬说，要加强科技创新，" * 60_000 + "\n",
                                     encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(SEEDS), str(bad), "-w", str(tmp_path / "ws")], obj={})
    assert result.exit_code == 1, result.output
    skipped = [line for line in result.output.splitlines() if line.startswith("skipped ")]
    assert sorted(skipped) == sorted([
        f"skipped {bad / 'deep.jsonl'}: line 1: JSON nested too deeply to read",
        f"skipped {bad / 'surrogate.jsonl'}: line 1: the text holds a lone surrogate (an escape such as \\ud800), "
        "which is no character",
        f"skipped {bad}/\\udcff\\udcfe.txt: the file name is not UTF-8: rename it (convmv -f GBK -t UTF-8 --notest NAME)"])
    graph = Graph().parse(tmp_path / "ws" / "kg.ttl")
    pages = {str(page) for page in graph.objects(None, KG.page)}
    seed_articles = {a for a, page in graph.subject_objects(KG.page) if str(page).startswith(("000_", "001_", "002_",
                                                                                                "003_", "004_"))}
    assert len(seed_articles) == 56
    assert "surrogate.jsonl#2" in pages and "separators.jsonl#1" in pages
    assert any(page.startswith("endless.txt") for page in pages)
    json.loads((tmp_path / "ws" / "build-report.json").read_text(encoding="utf-8"))


def test_a_paragraph_with_no_end_is_built_in_parts_of_bounded_size():
    from kg.ingest.articles import MAX_ARTICLE_CHARS
    page = SourceText(Path("endless.txt"), "标题\n\n" + "要加强科技创新，" * 40_000 + "。", "utf-8")
    parts = split_articles(page)
    assert len(parts) > 1 and all(len(article.text) <= MAX_ARTICLE_CHARS for article in parts)
    assert "".join(article.text for article in parts).count("要加强科技创新") == 40_000


def _held(lock: Path) -> bool:
    """True while some process holds the lock file exclusively."""
    import fcntl
    if not lock.exists():
        return False
    with open(lock, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def test_a_reader_beside_a_build_is_told_in_one_line_or_waits_for_the_whole_graph(tmp_path):
    from kg.rdf.locks import lock_path
    corpus = tmp_path / "corpus"
    _corpus_generator().generate(1.0, corpus)
    workspace = tmp_path / "ws"
    build_process = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(corpus), "-w", str(workspace),
                                      "-j", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     cwd=Path(__file__).resolve().parent.parent)
    try:
        deadline = time.time() + 60
        while not _held(lock_path(workspace / "store")) and time.time() < deadline:
            time.sleep(0.05)
        assert _held(lock_path(workspace / "store")), "the build never took the store"
        refused = CliRunner().invoke(cli, ["query", "officials", "-w", str(workspace)], obj={})
        assert refused.exit_code == 1 and "a build is writing" in refused.output and "--wait" in refused.output
        waited = CliRunner().invoke(cli, ["query", "SELECT (COUNT(?a) AS ?n) WHERE { ?a a schema:NewsArticle }",
                                          "--format", "json", "--wait", "-w", str(workspace)], obj={})
        assert build_process.wait(timeout=300) == 0
    finally:
        build_process.kill()
    assert waited.exit_code == 0, waited.output
    report = json.loads((workspace / "build-report.json").read_text(encoding="utf-8"))
    assert json.loads(waited.stdout)[0]["n"] == report["graph"]["article"]


@pytest.mark.parametrize("query, word", [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * FROM <file:///etc/hostname> WHERE { ?s ?p ?o }", "FROM"),
])
def test_a_query_that_would_reach_beyond_the_store_is_refused(seeds_workspace, query, word):
    for store in ([], ["--store", "memory"]):
        result = CliRunner().invoke(cli, ["query", query, "-w", str(seeds_workspace), *store], obj={})
        assert result.exit_code == 1 and f"reads beyond the store ({word})" in result.output


def test_a_query_past_its_timeout_is_stopped_in_one_line(seeds_workspace):
    started = time.time()
    result = CliRunner().invoke(cli, ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
                                      "--timeout", "1", "-w", str(seeds_workspace)], obj={})
    assert result.exit_code == 1 and "ran past its timeout of 1 s" in result.output
    assert time.time() - started < 15


def test_ctrl_c_stops_a_running_query(seeds_workspace):
    child = subprocess.Popen([sys.executable, "-m", "kg.cli", "query", "--timeout", "600",
                              "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "-w", str(seeds_workspace)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=Path(__file__).resolve().parent.parent)
    time.sleep(4)
    child.send_signal(signal.SIGINT)
    try:
        child.wait(timeout=10)
    finally:
        child.kill()
    assert child.returncode != 0 and "Traceback" not in child.stderr.read().decode("utf-8", "replace")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_control_characters_never_break_the_xml_exports(tmp_path, fmt):
    import xml.etree.ElementTree as ElementTree
    # JSON escapes carry control characters that a text file would be refused for
    page = tmp_path / "page.jsonl"
    page.write_text(json.dumps({"text": "标题\x1b[31m\n\n郑州市科技局局长夏扬\x0b表示，要推进“三\x01标”活动\x08。"}) + "\n",
                    encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(page), "-w", str(tmp_path / "ws")], obj={}).exit_code == 0
    target = tmp_path / f"kg.{fmt}"
    result = runner.invoke(cli, ["export", "--format", fmt, "-o", str(target), "-w", str(tmp_path / "ws")], obj={})
    assert result.exit_code == 0, result.output
    ElementTree.parse(target)


def test_query_output_never_runs_a_formula_or_a_terminal_escape(tmp_path):
    page = tmp_path / "page.jsonl"
    page.write_text(json.dumps({"text": "=1+2\x1b[2J\n\n郑州市科技局局长夏扬表示，要抓落实。"}) + "\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(page), "-w", str(tmp_path / "ws")], obj={}).exit_code == 0
    query = "SELECT ?h WHERE { ?a schema:headline ?h }"
    table = runner.invoke(cli, ["query", query, "-w", str(tmp_path / "ws")], obj={}).output
    assert "\x1b" not in table and "\\x1b[2J" in table
    rows = runner.invoke(cli, ["query", query, "--format", "csv", "-w", str(tmp_path / "ws")], obj={}).stdout
    assert rows.splitlines()[1].startswith("'=1+2")


def test_a_store_killed_while_its_union_was_rebuilt_still_answers_in_full(tmp_path):
    import pyoxigraph
    from kg.rdf.store import _STATE, _UNION_PENDING
    workspace = tmp_path / "ws"
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    build([tmp_path / "page.txt"], workspace)
    count = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }"
    before = CliRunner().invoke(cli, ["query", count, "--format", "json", "-w", str(workspace)], obj={}).stdout
    # what a kill leaves in the middle of a rebuild of the union: the mark, and the union emptied
    store = pyoxigraph.Store(str(workspace / "store"))
    store.add(pyoxigraph.Quad(_STATE, _UNION_PENDING, pyoxigraph.Literal(True), _STATE))
    store.clear_graph(pyoxigraph.DefaultGraph())
    store.flush()
    del store
    after = CliRunner().invoke(cli, ["query", count, "--format", "json", "-w", str(workspace)], obj={})
    assert after.exit_code == 0 and after.stdout == before and json.loads(before)[0]["n"] == 1


def test_a_full_disk_ends_a_build_in_one_line_and_the_next_build_completes_it(tmp_path, monkeypatch):
    import errno
    import kg.build
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    workspace = tmp_path / "ws"
    (workspace).mkdir()
    (workspace / ".kg.ttl.abc123.tmp").write_text("half written", encoding="utf-8")
    (workspace / ".govkg-union-left").mkdir()

    def full(path, content):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))
    monkeypatch.setattr(kg.build, "write_atomically", full)
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "page.txt"), "-w", str(workspace)], obj={})
    assert result.exit_code == 1 and "kg build stopped: No space left on device" in result.output
    assert "Traceback" not in result.output
    assert not (workspace / ".kg.ttl.abc123.tmp").exists() and not (workspace / ".govkg-union-left").exists()
    monkeypatch.undo()
    del result  # its traceback holds the store open, which the process's end would let go
    import gc
    gc.collect()
    again = CliRunner().invoke(cli, ["build", str(tmp_path / "page.txt"), "-w", str(workspace)], obj={})
    assert again.exit_code == 0 and (workspace / "build-report.json").is_file()


def test_a_second_build_with_wait_waits_for_the_first(tmp_path):
    import threading
    from kg.build import workspace_lock
    workspace = tmp_path / "ws"
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    released = threading.Event()

    def hold():
        with workspace_lock(workspace):
            released.wait(2)
    holder = threading.Thread(target=hold)
    holder.start()
    time.sleep(0.2)
    started = time.time()
    threading.Timer(1.0, released.set).start()
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "page.txt"), "--wait", "-w", str(workspace)], obj={})
    holder.join()
    assert result.exit_code == 0, result.output
    assert time.time() - started >= 0.9
