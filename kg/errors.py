"""The one base of govkg's errors: what went wrong, said in one line a user can act on.

Every error a user can meet (a store damaged, a query refused, a lexicon folder that is none, a build
already running) is a GovkgError; the command line says each as "Error: its first line" in one place
(kg.cli) and exits 1, or 2 for a usage error.
"""

from __future__ import annotations


class GovkgError(Exception):
    """An error a user can act on; `way_out`, when set, says what to do next and is said after the message.

    >>> error = GovkgError("no store at kg-out/store")
    >>> error.way_out = "run `kg build` first"
    >>> str(error)
    'no store at kg-out/store: run `kg build` first'
    """

    #: a usage error: the command was given something it cannot take (exit 2)
    usage = False
    way_out: str | None = None

    def __str__(self) -> str:
        message = super().__str__()
        return f"{message}: {self.way_out}" if self.way_out else message

    def one_line(self) -> str:
        """The error as one line: its message's first, or its kind when it says nothing."""
        return str(self).splitlines()[0] if str(self) else type(self).__name__
