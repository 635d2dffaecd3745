"""The shipped catalogue (docs/checks.md) covers every check and every id a requirement cites."""

from __future__ import annotations

import re
from pathlib import Path

from interdict.engine.rules import BASELINE
from interdict.engine.safety import CHECKS, CheckContext
from tests.engine.test_safety import PIC, _checks

CATALOGUE = (Path(__file__).resolve().parents[2] / "docs" / "checks.md").read_text()


def test_every_check_has_an_entry() -> None:
    headings = re.findall(r"^## (SC-\d\d) ", CATALOGUE, flags=re.MULTILINE)
    assert headings == sorted(CHECKS)


def test_every_cited_id_is_defined() -> None:
    ctx = CheckContext(PIC, BASELINE, 1000.0, True, {}, None)
    defined = set(re.findall(r"^\| (F\d+|P\d) \|", CATALOGUE, flags=re.MULTILINE))
    assert {f"F{i}" for i in range(1, 12)} | {f"P{i}" for i in range(1, 7)} <= defined
    for result in _checks([], ctx=ctx).values():
        for cited in result.requirement.split("; ")[1:]:
            if re.fullmatch(r"[FP]\d+", cited):
                assert cited in defined, (result.check_id, cited)
            else:
                assert cited.split(" series")[0].split(" (")[0] in CATALOGUE, (result.check_id, cited)
