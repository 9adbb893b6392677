"""notebooks/explore.ipynb runs top to bottom on the seeds' workspace."""

import json
from pathlib import Path

import nbformat
import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"


def test_the_notebook_is_committed_without_outputs():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    assert all(
        not cell.get("outputs") and not cell.get("execution_count") for cell in cells if cell["cell_type"] == "code"
    )


def test_the_notebook_runs_on_the_seeds(seeds_workspace, monkeypatch):
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv("GOVKG_WORKSPACE", str(seeds_workspace))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    ).execute()
    text = json.dumps([cell.get("outputs", []) for cell in notebook.cells], ensure_ascii=False)
    assert "郑州市科技局" in text  # person-posts of 夏扬
    assert "十大战略" in text  # campaign-agencies
    assert "image/png" in text  # the investments plot
    assert "srcdoc" in text  # the inline ego view
