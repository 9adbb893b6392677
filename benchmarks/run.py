"""govkg's speed and scale, measured against baselines taken in the same run.

    .venv/bin/python benchmarks/run.py [--sizes 1,5,20] [--work /tmp/govkg-bench] [--json FILE]

Prints a table and writes a JSON report (default benchmarks/results/report.json):
- throughput: the whole `kg build` against bare `jieba.lcut` of the same text, as a ratio, at each
  size, on one process and on two; also against bare jieba-rs, the segmenter the pipeline runs;
  MB/s at each size shows whether cost grows linearly;
- parallel: the build on 2 processes against 1, at each size;
- incremental: one new article into the largest store, and a rebuild with nothing changed,
  against the full build;
- query: every named query on the largest graph, embedded Oxigraph against rdflib's memory store
  (the best of three runs each, or of as many as fit in a second), each in a process that does
  not hold the other's graph;
- memory: peak RSS of the largest build;
- paragraph: a page of 300,000 characters in one paragraph against the same text in its paragraphs;
- beyond one machine: the largest build on a Dask LocalCluster of 2 workers against 1, and
  into an Oxigraph server against the embedded store;
- process: what a user waits for, the whole `kg build` command (start-up in) against a whole process
  of bare `jieba.lcut` over the same files, paired in turns, the median of three pairs (as hyperfine
  counts), wall and CPU, on the corpora of --sizes and on the real pages of .eval/dev and .eval/dev2
  where they are fetched; also one article into an empty workspace.
Except in `process`, each build runs in a fresh process (its start-up excluded from the timing, its
peak RSS read by the parent); corpora come from benchmarks/corpus.py, new names and numbers in every article.
A build or a baseline counts as the best of three runs, as timeit counts: this machine's speed
wanders, one run can be a tenth off, and builds compared are run in turns.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import time
import timeit
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate  # noqa: E402

# a build, a baseline or a query counts as the best of this many runs, as timeit counts
RUNS = 3

# Runs one build in a child process: warms the pipeline, then times build() alone.
_BUILD = textwrap.dedent("""
    import json, resource, sys, time
    from pathlib import Path
    from kg.build import build
    from kg.nlp import build_nlp
    def cpu():  # of this process's threads, and of its workers (reaped when build() returns)
        usages = map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
        return sum(u.ru_utime + u.ru_stime for u in usages)
    build_nlp()
    started, cpu_started = time.perf_counter(), cpu()
    report = build([Path(p) for p in sys.argv[3:]], Path(sys.argv[1]), **json.loads(sys.argv[2]))
    seconds, cpu_seconds = time.perf_counter() - started, cpu() - cpu_started
    # peak RSS of this process, and of the largest of its workers (reaped when build() returns)
    peaks = [resource.getrusage(who).ru_maxrss / 1024 for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    print(json.dumps({"seconds": seconds, "cpu_s": cpu_seconds, "articles_built": report.articles_built,
                      "peak_rss_mb": round(peaks[0], 1), "worker_peak_rss_mb": round(peaks[1], 1)}))
""")


def timed_build(workspace: Path, paths: list[Path], **options) -> dict:
    """Build in a child process, with `options` for kg.build.build (jobs=1 unless given);
    returns seconds, CPU seconds (all its threads and workers), articles built, and the peak RSS in MB of the
    build's process and of its largest worker."""
    options.setdefault("jobs", 1)
    done = subprocess.run(
        [sys.executable, "-c", _BUILD, str(workspace), json.dumps(options), *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def timed_builds(corpus: Path, workspace: Path, runs: int = RUNS) -> dict[int, list[dict]]:
    """The build of `corpus` on 1 and on 2 processes, `runs` times each, taken in turns (so that the two
    do not differ by the moment they ran), each from an empty workspace; as timed_build, by processes.
    The last one-process build is left in `workspace` for the sections that follow."""
    two_processes_ws = workspace.with_name(workspace.name + "-2-processes")
    made: dict[int, list[dict]] = {1: [], 2: []}
    for _ in range(runs):
        for jobs, folder in ((2, two_processes_ws), (1, workspace)):
            shutil.rmtree(folder, ignore_errors=True)
            made[jobs].append(timed_build(folder, [corpus], jobs=jobs))
    shutil.rmtree(two_processes_ws)
    return made


def segmentation_seconds(files: list[Path], runs: int = RUNS) -> dict[str, float]:
    """Bare jieba.lcut, and bare jieba-rs, over the same text, with the words the pipeline adds;
    the best of `runs` runs each."""
    import jieba

    from kg.nlp import build_nlp

    segmenter = build_nlp().tokenizer.segmenter
    texts = [f.read_text(encoding="utf-8") for f in files]
    seconds = {}
    for name, cut in (("jieba", jieba.lcut), ("jieba_rs", segmenter.cut)):
        # with the garbage collector on, as in the builds it is the baseline of (timeit turns it off)
        seconds[name] = min(
            timeit.repeat(lambda cut=cut: [cut(text) for text in texts], setup="gc.enable()", number=1, repeat=runs)
        )
    return seconds


def throughput_row(megabytes: float, builds: dict[int, list[dict]], baseline: dict[str, float]) -> dict:
    """One size's line of the report: the best run of each build against the baselines, and the
    largest peak RSS of any run."""
    one, two = (min(builds[jobs], key=lambda run: run["seconds"]) for jobs in (1, 2))
    # two processes can go no faster than the CPU they spend, spread over the cores they can have
    cores = min(2, os.cpu_count() or 1)
    return {
        "mb": round(megabytes, 2),
        "articles": one["articles_built"],
        "build_s": round(one["seconds"], 2),
        "build_2_processes_s": round(two["seconds"], 2),
        "build_runs_s": [round(run["seconds"], 2) for run in builds[1]],
        "build_2_processes_runs_s": [round(run["seconds"], 2) for run in builds[2]],
        "jieba_s": round(baseline["jieba"], 2),
        "jieba_rs_s": round(baseline["jieba_rs"], 2),
        "ratio": round(one["seconds"] / baseline["jieba"], 2),
        "ratio_2_processes": round(two["seconds"] / baseline["jieba"], 2),
        "ratio_to_jieba_rs": round(one["seconds"] / baseline["jieba_rs"], 1),
        "speedup_2_processes": round(one["seconds"] / two["seconds"], 2),
        "cpu_s": round(one["cpu_s"], 1),
        "cpu_2_processes_s": round(two["cpu_s"], 1),
        "cores": cores,
        "speedup_ceiling": round(one["seconds"] / (two["cpu_s"] / cores), 2),
        "mb_per_s": round(megabytes / one["seconds"], 3),
        "peak_rss_mb": max(run["peak_rss_mb"] for run in builds[1]),
        "peak_rss_2_processes_mb": max(run["peak_rss_mb"] for run in builds[2]),
        "worker_peak_rss_mb": max(run["worker_peak_rss_mb"] for run in builds[2]),
    }


class _OverBudget(BaseException):
    """Raised by the alarm; a BaseException, so that no `except Exception` on the way swallows it."""


def _best_seconds(run, budget: float, runs: int = RUNS, least_seconds: float = 1.0) -> float:
    """The fastest of `runs` runs, or of as many as fit in `least_seconds` when that is more (as timeit's
    autorange: on a shared machine a query of milliseconds needs many runs to find a quiet one);
    runs that would pass `budget` in all are not made."""
    best = spent = _seconds(run, budget)
    made = 1
    while (made < runs or spent + best <= least_seconds) and spent + best <= budget:
        seconds = _seconds(run, budget)
        best, spent, made = min(best, seconds), spent + seconds, made + 1
    return best


def _seconds(run, budget: float) -> float:
    """How long `run` takes, or `budget` when it takes longer (rdflib's engine is pure Python: an alarm stops it)."""

    def stop(signum, frame):
        raise _OverBudget

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, budget)
    started = time.perf_counter()
    try:
        run()
        return time.perf_counter() - started
    except _OverBudget:
        return budget
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def query_ratios(workspace: Path, budget: float = 60.0) -> dict:
    """Every named query on the Oxigraph store and on rdflib's memory store holding the same triples, the
    best of three runs on each, or of as many as fit in a second; rdflib gets `budget` seconds a query,
    and a query it cannot finish counts as taking that long. Oxigraph's are timed first, before rdflib's
    graph fills the process (millions of Python objects that slow every other thing it does), as a user's
    `kg query` runs them."""
    from rdflib import Dataset

    from kg.query import named_queries, parse_params, run_query
    from kg.rdf.store import MemoryStore, open_store

    oxigraph = open_store(workspace / "store", read_only=True)
    # parameters that find something: the person and body of the first post in the graph
    _, posts = run_query(oxigraph, "officials")
    person, _, body, _ = posts[0]
    params = {"person-posts": [f"name={person}"], "timeline": [f"name={person}"], "org-people": [f"org={body}"]}
    bindings = {name: parse_params(params.get(name, [])) for name in named_queries()}
    seconds = {
        name: _best_seconds(lambda name=name, bound=bound: run_query(oxigraph, name, bound), budget)
        for name, bound in bindings.items()
    }
    oxigraph.close()
    memory = MemoryStore(Dataset(default_union=True))
    memory.dataset.parse(workspace / "kg.ttl", format="turtle")
    ratios = {}
    for name, bound in bindings.items():
        rdflib_s = _best_seconds(lambda name=name, bound=bound: run_query(memory, name, bound), budget)
        ratios[name] = {
            "oxigraph_s": round(seconds[name], 4),
            "rdflib_s": round(rdflib_s, 3),
            "speedup": round(rdflib_s / max(seconds[name], 1e-6), 1),
            "rdflib_gave_up": rdflib_s >= budget,
        }
        print(f"query {name}: {seconds[name]:.4f} s against {rdflib_s:.3f} s", flush=True)
    return ratios


@contextlib.contextmanager
def oxigraph_server(location: Path) -> Iterator[str]:
    """A fresh Oxigraph server on 127.0.0.1 (the oxigraph command of the test extras), as the README starts it."""
    from kg.rdf.store import EndpointStore, StoreError

    shutil.rmtree(location, ignore_errors=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or "oxigraph"
    server = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            with contextlib.suppress(StoreError):
                EndpointStore(url, timeout=1).select("ASK {}")
                break
            time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(location, ignore_errors=True)


def beyond_one_machine(corpus: Path, work: Path, embedded_s: float) -> dict:
    """The build on a Dask LocalCluster of 1 and of 2 workers (its start-up included), and into an
    Oxigraph server over SPARQL, against the embedded one-process build of the same corpus."""
    workspace = work / "ws-cluster"
    seconds = {}
    for workers in (1, 2):
        shutil.rmtree(workspace, ignore_errors=True)
        seconds[workers] = timed_build(workspace, [corpus], dask=f"local:{workers}")["seconds"]
        print(f"dask local:{workers}: {seconds[workers]:.1f} s", flush=True)
    shutil.rmtree(workspace, ignore_errors=True)
    with oxigraph_server(work / "oxigraph-server") as url:
        server_s = timed_build(workspace, [corpus], store=url)["seconds"]
    print(f"Oxigraph server store: {server_s:.1f} s", flush=True)
    shutil.rmtree(workspace, ignore_errors=True)
    return {
        "dask_1_worker_s": round(seconds[1], 2),
        "dask_2_workers_s": round(seconds[2], 2),
        "dask_speedup": round(seconds[1] / seconds[2], 2),
        "embedded_s": embedded_s,
        "server_s": round(server_s, 2),
        "server_vs_embedded": round(server_s / embedded_s, 2),
    }


def one_paragraph(work: Path, characters: int = 300_000, runs: int = RUNS) -> dict:
    """A page of `characters` in one paragraph with no line break, against the same text in its
    paragraphs: the build must stay linear in the text, however it is laid out."""
    source = work / "paragraph-source"
    if not source.is_dir():
        generate(characters * 4 / 1e6, source)
    lines = [
        line.strip()
        for path in sorted(source.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    kept, length = [], 0
    for line in lines:
        if length >= characters:
            break
        kept.append(line)
        length += len(line)
    layouts = {"one_paragraph": "".join(kept), "paragraphs": "\n\n".join(kept)}
    seconds: dict[str, list[float]] = {name: [] for name in layouts}
    for _ in range(runs):
        for name, text in layouts.items():
            corpus = work / f"layout-{name}"
            corpus.mkdir(parents=True, exist_ok=True)
            (corpus / "page.txt").write_text("标题\n\n" + text + "\n", encoding="utf-8")
            workspace = work / f"ws-layout-{name}"
            shutil.rmtree(workspace, ignore_errors=True)
            seconds[name].append(timed_build(workspace, [corpus])["seconds"])
    best = {name: round(min(values), 2) for name, values in seconds.items()}
    row = {
        "characters": length,
        **{f"{name}_s": value for name, value in best.items()},
        "ratio": round(best["one_paragraph"] / best["paragraphs"], 2),
    }
    print(f"one paragraph: {row}", flush=True)
    return row


# a whole process of bare jieba.lcut over the files given
_BARE_JIEBA = textwrap.dedent("""
    import sys, jieba
    jieba.setLogLevel(60)
    for name in sys.argv[1:]:
        with open(name, encoding="utf-8", errors="replace") as text:
            jieba.lcut(text.read())
""")


def timed_process(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (its own and its children's) of a whole process, start-up in."""
    before = os.times()
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = os.times()
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def whole_processes(name: str, corpus: Path, work: Path, jobs: str = "1", pairs: int = RUNS) -> dict:
    """`kg build CORPUS -j JOBS` into an empty workspace against bare jieba.lcut of the same files, each a
    whole process, run in turns `pairs` times; the median of each, and their ratios."""
    import statistics

    files = [str(f) for f in sorted(corpus.rglob("*")) if f.is_file() and f.suffix in (".txt", ".md", ".html")]
    kg = [sys.executable, "-m", "kg.cli", "build", str(corpus), "-j", jobs, "-w"]
    builds, bare = [], []
    for _ in range(pairs):
        workspace = work / f"process-{name}"
        shutil.rmtree(workspace, ignore_errors=True)
        builds.append(timed_process([*kg, str(workspace)]))
        bare.append(timed_process([sys.executable, "-c", _BARE_JIEBA, *files]))
    wall, cpu = (statistics.median(run[i] for run in builds) for i in (0, 1))
    jieba_wall, jieba_cpu = (statistics.median(run[i] for run in bare) for i in (0, 1))
    return {
        "corpus": name,
        "mb": round(sum(Path(f).stat().st_size for f in files) / 1e6, 2),
        "files": len(files),
        "jobs": jobs,
        "build_s": round(wall, 2),
        "build_cpu_s": round(cpu, 2),
        "jieba_s": round(jieba_wall, 2),
        "jieba_cpu_s": round(jieba_cpu, 2),
        "ratio_wall": round(wall / jieba_wall, 2),
        "ratio_cpu": round(cpu / jieba_cpu, 2),
    }


def process_rows(sizes: list[float], work: Path) -> list[dict]:
    """The whole-process rows: the generated corpora, the fetched real pages, one article."""
    corpora = []
    for size in sizes:
        corpus = work / f"corpus-{size:g}mb"
        if not corpus.is_dir():
            generate(size, corpus)
        corpora.append((f"corpus.py {size:g} MB", corpus))
    corpora += [
        (f".eval/{name}", ROOT / ".eval" / name) for name in ("dev", "dev2") if (ROOT / ".eval" / name).is_dir()
    ]
    rows = []
    for name, corpus in corpora:
        for jobs in ("1", "auto"):
            rows.append(whole_processes(name, corpus, work, jobs))
            print(f"process: {rows[-1]}", flush=True)
    one = work / "one-article"
    shutil.rmtree(one, ignore_errors=True)
    generate(0.002, one, seed=7)
    rows.append(whole_processes("one article", one, work))
    return rows


SECTIONS = ("throughput", "incremental", "queries", "cluster", "paragraph", "process")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,5,20", help="corpus sizes in MB, comma separated")
    parser.add_argument("--sections", default=",".join(SECTIONS), help=f"what to measure, of {', '.join(SECTIONS)}")
    parser.add_argument("--work", type=Path, default=Path("/tmp/govkg-bench"), help="where corpora and stores go")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "report.json")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    sections = args.sections.split(",")
    report: dict = {"throughput": []}
    # the sections that read the largest store and its build time
    on_largest = {"incremental", "queries", "cluster"} & set(sections)
    for size in sizes if "throughput" in sections else sizes[-1:] if on_largest else []:
        corpus = args.work / f"corpus-{size:g}mb"
        if not corpus.is_dir():
            generate(size, corpus)
        files = sorted(corpus.glob("*.txt"))
        megabytes = sum(f.stat().st_size for f in files) / 1e6
        workspace = args.work / f"ws-{size:g}mb"
        if "throughput" not in sections:  # the other sections need the largest build and its time
            shutil.rmtree(workspace, ignore_errors=True)
            report["largest"] = {
                "mb": round(megabytes, 2),
                "build_s": round(timed_build(workspace, [corpus])["seconds"], 2),
            }
            break
        builds = timed_builds(corpus, workspace)
        baseline = segmentation_seconds(files)
        row = throughput_row(megabytes, builds, baseline)
        report["throughput"].append(row)
        report["largest"] = {"mb": row["mb"], "build_s": row["build_s"]}
        print(
            f"built {megabytes:.1f} MB in {row['build_s']} s ({row['ratio']}x jieba), "
            f"{row['build_2_processes_s']} s on 2 processes",
            flush=True,
        )
        _save(report, args.json)
    largest = args.work / f"ws-{sizes[-1]:g}mb"
    corpus = args.work / f"corpus-{sizes[-1]:g}mb"
    full = report["largest"]["build_s"] if on_largest else None
    if "cluster" in sections:
        report["cluster"] = beyond_one_machine(corpus, args.work, full)
        _save(report, args.json)
    if "queries" in sections:
        # on the store as the largest build left it, before an article is added to it: the build merged
        # the store's files, and an addition leaves small new ones that every look-up reads as well
        report["queries"] = query_ratios(largest)
        _save(report, args.json)
    if "incremental" in sections:
        extra = args.work / "one-more"
        shutil.rmtree(extra, ignore_errors=True)
        generate(0.002, extra, seed=99)
        one = timed_build(largest, [extra])["seconds"]
        again = timed_build(largest, [corpus, extra])["seconds"]
        report["incremental"] = {
            "one_article_s": round(one, 2),
            "no_change_rebuild_s": round(again, 2),
            "no_change_vs_full": round(again / full, 3),
            "full_build_s": full,
        }
        print(f"incremental: {report['incremental']}", flush=True)
        _save(report, args.json)
    if "paragraph" in sections:
        report["paragraph"] = one_paragraph(args.work)
        _save(report, args.json)
    if "process" in sections:
        report["process"] = process_rows(sizes, args.work)
        _save(report, args.json)
    if report["throughput"]:
        report["memory"] = {
            "peak_rss_mb": report["throughput"][-1]["peak_rss_mb"],
            "mb": report["throughput"][-1]["mb"],
        }
    _save(report, args.json)
    print_table(report)


def _save(report: dict, path: Path) -> None:
    """Write the report so far: a long run that fails late keeps what it measured."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


def print_table(report: dict) -> None:
    if "process" in report:
        print_processes(report["process"])
    if report["throughput"]:
        print_throughput(report["throughput"], report["memory"])
    if "incremental" in report:
        i = report["incremental"]
        print(
            f"incremental: one article {i['one_article_s']} s; no-change rebuild {i['no_change_rebuild_s']} s "
            f"= {i['no_change_vs_full']:.1%} of the full build"
        )
    if "queries" in report:
        print("\nnamed queries: Oxigraph against rdflib's memory store")
        for name, row in report["queries"].items():
            more = "+" if row["rdflib_gave_up"] else " "
            print(f"  {name:<18} {row['oxigraph_s']:>7} s {row['rdflib_s']:>8} s{more} {row['speedup']:>7}x{more}")
    if "paragraph" in report:
        row = report["paragraph"]
        print(
            f"\none paragraph of {row['characters']} characters: {row['one_paragraph_s']} s, the same text in "
            f"paragraphs {row['paragraphs_s']} s: {row['ratio']}x"
        )
    if "cluster" in report:
        c = report["cluster"]
        print(
            f"\nbeyond one machine, {report['largest']['mb']} MB: Dask LocalCluster 1 worker {c['dask_1_worker_s']} s, "
            f"2 workers {c['dask_2_workers_s']} s, speed-up {c['dask_speedup']}x; Oxigraph server store "
            f"{c['server_s']} s against embedded {c['embedded_s']} s = {c['server_vs_embedded']}x"
        )


def print_throughput(rows: list[dict], memory: dict) -> None:
    print(f"\nthroughput: 1 and 2 processes against bare jieba.lcut, the best of {RUNS} runs each")
    print(
        f"{'MB':>6} {'articles':>9} {'1 proc s':>8} {'2 procs s':>9} {'jieba s':>8} {'jieba-rs s':>10} "
        f"{'ratio 1':>7} {'ratio 2':>7} {'2 vs 1':>6} {'MB/s':>7} {'RSS MB':>7}"
    )
    for row in rows:
        print(
            f"{row['mb']:>6} {row['articles']:>9} {row['build_s']:>8} {row['build_2_processes_s']:>9} "
            f"{row['jieba_s']:>8} {row['jieba_rs_s']:>10} {row['ratio']:>7} {row['ratio_2_processes']:>7} "
            f"{row['speedup_2_processes']:>6} {row['mb_per_s']:>7} {row['peak_rss_mb']:>7}"
        )
    rates = [row["mb_per_s"] for row in rows]
    print(f"MB/s spread: {(max(rates) - min(rates)) / max(rates):.0%} (linear when within 20%)")
    largest = rows[-1]
    print(
        f"peak memory of the {memory['mb']} MB build: {memory['peak_rss_mb']} MB "
        f"(on 2 processes {largest['peak_rss_2_processes_mb']} MB, each worker <= {largest['worker_peak_rss_mb']} MB)"
    )
    print(
        f"runs of the {largest['mb']} MB build: 1 process {largest['build_runs_s']}, "
        f"2 processes {largest['build_2_processes_runs_s']}; CPU seconds of the best: {largest['cpu_s']} and "
        f"{largest['cpu_2_processes_s']}, so 2 processes on {largest['cores']} cores can be at most "
        f"{largest['speedup_ceiling']}x as fast as 1"
    )


def print_processes(rows: list[dict]) -> None:
    print(f"\nwhole process, as users wait for it: kg build against bare jieba.lcut, median of {RUNS} pairs")
    print("| corpus | MB | files | -j | kg build s | jieba s | wall ratio | CPU ratio |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(
            f"| {r['corpus']} | {r['mb']} | {r['files']} | {r['jobs']} | {r['build_s']} | {r['jieba_s']} | "
            f"{r['ratio_wall']}x | {r['ratio_cpu']}x |"
        )


if __name__ == "__main__":
    main()
