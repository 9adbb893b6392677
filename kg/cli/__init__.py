"""The `kg` command line: every command works on a workspace folder (kg/cli/options.py), prints through one
output layer (kg/cli/output.py) and ends in one line on any error a user can act on (GovkgError, here)."""

from __future__ import annotations

import click

from kg.cli.options import store_options
from kg.errors import GovkgError


class _Commands(click.Group):
    """kg's commands: an error a user can act on (kg.errors.GovkgError), or a file a command cannot write (a
    full disk, a folder it may not write), ends it in one line."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise  # the reader of the output went away (| head): click ends quietly
        except GovkgError as error:
            if error.usage:
                raise click.UsageError(error.one_line()) from error
            raise click.ClickException(error.one_line()) from error
        except OSError as error:
            where = f": {error.filename}" if error.filename else ""
            raise click.ClickException(f"{error.strerror or error}{where}") from error


@click.group(cls=_Commands)
@store_options()
@click.version_option(package_name="govkg")
@click.pass_context
def cli(context, workspace, store, wait):
    """govkg: Chinese government news to a knowledge graph of officials, agencies, projects and campaigns."""
    context.ensure_object(dict)
    context.obj["workspace"] = workspace
    context.obj["store"] = store
    context.obj["wait"] = wait


def main():
    cli(obj={})


# the commands, each in the module of its topic, register themselves on `cli`
from kg.cli import building, checking, drawing, judging, reading  # noqa: E402, F401
