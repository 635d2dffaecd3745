"""The example scenarios that ship inside the package (`interdict replay --example NAME`)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from interdict.core.errors import InterdictError

__all__ = ["example_names", "example_path"]


def _folder() -> Path:
    return Path(str(files("interdict") / "examples"))


def example_names() -> list[str]:
    """Names of the shipped scenarios: `vraem-shuttle`, `adversarial/swap`, ... (the drills and their
    answers, under `drills/`, are not scenarios)."""
    root = _folder()
    names = (p.relative_to(root).with_suffix("") for p in root.rglob("*.yaml"))
    return sorted(str(n) for n in names if n.parts[0] != "drills")


def example_path(name: str) -> Path:
    """The file of a shipped scenario, or an error that lists the names there are."""
    names = example_names()
    if name not in names:
        raise InterdictError(f"--example {name}: no such example; there are {', '.join(names)}")
    return _folder() / f"{name}.yaml"
