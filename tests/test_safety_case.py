"""docs/safety-case.md defines every hazard and assumption a check cites, and names only test files that exist."""

from __future__ import annotations

import re
from pathlib import Path

from interdict.engine.rules import BASELINE
from interdict.engine.safety import CheckContext
from tests.engine.test_safety import PIC, _checks

ROOT = Path(__file__).resolve().parents[1]
CASE = (ROOT / "docs" / "safety-case.md").read_text()


def test_every_cited_hazard_and_assumption_is_defined() -> None:
    defined = set(re.findall(r"^\| ((?:H|A)-[A-Z-]+) \|", CASE, flags=re.MULTILINE))
    ctx = CheckContext(PIC, BASELINE, 1000.0, True, {}, None)
    cited = {
        c for r in _checks([], ctx=ctx).values() for c in r.requirement.split("; ") if re.fullmatch(r"[HA]-[A-Z-]+", c)
    }
    assert cited and cited <= defined
    used = set(re.findall(r"\b(A-[A-Z-]+)\b", CASE.split("## Assumptions")[0]))
    assert used <= defined


def test_every_named_test_file_exists() -> None:
    named = set(re.findall(r"`(tests/[\w/]+\.py)`", CASE))
    assert named and all((ROOT / n).exists() for n in named)
