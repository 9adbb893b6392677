from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT.parent / "shared" / "eval" / "seeds-gold.json"


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def lexicon(nlp):
    """The package's lexicon, as the pipeline holds it."""
    return nlp.tokenizer.lexicon


@pytest.fixture(scope="session")
def names(nlp):
    from kg.nlp.names import Names

    return Names(nlp.tokenizer.lexicon, nlp.tokenizer.dictionary)


@pytest.fixture(scope="session")
def find_campaigns(lexicon):
    from kg.nlp.campaigns import CampaignFinder

    return CampaignFinder(lexicon)


@pytest.fixture(scope="session")
def find_meetings(lexicon):
    from kg.nlp.meetings import MeetingFinder

    return MeetingFinder(lexicon)


@pytest.fixture(scope="session")
def resolver(lexicon):
    from kg.resolve import Resolver

    return Resolver(lexicon)


@pytest.fixture(scope="session")
def pipeline():
    """The pipeline of a build with the default settings."""
    from kg.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def extractor(lexicon):
    from kg.extract import Extractor

    return Extractor(lexicon)


def tiny_lexicon(folder: Path, **tables: str):
    """A lexicon of only the tables given, each as the text of its file after the header (a test's own words):
    tiny_lexicon(tmp_path, titles="title\tkind\n书记\tparty")."""
    from kg.lexicon import Lexicon

    folder.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (folder / f"{name}.tsv").write_text(text + "\n", encoding="utf-8")
    return Lexicon([folder])


@pytest.fixture(scope="session")
def seeds_workspace(tmp_path_factory) -> Path:
    """The seeds built once into a workspace shared by the read-only tests."""
    from kg.build import build

    workspace = tmp_path_factory.mktemp("seeds") / "kg-out"
    report = build([SEEDS], workspace)
    assert report.files == 5 and not report.skipped
    return workspace


@pytest.fixture(scope="session")
def seeds_graph(seeds_workspace):
    from rdflib import Graph

    return Graph().parse(seeds_workspace / "kg.ttl", format="turtle")


@pytest.fixture
def extract(nlp, extractor):
    """Facts of a hand-written article."""
    from kg.ingest import SourceText, split_articles

    def run(text: str):
        articles = split_articles(SourceText(Path("handwritten.txt"), text, "utf-8"))
        return [extractor.facts(article, nlp(article.text)) for article in articles]

    return run


@pytest.fixture(scope="session")
def chromium(tmp_path_factory) -> str:
    """Headless Chromium, once it has opened a page here: where it cannot start (no package, a cap on the
    address space, no /dev/shm), the browser tests skip and say why."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.skip(
            "headless browser tests need Debian's chromium and fonts-wqy-microhei (make test installs them as root)"
        )
    folder = tmp_path_factory.mktemp("chromium-probe")
    page = folder / "probe.html"
    page.write_text("<p>probe</p>", encoding="utf-8")
    try:
        headless(path, page, folder / "profile", "--dump-dom")
    except subprocess.CalledProcessError as error:
        said = [line for line in (error.stderr or "").splitlines() if line.strip()]
        pytest.skip(f"headless Chromium cannot start here (exit {error.returncode}): {said[-1] if said else ''}"[:300])
    except subprocess.TimeoutExpired:
        pytest.skip("headless Chromium did not open a page within its timeout")
    return path


def headless(chromium: str, page: Path, profile: Path, *options: str) -> str:
    """Open `page` in headless Chromium with `options` (--screenshot=..., --dump-dom), offline and with a profile
    of its own; what it printed."""
    return subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            *options,
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout


def oxigraph_binary() -> str:
    """The oxigraph command line (server and bulk loader) of the PyPI package oxigraph."""
    beside_python = Path(sys.executable).parent / "oxigraph"
    binary = str(beside_python) if beside_python.is_file() else shutil.which("oxigraph")
    if binary is None:
        pytest.skip("the oxigraph server (PyPI package oxigraph) is not installed")
    return binary


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")  # a fresh server for each test module
def oxigraph_server(tmp_path_factory):
    """A fresh Oxigraph server whose default graph is the union of its named graphs, as kg expects."""
    binary = oxigraph_binary()
    port = free_port()
    server = subprocess.Popen(
        [
            binary,
            "serve",
            "--location",
            str(tmp_path_factory.mktemp("oxigraph")),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        server.kill()
        pytest.fail("the Oxigraph server did not start")
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def small_pieces(monkeypatch):
    """The huge-file reader at a small scale: files over 100 kB are huge, read 16 kB at a time."""
    import kg.ingest.sources as sources

    monkeypatch.setattr(sources, "HUGE_FILE_BYTES", 100_000)
    monkeypatch.setattr(sources, "PIECE_CHARS", 20_000)
    monkeypatch.setattr(sources, "_SNIFF_BYTES", 1 << 14)
    monkeypatch.setattr(sources, "_READ_BYTES", 1 << 14)
    return sources
