"""Extraction on a Dask cluster: pages go to the workers as text, their graphs come back as N-Triples.

`kg build --dask tcp://HOST:8786` uses a running cluster; `--dask local:N` starts a LocalCluster
of N worker processes on this machine for the build. Only these builds import dask.
"""
from __future__ import annotations

import contextlib
import logging
import re
from concurrent.futures import Executor
from typing import Iterator

_LOCAL = re.compile(r"local:(\d+)")


class ClusterError(RuntimeError):
    """A cluster that cannot be used: dask missing, no scheduler at the address, or workers of another version."""


@contextlib.contextmanager
def dask_executor(address: str) -> Iterator[tuple[Executor, int]]:
    """A concurrent.futures Executor that runs calls on the Dask cluster at `address`, and its worker threads.

    address: a scheduler's address (tcp://10.0.0.5:8786), or local:N for N local worker processes.
    Every worker must run the pipeline version of this process: a cluster of another version is refused.
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
                cluster = stack.enter_context(LocalCluster(n_workers=int(local.group(1)), threads_per_worker=1,
                                                           processes=True, dashboard_address=None,
                                                           silence_logs=logging.ERROR))
                client = stack.enter_context(Client(cluster))
            else:
                client = stack.enter_context(Client(address))
        except OSError as error:  # includes the timeout (dask config distributed.comm.timeouts.connect, 30 s)
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {error}") from None
        _check_workers(client.run(_worker_ready))
        yield client.get_executor(pure=False), sum(client.nthreads().values())


def _worker_ready() -> str:
    """Run on each worker before the build: load its pipeline once, and say which version it runs."""
    from kg.pipeline import pipeline_version
    from kg.nlp import build_nlp
    build_nlp()
    return pipeline_version()


def _check_workers(versions: dict[str, str]) -> None:
    from kg.pipeline import pipeline_version
    if not versions:
        raise ClusterError("the Dask cluster has no workers")
    others = sorted(worker for worker, version in versions.items() if version != pipeline_version())
    if others:
        raise ClusterError(f"Dask workers {', '.join(others)} run another version of govkg's pipeline: "
                           "install this version on every worker")
