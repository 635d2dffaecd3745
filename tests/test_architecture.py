"""The house is checked, not described: the import contracts of pyproject.toml (layers, the engine
never reads truth, the engine is pure) hold, and they do catch a violation."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = "from importlinter.cli import lint_imports; raise SystemExit(lint_imports(no_cache=True, no_logo=True))"


def _lint(where: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", LINT],
        cwd=where,
        env={"PYTHONPATH": str(where)},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_import_contracts_hold() -> None:
    done = _lint(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("engine/ladder.py", "import interdict.world.radar", "The engine never reads truth"),
        ("contract/picture.py", "import interdict.scenario.load", "The engine never reads truth"),
        ("engine/tracking/models.py", "import yaml", "The engine parses no files"),
        ("core/units.py", "import interdict.engine.rules", "Face on top, core at the bottom"),
    ],
)
def test_a_violation_is_caught(tmp_path: Path, module: str, line: str, contract: str) -> None:
    shutil.copytree(ROOT / "interdict", tmp_path / "interdict", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    target = tmp_path / "interdict" / module
    target.write_text(target.read_text() + f"\n{line}\n")
    done = _lint(tmp_path)
    assert done.returncode == 1
    assert contract in done.stdout.partition("Broken contracts")[2]
