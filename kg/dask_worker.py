"""What a Dask worker runs: the build's pipeline, built once per worker by a worker plugin, and the pages
it is sent. Imported only by builds on a cluster (kg.cluster), on the workers as well."""

from __future__ import annotations

from distributed import WorkerPlugin, get_worker

from kg.ingest import Article
from kg.pipeline import BuildSettings, PageGraphs, Pipeline

PLUGIN = "govkg-pipeline"


class PipelinePlugin(WorkerPlugin):
    """Builds the pipeline of a build's settings on each worker as it joins, and keeps it there."""

    name = PLUGIN

    def __init__(self, settings: BuildSettings):
        self.settings = settings
        self.pipeline: Pipeline | None = None

    def setup(self, worker) -> None:
        self.pipeline = Pipeline(self.settings)


def pipeline_version(dask_worker) -> str:
    """The version of the pipeline a worker runs (client.run passes the worker)."""
    return dask_worker.plugins[PLUGIN].pipeline.version


def build_pages(pages: list[list[Article]]) -> list[PageGraphs]:
    """The graphs of a chunk of pages, built with the worker's pipeline."""
    return get_worker().plugins[PLUGIN].pipeline.build_pages(pages)
