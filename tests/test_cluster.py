"""Beyond one machine: a real Dask LocalCluster, a real Oxigraph server, and N-Quads for the bulk loaders."""

import subprocess
import sys

import dask
import pyoxigraph
import pytest
from click.testing import CliRunner
from rdflib import URIRef

from kg.cli import cli
from kg.rdf.bulk import NQuadsFiles
from kg.rdf.store import EmbeddedStore, open_store
from tests.conftest import SEEDS, free_port, oxigraph_binary


def named_quads(store) -> set:
    """Every quad of the store's named graphs, as rdflib terms."""
    return set(store.quads())


@pytest.fixture(scope="module")
def embedded_quads(seeds_workspace):
    store = open_store(seeds_workspace / "store", read_only=True)
    try:
        return named_quads(store)
    finally:
        store.close()


def test_a_dask_cluster_writing_to_a_server_gives_the_embedded_graph(oxigraph_server, embedded_quads, tmp_path):
    result = CliRunner().invoke(
        cli, ["build", str(SEEDS), "--dask", "local:2", "--store", oxigraph_server, "-w", str(tmp_path / "ws")], obj={}
    )
    assert result.exit_code == 0, result.output
    server = open_store(oxigraph_server)
    assert named_quads(server) == embedded_quads
    # readers of the server see the same answers as readers of the embedded store
    query = CliRunner().invoke(
        cli, ["query", "person-posts", "--param", "name=夏扬", "--format", "csv", "--store", oxigraph_server], obj={}
    )
    assert "局长" in query.output and "党组书记" in query.output


def test_a_cluster_of_another_pipeline_version_is_refused(monkeypatch, tmp_path):
    monkeypatch.setattr("kg.pipeline.code_version", lambda: "another-version")
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "--dask", "local:1", "-w", str(tmp_path / "ws")], obj={})
    assert result.exit_code == 1
    assert "run another version of govkg's pipeline" in result.output
    assert not (tmp_path / "ws" / "store").exists()


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--dask", "local:0"], "write local:N with N workers, at least 1"),
        (["--dask", "local:2", "-j", "2"], "give -j/--jobs or --dask, not both"),
        (["--dask", "local:two"], "write local:N with N workers, at least 1"),
        (["--dask", "tcp://127.0.0.1:{port}"], "cannot reach the Dask scheduler at tcp://127.0.0.1:"),
        (["--dask", "localhost:{port}"], "cannot reach the Dask scheduler at localhost:"),  # a host, not local:N
    ],
)
def test_a_cluster_that_cannot_be_used_is_one_line(arguments, message, tmp_path):
    arguments = [argument.format(port=free_port()) for argument in arguments]
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):  # nobody listens on that port
        result = CliRunner().invoke(cli, ["build", str(SEEDS), "-w", str(tmp_path / "ws"), *arguments], obj={})
    assert result.exit_code in (1, 2)
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_build_without_dask_never_imports_it(tmp_path):
    program = (
        "import sys\nfrom click.testing import CliRunner\nfrom kg.cli import cli\n"
        f"arguments = ['build', {str(SEEDS)!r}, '-j', '2', '-w', {str(tmp_path / 'ws')!r}]\n"
        "result = CliRunner().invoke(cli, arguments, obj={})\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] in ('dask', 'distributed')))"
    )
    run = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


def test_emitted_nquads_bulk_loaded_by_oxigraph_give_the_embedded_graph(embedded_quads, tmp_path):
    nquads = tmp_path / "nquads"
    (nquads).mkdir()
    (nquads / "batch-000009.nq").write_text("<urn:stale> <urn:from> <urn:an-earlier-run> .\n")
    result = CliRunner().invoke(
        cli, ["build", str(SEEDS), "--emit-nquads", str(nquads), "-w", str(tmp_path / "ws")], obj={}
    )
    assert result.exit_code == 0, result.output
    files = sorted(nquads.glob("*.nq"))
    assert files and "batch-000009.nq" not in {path.name for path in files}
    assert f"{len(files)} files in {nquads}" in result.output
    assert not (tmp_path / "ws" / "store").exists() and not (tmp_path / "ws" / "kg.ttl").exists()
    database = tmp_path / "loaded"
    subprocess.run(
        [oxigraph_binary(), "load", "--location", str(database), "--file", *map(str, files)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    loaded = EmbeddedStore(pyoxigraph.Store.read_only(str(database)), read_only=True)
    assert named_quads(loaded) == embedded_quads


def test_each_batch_is_one_whole_file_in_order(tmp_path):
    files = NQuadsFiles(tmp_path / "out")
    files.replace_graphs(
        [(URIRef("urn:g1"), b'<urn:a> <urn:b> "1" .\n'), (URIRef("urn:g2"), b'<urn:a> <urn:b> "2" .\n')]
    )
    files.replace_graphs([])
    files.replace_graphs([(URIRef("urn:g3"), b'<urn:a> <urn:b> "3 .\\n" .\n')])
    assert [path.name for path in sorted((tmp_path / "out").iterdir())] == ["batch-000001.nq", "batch-000002.nq"]
    dataset = pyoxigraph.Dataset(pyoxigraph.parse(path=str(files.files[0]), format=pyoxigraph.RdfFormat.N_QUADS))
    assert {quad.graph_name.value for quad in dataset} == {"urn:g1", "urn:g2"}
    (last,) = pyoxigraph.parse(path=str(files.files[1]), format=pyoxigraph.RdfFormat.N_QUADS)
    assert last.object.value == "3 .\n" and last.graph_name.value == "urn:g3"
