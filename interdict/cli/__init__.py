"""Command-line interface: thin typer commands that parse, load, call one library function, render.

Exit status: 0 ok; 1 ran but failed (e.g. an audit log that does not verify); 2 bad input, with the
error text on stderr and no traceback. Outputs are checked before work starts and written whole or
not at all.
"""

from __future__ import annotations

from typing import Annotated

import typer

from interdict import __version__
from interdict.cli.audit import audit_app
from interdict.cli.bench import bench, bench_cost, bench_trackers, score
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


for command in (validate, schema, simulate, track, adsb, replay, drill, bench, score):
    app.command()(command)
app.command("bench-trackers")(bench_trackers)
app.command("bench-cost")(bench_cost)
app.add_typer(audit_app, name="audit")
app.add_typer(strips_app, name="strips")
