"""Command-line interface: thin typer commands that parse, load, call one library function, render.

Exit status: 0 ok; 1 ran but failed (e.g. an audit log that does not verify); 2 bad input, with the
error text on stderr and no traceback. Outputs are checked before work starts and written whole or
not at all.
"""

from __future__ import annotations

import errno
import functools
from collections.abc import Callable
from typing import Annotated, Any

import typer

from interdict import __version__
from interdict.cli.audit import audit_app
from interdict.cli.bench import bench, bench_cost, bench_trackers, score
from interdict.cli.common import closed_pipe
from interdict.cli.drill import drill
from interdict.cli.files import adsb, schema, simulate, track, validate
from interdict.cli.replay import replay
from interdict.cli.strips import strips_app

__all__ = ["app"]

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    help="Air-track identification decision support with civil-safety gates.",
)


def _version(shown: bool) -> None:
    if shown:
        typer.echo(f"interdict {__version__}")
        raise typer.Exit


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="print the version and exit")
    ] = False,
) -> None:
    """Air-track identification decision support with civil-safety gates."""


def _quiet_pipe(command: Callable[..., None]) -> Callable[..., None]:
    """A reader that closed the pipe (`interdict replay --events - | head`) ends the command quietly,
    exit 0, as Unix tools do (click alone would exit 1)."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise
            raise closed_pipe() from None

    return run


for command in (validate, schema, simulate, track, adsb, replay, drill, bench, score):
    app.command()(_quiet_pipe(command))
app.command("bench-trackers")(_quiet_pipe(bench_trackers))
app.command("bench-cost")(_quiet_pipe(bench_cost))
for info in (*audit_app.registered_commands, *strips_app.registered_commands):
    info.callback = _quiet_pipe(info.callback) if info.callback is not None else None
app.add_typer(audit_app, name="audit")
app.add_typer(strips_app, name="strips")
