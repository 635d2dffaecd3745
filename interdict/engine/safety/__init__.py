"""Civil-safety checks SC-01 ... SC-20 (docs/safety.md), each a small pure function.

Every check returns a `CheckResult` with a verdict PASS, FAIL or UNKNOWN, one sentence for the
operator, the requirement it comes from, and what would resolve it, both as text and as structured
`Action`s that an operator can carry out. UNKNOWN means the evidence is missing, and blocks exactly
like FAIL (fail safe). Which checks each rung needs is the ladder's business (ladder.py).

SC-13 (rule-set pinning) is enforced when the engine starts (rules.check_pinned raises); the check
here records the pinned hash in every gate. SC-16 (ceiling) is enforced by the ladder's types; its
result here records that the requested rung is a ladder rung. SC-19 (every ATS unit asked again
within a short window) gates the rungs that send people after an aircraft. A FAIL lists its `facts`;
written resolutions act on facts, never on UNKNOWN (resolutions.py).
"""

from interdict.engine.safety import communications, identity, integrity  # noqa: F401  (they register the checks)
from interdict.engine.safety.base import (
    EXCULPATORY,
    Action,
    CheckContext,
    CheckResult,
    Verdict,
    catalogue,
    run_checks,
)

CHECKS = catalogue()

__all__ = ["Verdict", "Action", "CheckResult", "CheckContext", "CHECKS", "EXCULPATORY", "run_checks"]
