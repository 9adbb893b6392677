"""Options every command shares: the workspace and store (-w, --store, --wait, accepted before or after the
command's name) and the format of what it prints (--format table|csv|json)."""
from __future__ import annotations

import functools
from pathlib import Path

import click

from kg.cli.output import FORMATS

DEFAULT_WORKSPACE = Path("kg-out")


def workspace_option(command):
    """-w/--workspace and --store, accepted after the command name as well as before it."""
    @click.option("-w", "--workspace", "command_workspace", type=click.Path(file_okay=False, path_type=Path),
                  default=None, help="Workspace folder (store/, kg.ttl, graph.html). Default: ./kg-out")
    @click.option("--store", "command_store", default=None, metavar="PATH|memory|URL",
                  help="The store: a folder (default: WORKSPACE/store), memory, or a SPARQL 1.1 server's base URL.")
    @click.option("--wait", "command_wait", is_flag=True,
                  help="While a build holds the workspace, wait for it to end instead of stopping.")
    @click.pass_context
    @functools.wraps(command)
    def wrapper(context, command_workspace, command_store, command_wait, **kwargs):
        workspace = command_workspace or context.obj.get("workspace") or DEFAULT_WORKSPACE
        store = command_store or context.obj.get("store") or str(workspace / "store")
        context.obj["wait"] = command_wait or context.obj.get("wait", False)
        return context.invoke(command, workspace=workspace, store=store, **kwargs)
    return wrapper


def format_option(command):
    """--format table|csv|json: how the command prints its rows (kg.cli.output)."""
    return click.option("--format", "output_format", type=click.Choice(FORMATS), default="table", show_default=True,
                        help="Aligned tables, CSV (a table after another, a blank line between) or JSON.")(command)
