"""Nothing lost, nothing broken: odd input, interrupted builds, two builds at once, hostile text."""

import contextlib
import importlib.util
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from kg.build import build
from kg.cli import cli
from kg.ingest import SourceText, ingest_file, split_articles
from kg.rdf.vocab import FOAF, KG
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
    (corpus / "page.html").write_text(
        f"<html><script>alert(1)</script><style>p{{}}</style><body><p>{page(5)}</p></body></html>", encoding="utf-8"
    )
    (corpus / "pages.jsonl").write_text(
        json.dumps({"text": page(6)}, ensure_ascii=False) + "\n{broken\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        cli, ["build", str(corpus), str(tmp_path / "missing.txt"), "-w", str(tmp_path / "ws")], obj={}
    )
    assert result.exit_code == 1
    report = json.loads((tmp_path / "ws" / "build-report.json").read_text(encoding="utf-8"))
    reasons = {Path(s["path"]).name: s["reason"] for s in report["skipped"]}
    assert reasons["binary.txt"].startswith("binary file") and reasons["empty.txt"] == "empty file"
    assert reasons["missing.txt"] == "no such file or folder" and "pages.jsonl" in " ".join(reasons)
    assert report["files"] == 8 and report["articles_built"] >= 5
    assert "alert" not in (tmp_path / "ws" / "kg.ttl").read_text(encoding="utf-8")


def test_a_huge_file_is_read_in_pieces(tmp_path):
    page = tmp_path / "huge.txt"
    article = (
        "标题{n}\n\n——访郑州市科技局党组书记、局长夏扬\n\n" + "夏扬表示，要深入开展“三标”活动，抓好落实。" * 40 + "\n\n"
    )
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
        return sum(
            1 for quad in reader.quads_for_pattern(None, version, None) if quad.graph_name != pyoxigraph.DefaultGraph()
        )
    except (OSError, RuntimeError):
        return 0  # not created yet, or files the writer is compacting right now: ask again


def test_a_killed_build_resumes_to_the_graph_of_a_clean_build(tmp_path):
    """Two processes, so that the forked workers must let the workspace go when the build dies;
    a corpus of two batches of writes at least (and long enough to build that the kill comes before its end),
    killed once the first is stored."""
    corpus = tmp_path / "corpus"
    _corpus_generator().generate(3.0, corpus)
    workspace = tmp_path / "ws"
    child = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "build", str(corpus), "-j", "2", "-w", str(workspace)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=Path(__file__).resolve().parent.parent,
    )
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
    page.write_text(
        "<script>alert('h')</script>标题<img src=x onerror=alert(1)>\n\n"
        "——访郑州市科技局党组书记、局长夏扬\n\n夏扬表示，“<script>alert(2)</script>”活动要抓好。\n",
        encoding="utf-8",
    )
    workspace = tmp_path / "ws"
    build([page], workspace)
    CliRunner().invoke(cli, ["view", "--focus", "夏扬", "-w", str(workspace)], obj={})
    for view in (workspace / "graph.html", workspace / "view-夏扬.html"):
        text = view.read_text(encoding="utf-8")
        assert "<img src=x" not in text and "<script>alert" not in text


hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_CHINESE = st.text(
    alphabet=st.sampled_from(list("郑州市委书记局长夏扬表示，。、“”活动总投资亿元项目建设会议年月日123４５\n ")),
    max_size=300,
)
_ANY = st.text(max_size=300)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(_CHINESE, _ANY))
def test_extraction_never_raises_and_evidence_cuts_its_sentence(extract, text):
    for facts in extract(text):
        article = facts.article.text
        for fact_type in ("people", "posts", "bylines", "projects", "portfolios", "campaigns", "meetings"):
            for fact in getattr(facts, fact_type):
                evidence = fact.evidence
                assert article[evidence.start : evidence.end] == evidence.sentence
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
    assert {(s, p, o.toPython() if isinstance(o, Literal) else o) for s, p, o in again} == _triples(
        workspace / "ws" / "kg.ttl"
    )


def test_records_no_reader_could_take_are_skipped_by_file_and_line_and_the_rest_built(tmp_path, small_pieces):
    bad = tmp_path / "bad"
    bad.mkdir()
    # huge files (over 100 kB here): one with no line end, one in GB18030 after an ASCII preface
    (bad / "no-line-end.txt").write_text("郑州市科技局局长周立新表示，要加强科技创新。" * 8_000, encoding="utf-8")
    (bad / "ascii-first.txt").write_bytes(
        b"A plain ASCII preface line.\n\n" * 8_000
        + "标题\n\n郑州市科技局局长吴建华表示，要抓好落实。\n".encode("gb18030")
    )
    (bad / "surrogate.jsonl").write_text(
        '{"text": "标题\\n\\n正文\\ud800。"}\n' + json.dumps({"text": PAGE}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    (bad / "deep.jsonl").write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    (bad / "separators.jsonl").write_text(
        json.dumps({"text": "标题\n\n第一句\u2028第二句。"}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (bad / b"\xff\xfe.txt".decode("utf-8", "surrogateescape")).write_bytes("标题\n\n正文。\n".encode())
    (bad / "endless.txt").write_text(
        "标题\n\n" + "郑州市科技局局长夏扬说，要加强科技创新，" * 60_000 + "\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["build", str(SEEDS), str(bad), "-w", str(tmp_path / "ws")], obj={})
    assert result.exit_code == 1, result.output
    skipped = [line for line in result.output.splitlines() if line.startswith("skipped ")]
    assert sorted(skipped) == sorted(
        [
            f"skipped {bad / 'deep.jsonl'}: line 1: JSON nested too deeply to read",
            f"skipped {bad / 'surrogate.jsonl'}: line 1: the text holds a lone surrogate (an escape such as \\ud800), "
            "which is no character",
            f"skipped {bad}/\\udcff\\udcfe.txt: the file name is not UTF-8: "
            "rename it (convmv -f GBK -t UTF-8 --notest NAME)",
        ]
    )
    graph = Graph().parse(tmp_path / "ws" / "kg.ttl")
    pages = {str(page) for page in graph.objects(None, KG.page)}
    seed_articles = {
        a
        for a, page in graph.subject_objects(KG.page)
        if str(page).startswith(("000_", "001_", "002_", "003_", "004_"))
    }
    assert len(seed_articles) == 41
    assert "surrogate.jsonl#2" in pages and "separators.jsonl#1" in pages
    assert any(page.startswith("endless.txt") for page in pages)
    names = {str(name) for name in graph.objects(None, FOAF.name)}
    assert {"周立新", "吴建华"} <= names
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
    build_process = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "build", str(corpus), "-w", str(workspace), "-j", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=Path(__file__).resolve().parent.parent,
    )
    try:
        deadline = time.time() + 60
        while not _held(lock_path(workspace / "store")) and time.time() < deadline:
            time.sleep(0.05)
        assert _held(lock_path(workspace / "store")), "the build never took the store"
        refused = CliRunner().invoke(cli, ["query", "officials", "-w", str(workspace)], obj={})
        assert refused.exit_code == 1 and "a build is writing" in refused.output and "--wait" in refused.output
        waited = CliRunner().invoke(
            cli,
            [
                "query",
                "SELECT (COUNT(?a) AS ?n) WHERE { ?a a schema:NewsArticle }",
                "--format",
                "json",
                "--wait",
                "-w",
                str(workspace),
            ],
            obj={},
        )
        assert build_process.wait(timeout=300) == 0
    finally:
        build_process.kill()
    assert waited.exit_code == 0, waited.output
    report = json.loads((workspace / "build-report.json").read_text(encoding="utf-8"))
    assert json.loads(waited.stdout)[0]["n"] == report["graph"]["article"]


@pytest.mark.parametrize(
    "query, word",
    [
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * FROM <file:///etc/hostname> WHERE { ?s ?p ?o }", "FROM"),
    ],
)
def test_a_query_that_would_reach_beyond_the_store_is_refused(seeds_workspace, query, word):
    for store in ([], ["--store", "memory"]):
        result = CliRunner().invoke(cli, ["query", query, "-w", str(seeds_workspace), *store], obj={})
        assert result.exit_code == 1 and f"reads beyond the store ({word}" in result.output


# every triple of the seeds by every one by every one: a query that runs for minutes
_ENDLESS_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _kg_query(workspace: Path, *args: str, **streams) -> subprocess.Popen:
    """`kg query ARGS -w WORKSPACE` in a process of its own, as a shell starts it."""
    command = [sys.executable, "-m", "kg.cli", "query", *args, "-w", str(workspace)]
    return subprocess.Popen(command, cwd=Path(__file__).resolve().parent.parent, **streams)


def test_a_query_past_its_timeout_is_stopped_in_one_line(seeds_workspace):
    started = time.time()
    result = CliRunner().invoke(
        cli,
        [
            "query",
            _ENDLESS_QUERY,
            "--timeout",
            "1",
            "-w",
            str(seeds_workspace),
        ],
        obj={},
    )
    assert result.exit_code == 1 and "ran past its timeout of 1 s" in result.output
    assert time.time() - started < 15


def test_ctrl_c_stops_a_running_query(seeds_workspace):
    child = _kg_query(
        seeds_workspace, "--timeout", "600", _ENDLESS_QUERY, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    time.sleep(4)
    child.send_signal(signal.SIGINT)
    try:
        child.wait(timeout=10)
    finally:
        child.kill()
    assert child.returncode != 0 and "Traceback" not in child.stderr.read().decode("utf-8", "replace")


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid`, read from /proc."""
    found = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append(int(stat_file.parent.name))
    return found


@pytest.mark.parametrize("after", [0.0, 0.5, 3.0])
def test_a_killed_query_leaves_no_process_and_no_lock(seeds_workspace, after):
    from kg.rdf.locks import store_lock

    reading = _kg_query(
        seeds_workspace, "--timeout", "600", _ENDLESS_QUERY, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.time() + 30
    while after and not _children(reading.pid) and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(after)
    orphans = _children(reading.pid)
    reading.kill()
    reading.wait()
    deadline = time.time() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in orphans) and time.time() < deadline:
        time.sleep(0.05)
    assert not any(Path(f"/proc/{pid}").exists() for pid in orphans)
    with store_lock(seeds_workspace / "store", writing=True, wait=False):
        pass


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_control_characters_never_break_the_xml_exports(tmp_path, fmt):
    import xml.etree.ElementTree as ElementTree

    # JSON escapes carry control characters that a text file would be refused for
    page = tmp_path / "page.jsonl"
    page.write_text(
        json.dumps({"text": "标题\x1b[31m\n\n郑州市科技局局长夏扬\x0b表示，要推进“三\x01标”活动\x08。"}) + "\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(page), "-w", str(tmp_path / "ws")], obj={}).exit_code == 0
    target = tmp_path / f"kg.{fmt}"
    result = runner.invoke(cli, ["export", "--format", fmt, "-o", str(target), "-w", str(tmp_path / "ws")], obj={})
    assert result.exit_code == 0, result.output
    ElementTree.parse(target)


def test_query_output_never_runs_a_formula_or_a_terminal_escape(tmp_path):
    page = tmp_path / "page.jsonl"
    page.write_text(
        json.dumps({"text": "=1+2\x1b[2J\n\n郑州市科技局局长夏扬表示，要抓落实。"}) + "\n", encoding="utf-8"
    )
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(page), "-w", str(tmp_path / "ws")], obj={}).exit_code == 0
    query = "SELECT ?h WHERE { ?a schema:headline ?h }"
    table = runner.invoke(cli, ["query", query, "-w", str(tmp_path / "ws")], obj={}).output
    assert "\x1b" not in table and "\\x1b[2J" in table
    rows = runner.invoke(cli, ["query", query, "--format", "csv", "-w", str(tmp_path / "ws")], obj={}).stdout
    assert rows.splitlines()[1].startswith("'=1+2")


def test_a_store_killed_while_its_union_was_rebuilt_still_answers_in_full(tmp_path):
    import pyoxigraph

    from kg.rdf.store.embedded import _STATE, _UNION_PENDING

    workspace = tmp_path / "ws"
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    build([tmp_path / "page.txt"], workspace)
    count = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }"
    before = CliRunner().invoke(cli, ["query", count, "--format", "json", "-w", str(workspace)], obj={}).stdout
    # what a kill leaves in the middle of a rebuild of the union: the mark, and the union emptied
    from kg.rdf.store import open_store

    writer = open_store(workspace / "store")
    store = writer.inner
    store.add(pyoxigraph.Quad(_STATE, _UNION_PENDING, pyoxigraph.Literal(True), _STATE))
    store.clear_graph(pyoxigraph.DefaultGraph())
    store.flush()
    del writer, store
    after = CliRunner().invoke(cli, ["query", count, "--format", "json", "-w", str(workspace)], obj={})
    assert after.exit_code == 0 and after.stdout == before and json.loads(before)[0]["n"] == 1


def test_a_full_disk_ends_a_build_in_one_line_leaving_every_output_as_it_was(tmp_path, monkeypatch):
    import errno

    import kg.files

    (tmp_path / "first.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "second.txt").write_text(PAGE.replace("夏扬", "周立新"), encoding="utf-8")
    workspace = tmp_path / "ws"
    assert CliRunner().invoke(cli, ["build", str(tmp_path / "first.txt"), "-w", str(workspace)], obj={}).exit_code == 0
    outputs = {name: (workspace / name).read_bytes() for name in ("kg.ttl", "graph.html", "build-report.json")}
    (workspace / ".kg.ttl.abc123.tmp").write_text("half written", encoding="utf-8")
    (workspace / ".govkg-union-left").mkdir()

    def full(self, path, content):  # the disk fills as the last output, the report, is written
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(kg.files.Staged, "write", full)
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "second.txt"), "-w", str(workspace)], obj={})
    assert "kg build stopped: No space left on device" in _one_line_error(result)
    assert {name: (workspace / name).read_bytes() for name in outputs} == outputs
    assert not list(workspace.glob(".*.tmp")) and not (workspace / ".govkg-union-left").exists()
    monkeypatch.undo()
    del result  # its traceback holds the store open, which the process's end would let go
    import gc

    gc.collect()
    again = CliRunner().invoke(cli, ["build", str(tmp_path / "second.txt"), "-w", str(workspace)], obj={})
    turtle = (workspace / "kg.ttl").read_text(encoding="utf-8")
    assert again.exit_code == 0 and "周立新" in turtle and "夏扬" in turtle
    assert json.loads((workspace / "build-report.json").read_text(encoding="utf-8"))["articles"] == 1


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


def _flip_bytes(path: Path, count: int = 32) -> None:
    """Damage a file as a failing disk would: `count` bytes spread over it, each inverted."""
    data = bytearray(path.read_bytes())
    for index in range(count):
        data[(index * 7919 + 101) % len(data)] ^= 0xFF
    path.write_bytes(bytes(data))


def _one_line_error(result) -> str:
    lines = result.output.strip().splitlines()
    assert result.exit_code == 1 and len(lines) == 1 and lines[0].startswith("Error: "), result.output
    return lines[0]


def test_a_damaged_store_is_told_in_one_line_and_made_again_from_its_inputs(tmp_path):
    workspace = tmp_path / "ws"
    (tmp_path / "dated").mkdir()
    (tmp_path / "dated" / "page.txt").write_text(PAGE.replace("夏扬", "周立新"), encoding="utf-8")
    for build_args in ([str(SEEDS)], [str(tmp_path / "dated"), "--date", "2024-03-05", "--city", "洛阳"]):
        assert CliRunner().invoke(cli, ["build", *build_args, "-w", str(workspace)], obj={}).exit_code == 0
    built = _triples(workspace / "kg.ttl")
    assert any(str(o) == "2024-03-05" for _, _, o in built)
    _flip_bytes(max((workspace / "store").glob("*.sst"), key=lambda path: path.stat().st_size))
    for command in (
        ["stats"],
        ["query", "officials"],
        ["search", "夏扬"],
        ["export", "--format", "nt"],
        ["timeline", "夏扬"],
        ["build", str(SEEDS)],
    ):
        line = _one_line_error(CliRunner().invoke(cli, [*command, "-w", str(workspace)], obj={}))
        assert "is damaged (" in line and f"run `kg build --rebuild -w {workspace}`" in line, command
    rebuilt = CliRunner().invoke(cli, ["build", "--rebuild", "-w", str(workspace)], obj={})
    assert rebuilt.exit_code == 0, rebuilt.output
    assert _triples(workspace / "kg.ttl") == built
    assert CliRunner().invoke(cli, ["stats", "-w", str(workspace)], obj={}).exit_code == 0


@pytest.mark.parametrize(
    "damage, said",
    [
        (lambda store: _flip_bytes(next(store.glob("MANIFEST-*"))), "is damaged (Corruption"),
        (lambda store: [table.unlink() for table in store.glob("*.sst")], "is damaged ("),
        (lambda store: shutil.rmtree(store), "no store at"),
    ],
)
def test_damage_rocksdb_finds_itself_is_one_line_too(seeds_workspace, tmp_path, damage, said):
    workspace = tmp_path / "ws"
    shutil.copytree(seeds_workspace, workspace)
    (workspace / ".store.sums.json").unlink()  # as a store made before the record was kept
    damage(workspace / "store")
    for command in (["stats"], ["query", "officials"]):
        assert said in _one_line_error(CliRunner().invoke(cli, [*command, "-w", str(workspace)], obj={}))


def test_a_rebuild_without_recorded_inputs_asks_for_them(tmp_path):
    result = CliRunner().invoke(cli, ["build", "--rebuild", "-w", str(tmp_path / "ws")], obj={})
    assert result.exit_code == 2 and "records no build to make again" in result.output
    result = CliRunner().invoke(cli, ["build", "--rebuild", "--date", "2024-03-05", "-w", str(tmp_path / "ws")], obj={})
    assert result.exit_code == 2 and "go with PATHS" in result.output


def test_the_way_back_from_a_damaged_store_elsewhere_names_it(tmp_path):
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    workspace, store = tmp_path / "ws", tmp_path / "elsewhere" / "store"
    built = CliRunner().invoke(
        cli, ["build", str(tmp_path / "page.txt"), "-w", str(workspace), "--store", str(store)], obj={}
    )
    assert built.exit_code == 0, built.output
    _flip_bytes(max(store.glob("*.sst"), key=lambda path: path.stat().st_size))
    line = _one_line_error(CliRunner().invoke(cli, ["stats", "-w", str(workspace), "--store", str(store)], obj={}))
    assert f"kg build --rebuild -w {workspace} --store {store}`" in line
    rebuilt = CliRunner().invoke(cli, ["build", "--rebuild", "-w", str(workspace), "--store", str(store)], obj={})
    assert rebuilt.exit_code == 0, rebuilt.output
    assert CliRunner().invoke(cli, ["stats", "-w", str(workspace), "--store", str(store)], obj={}).exit_code == 0


def _as_another_user(command: list[str]) -> list[str]:
    """`command` run by a user who may not write the workspace: nobody, when the tests run as root."""
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command] if os.geteuid() == 0 else command


def test_a_workspace_one_may_only_read_answers_readers_and_refuses_writers_in_one_line(seeds_workspace):
    folder = Path(tempfile.mkdtemp(prefix="govkg-read-only-"))
    try:
        workspace = folder / "ws"
        shutil.copytree(seeds_workspace, workspace)
        (workspace / ".store.lock").unlink(missing_ok=True)
        for path in [folder, *folder.rglob("*")]:
            path.chmod(
                path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
                | stat.S_IROTH
                | (stat.S_IXOTH if path.is_dir() else 0)
            )

        def kg(*args):
            return subprocess.run(
                _as_another_user([sys.executable, "-m", "kg.cli", *args, "-w", str(workspace)]),
                capture_output=True,
                text=True,
                cwd=Path(__file__).resolve().parent.parent,
                env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
            )

        answered = kg("query", "officials", "--format", "csv")
        assert answered.returncode == 0 and "夏扬" in answered.stdout, answered.stderr
        assert kg("stats").returncode == 0
        for args, said in (
            (["view"], f"Permission denied: {workspace / 'graph.html'}"),
            (["build", str(SEEDS)], f"kg build cannot write the workspace {workspace}"),
        ):
            refused = kg(*args)
            lines = refused.stderr.strip().splitlines()
            assert refused.returncode == 1 and len(lines) == 1 and said in lines[0], refused.stderr
    finally:
        for path in [folder, *folder.rglob("*")]:
            path.chmod(path.stat().st_mode | stat.S_IWUSR)
        shutil.rmtree(folder)


def test_query_rows_reach_the_reader_while_the_query_still_runs(tmp_path):
    from kg.query import run_isolated

    received = tmp_path / "first row received"

    def rows():
        yield 1
        deadline = time.time() + 20
        while not received.exists() and time.time() < deadline:
            time.sleep(0.01)
        yield 2 if received.exists() else "the first row was held back"

    answers = run_isolated(rows, timeout=30, batch=1)
    assert next(answers) == 1
    received.touch()
    assert list(answers) == [2]


def test_a_query_runs_out_of_time_even_while_its_rows_are_written():
    from kg.query import QueryError, run_isolated

    def endless():
        while True:
            yield "row"

    started = time.time()
    with pytest.raises(QueryError, match="ran past its timeout of 1 s"):
        for _ in run_isolated(endless, timeout=1, batch=10):
            time.sleep(0.01)  # a slow reader of the rows
    assert time.time() - started < 10


def test_a_query_stopped_by_its_reader_ends_quietly(seeds_workspace):
    # every triple of the seeds: more than a pipe holds, so the query is still writing when its reader goes
    reading = _kg_query(
        seeds_workspace,
        "SELECT * WHERE { ?s ?p ?o }",
        "--format",
        "csv",
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    reading.stdout.readline()
    reading.stdout.close()  # as `| head -1` does
    assert reading.wait(timeout=60) in (0, 1)
    assert b"Traceback" not in reading.stderr.read()


def test_twenty_reads_beside_a_5_mb_build_each_answer_or_say_one_line_under_4_gb(tmp_path):
    import resource

    from kg.rdf.locks import lock_path

    corpus = tmp_path / "corpus"
    _corpus_generator().generate(5.0, corpus)
    workspace = tmp_path / "ws"
    root = Path(__file__).resolve().parent.parent

    def at_most_4_gb():
        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))

    count = "SELECT (COUNT(?a) AS ?n) WHERE { ?a a schema:NewsArticle }"
    reads = [
        ["query", "officials", "--format", "csv", "--timeout", "30"],
        ["stats"],
        ["search", "局"],
        ["export", "--format", "nt"],
    ] * 5
    reads[-3] = ["query", count, "--format", "json", "--wait", "--timeout", "300"]
    building = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "build", str(corpus), "-w", str(workspace), "-j", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=root,
    )
    outcomes = []
    try:
        deadline = time.time() + 120
        while not _held(lock_path(workspace / "store")) and time.time() < deadline:
            time.sleep(0.05)
        for command in reads:
            started = time.time()
            read = subprocess.run(
                [sys.executable, "-m", "kg.cli", *command, "-w", str(workspace)],
                cwd=root,
                capture_output=True,
                text=True,
                timeout=600,
                preexec_fn=at_most_4_gb,
            )
            outcomes.append((" ".join(command), read.returncode, time.time() - started, read.stdout, read.stderr))
        assert building.wait(timeout=600) == 0
    finally:
        building.kill()
    for name, code, seconds, out, err in outcomes:
        lines = err.strip().splitlines()
        assert (code == 0 and out) or (code == 1 and len(lines) == 1 and lines[0].startswith("Error: ")), (
            name,
            code,
            err,
        )
        assert seconds < (300 if "--wait" in name else 60), (name, seconds)
    told = [err for _, code, _, _, err in outcomes if code == 1]
    assert told and all("a build is writing" in err for err in told), [e for e in told if "a build is writing" not in e]
    waited = next(out for name, code, _, out, _ in outcomes if "--wait" in name)
    report = json.loads((workspace / "build-report.json").read_text(encoding="utf-8"))
    assert json.loads(waited)[0]["n"] == report["graph"]["article"]
