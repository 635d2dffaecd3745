"""One exception tree; every message says what is wrong, where, and what to do."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "InterdictError",
    "Problem",
    "ScenarioError",
    "PlotFileError",
    "OutOfOrderPlotError",
    "UnknownRadarError",
    "UnknownStripError",
    "RuleSetError",
    "AuditError",
]


class InterdictError(Exception):
    """Base of every error the library raises on bad input or a refused operation."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in an input file: where (key path such as `aircraft[0].route[2].t_s`) and what."""

    path: str
    message: str

    def render(self, file: str) -> str:
        where = f"{file}: {self.path}" if self.path else file
        return f"{where}: {self.message}"


class ScenarioError(InterdictError):
    """A scenario file that cannot be loaded; lists every problem found, not just the first."""

    def __init__(self, file: str, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.file = file
        self.problems = tuple(problems)
        lines = [p.render(file) for p in self.problems]
        head = f"{file}: {len(lines)} problem{'s' if len(lines) != 1 else ''}"
        super().__init__("\n".join([head, *("  " + line for line in lines)]))


class PlotFileError(InterdictError):
    """A plot (or track) JSON-lines file with a bad line."""


class OutOfOrderPlotError(InterdictError):
    """A plot earlier than the state it would update."""


class UnknownRadarError(InterdictError):
    """A plot from a radar the tracker was not given."""


class UnknownStripError(InterdictError):
    """A strip id that the strip database does not hold."""


class RuleSetError(InterdictError):
    """The rule set in force differs from the pinned baseline (SC-13): the engine refuses to run."""


class AuditError(InterdictError):
    """An audit log that cannot be read or written."""
