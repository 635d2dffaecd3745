"""Command-line interface: thin typer commands that parse, load, call one library function, render.

Exit status: 0 ok; 1 ran but failed (e.g. an audit log that does not verify); 2 bad input, with the
error text on stderr and no traceback.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from interdict.errors import InterdictError
from interdict.scenario import Scenario, load_scenario

__all__ = ["app"]

app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                  help="Air-track identification decision support with civil-safety gates.")

_out = Console(highlight=False, soft_wrap=True)
_err = Console(stderr=True, highlight=False, soft_wrap=True)


def _fail_input(exc: InterdictError) -> typer.Exit:
    """Print a bad-input error without a traceback; the caller raises the returned Exit(2)."""
    _err.print(str(exc), markup=False)
    return typer.Exit(code=2)


@app.command()
def validate(files: Annotated[list[Path], typer.Argument(help="scenario files (YAML)")]) -> None:
    """Check scenario files; exit 0 when all are valid, 2 otherwise, listing every problem."""
    bad = 0
    for file in files:
        try:
            scenario = load_scenario(file)
        except InterdictError as exc:
            bad += 1
            _err.print(str(exc), markup=False)
            continue
        _out.print(f"{file}: ok ({scenario.name}: {len(scenario.aircraft)} aircraft, "
                   f"{len(scenario.radars)} radars, {len(scenario.strips)} strips)", markup=False)
    if bad:
        raise typer.Exit(code=2)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the scenario format (for editor completion)."""
    typer.echo(json.dumps(Scenario.model_json_schema(), indent=2))
