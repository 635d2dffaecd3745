"""What every command shares: the consoles, the exit-2 error for bad input, loading a scenario,
checking outputs before work starts, the progress bar."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from interdict.core.errors import InterdictError
from interdict.io.outputs import check_output
from interdict.scenario.document import Scenario
from interdict.scenario.load import load_scenario

__all__ = ["JSONL", "out", "err", "fail_input", "load", "outputs_ok", "progress", "SeedOption"]

PIPED_WIDTH = 120  # columns when the output is not a terminal (a file, a pipe, a test)


def _console(stderr: bool) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    return Console(stderr=stderr, highlight=False, soft_wrap=True, width=None if stream.isatty() else PIPED_WIDTH)


out = _console(stderr=False)
err = _console(stderr=True)

JSONL = (".jsonl", ".json", ".ndjson")  # the extensions a JSON-lines output may have

SeedOption = Annotated[int | None, typer.Option(help="random seed; default: the scenario's `seed`")]


def fail_input(exc: InterdictError | OSError) -> typer.Exit:
    """Print a bad-input error without a traceback; the caller raises the returned Exit(2)."""
    if isinstance(exc, OSError):
        exc = InterdictError(f"{exc.filename}: cannot write: {exc.strerror}")
    err.print(str(exc), markup=False)
    return typer.Exit(code=2)


def load(file: Path) -> Scenario:
    try:
        return load_scenario(file)
    except InterdictError as exc:
        raise fail_input(exc) from None


def outputs_ok(*checks: tuple[Path | None, str, tuple[str, ...], bool]) -> None:
    """Every output (path, option, suffixes, '-' allowed) checked before work starts; exit 2 on the first bad one."""
    try:
        for path, option, suffixes, stdout in checks:
            check_output(path, option, suffixes, stdout=stdout)
    except InterdictError as exc:
        raise fail_input(exc) from None


def progress() -> Progress:
    """A transient progress bar on stderr (shown only on a terminal)."""
    return Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=err, transient=True)
