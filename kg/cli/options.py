"""Options every command shares: the workspace and store (-w, --store, --wait, accepted before or after the
command's name) and the format of what it prints (--format table|csv|json)."""

from __future__ import annotations

import functools
from pathlib import Path

import click

from kg.cli.output import FORMATS

DEFAULT_WORKSPACE = Path("kg-out")


def store_options(prefix: str = ""):
    """-w/--workspace, --store and --wait, as the parameters PREFIXworkspace, PREFIXstore and PREFIXwait."""

    def decorate(command):
        for option in reversed(
            (
                click.option(
                    "-w",
                    "--workspace",
                    f"{prefix}workspace",
                    type=click.Path(file_okay=False, path_type=Path),
                    default=None,
                    help="Workspace folder (store/, kg.ttl, graph.html). Default: ./kg-out",
                ),
                click.option(
                    "--store",
                    f"{prefix}store",
                    default=None,
                    metavar="PATH|memory|URL",
                    help="The store: a folder (default: WORKSPACE/store), memory, or a SPARQL 1.1 server's base URL.",
                ),
                click.option(
                    f"{prefix}wait",
                    "--wait",
                    is_flag=True,
                    help="While a build holds the workspace, wait for it to end instead of stopping.",
                ),
            )
        ):
            command = option(command)
        return command

    return decorate


def workspace_option(command):
    """The store options, accepted after the command name as well as before it (kg.cli's group)."""

    @store_options("command_")
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
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Aligned tables, CSV (a table after another, a blank line between) or JSON.",
    )(command)


def output_option(help_text: str):
    """-o/--output FILE: where the command writes what it made."""
    return click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help=help_text)
