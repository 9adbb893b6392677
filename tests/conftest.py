from __future__ import annotations

import shutil
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
def extract(nlp):
    """Facts of a hand-written article."""
    from kg.extract import extract_facts
    from kg.ingest import SourceText, split_articles

    def run(text: str):
        articles = split_articles(SourceText(Path("handwritten.txt"), text, "utf-8"))
        return [extract_facts(article, nlp(article.text)) for article in articles]
    return run


@pytest.fixture(scope="session")
def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.skip("headless browser tests need Debian's chromium and fonts-wqy-microhei (make test installs them as root)")
    return path
