"""Extraction on a Dask cluster: pages go to the workers as text, their graphs come back as N-Triples.

`kg build --dask tcp://HOST:8786` uses a running cluster; `--dask local:N` starts a LocalCluster
of N worker processes on this machine for the build. Only these builds import dask.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator
from concurrent.futures import Executor

from kg.errors import GovkgError

_LOCAL = re.compile(r"local:(\d+)")


class ClusterError(GovkgError, RuntimeError):
    """A cluster that cannot be used: dask missing, no scheduler at the address, or workers of another version."""


@contextlib.contextmanager
def dask_executor(address: str, pipeline) -> Iterator[tuple[Executor, int]]:
    """A concurrent.futures Executor that runs calls on the Dask cluster at `address`, and its worker threads.

    address: a scheduler's address (tcp://10.0.0.5:8786), or local:N for N local worker processes.
    pipeline: this build's (kg.pipeline.Pipeline); each worker builds one of the same settings, which must
    be of the same version: a cluster of another version is refused.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("--dask needs dask's distributed package: pip install 'govkg[dask]'") from None
    local = _LOCAL.fullmatch(address)
    if address.startswith("local:") and (local is None or int(local.group(1)) < 1):
        raise ClusterError(f"--dask {address}: write local:N with N workers, at least 1")
    with contextlib.ExitStack() as stack:
        try:
            if local:
                # one thread per worker process: spaCy's work holds the GIL, so processes are what scale
                cluster = stack.enter_context(
                    LocalCluster(
                        n_workers=int(local.group(1)),
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                        silence_logs=logging.ERROR,
                    )
                )
                client = stack.enter_context(Client(cluster))
            else:
                client = stack.enter_context(Client(address))
        except OSError as error:  # includes the timeout (dask config distributed.comm.timeouts.connect, 30 s)
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {error}") from None
        from kg.dask_worker import PipelinePlugin, pipeline_version

        client.register_plugin(PipelinePlugin(pipeline.settings))
        _check_workers(client.run(pipeline_version), pipeline.version)
        yield client.get_executor(pure=False), sum(client.nthreads().values())


def build_pages_on_worker(pages):
    """The graphs of a chunk of pages, built on a Dask worker with its pipeline (kg.dask_worker)."""
    from kg.dask_worker import build_pages

    return build_pages(pages)


def _check_workers(versions: dict[str, str], version: str) -> None:
    if not versions:
        raise ClusterError("the Dask cluster has no workers")
    others = sorted(worker for worker, worker_version in versions.items() if worker_version != version)
    if others:
        raise ClusterError(
            f"Dask workers {', '.join(others)} run another version of govkg's pipeline: "
            "install this version on every worker"
        )
