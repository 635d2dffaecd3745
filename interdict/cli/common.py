"""What every command shares: the consoles, the exit-2 error for bad input, loading a scenario,
checking outputs before work starts, the progress bar."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from interdict.core.errors import InterdictError
from interdict.io.outputs import check_output
from interdict.scenario.document import Scenario
from interdict.scenario.load import load_scenario

__all__ = [
    "JSONL",
    "out",
    "err",
    "fail_input",
    "load",
    "outputs_ok",
    "progress",
    "SeedOption",
    "check_seed",
    "MAX_SEED",
]

PIPED_WIDTH = 120  # columns when the output is not a terminal (a file, a pipe, a test)


def _console(stderr: bool) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    return Console(stderr=stderr, highlight=False, soft_wrap=True, width=None if stream.isatty() else PIPED_WIDTH)


out = _console(stderr=False)
err = _console(stderr=True)

JSONL = (".jsonl", ".json", ".ndjson")  # the extensions a JSON-lines output may have

MAX_SEED = 2**63 - 1  # as the scenario format's `seed`
SeedOption = Annotated[
    int | None, typer.Option(help="random seed; default: the scenario's `seed`", min=0, max=MAX_SEED)
]


def check_seed(seed: int, option: str, *, span: int = 1) -> None:
    """InterdictError unless `seed` .. `seed + span - 1` are all seeds (0 to 2**63 - 1)."""
    if not 0 <= seed <= MAX_SEED - (span - 1):
        raise InterdictError(f"{option} {seed}: expected a seed from 0 to {MAX_SEED - (span - 1):,} for {span:,} runs")


def fail_input(exc: InterdictError | OSError) -> typer.Exit:
    """Print a bad-input error without a traceback; the caller raises the returned Exit(2). A reader
    that closed the pipe (`| head`) is no error: a quiet Exit(0), as Unix tools do."""
    if isinstance(exc, OSError) and exc.errno == errno.EPIPE:
        return closed_pipe()
    if isinstance(exc, OSError):
        exc = InterdictError(f"{exc.filename}: cannot write: {exc.strerror}")
    err.print(str(exc), markup=False)
    return typer.Exit(code=2)


def closed_pipe() -> typer.Exit:
    """Standard output's reader has gone: nothing more is written (what is buffered goes nowhere)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return typer.Exit(code=0)


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


def progress(*, count: bool = False) -> Progress:
    """A transient progress bar on stderr (shown only on a terminal): elapsed and remaining time, and
    `count`: done of total (runs)."""
    columns = [TextColumn("{task.description}"), BarColumn()]
    if count:
        columns.append(MofNCompleteColumn())
    return Progress(*columns, TimeElapsedColumn(), TimeRemainingColumn(), console=err, transient=True)
