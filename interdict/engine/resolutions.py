"""Written resolutions of blocks: one rule for every check.

A resolution (`Resolve(t_s, track_id, block, how, by)`) is a named person's written decision that a
block may be set aside. One rule, used for every check:

- it acts only on a FAIL, never on UNKNOWN: missing evidence is gathered, not signed away;
- it covers only the blocking facts that existed when it was written (each FAIL lists its `facts`;
  the engine remembers when each was first seen): a fact that arises later blocks again;
- its author's name is normalised (Unicode NFKC, spaces folded); a name with control, format
  (zero-width), private-use or unassigned characters is refused; it is matched to the roster as a
  person (`core.text.person_key`: case, accents, punctuation and spacing do not make a second
  person), so the two-person rule counts people, not spellings;
- a state aircraft (fact `state_aircraft: ...`) is never signed away: no resolution covers it;
- the author must be on the picture's roster with a role the pinned rule set allows for that check,
  and checks that stand for civil indicators need that many *different* named people.
A refused resolution is reported with its reason (`judge_resolution`), never dropped silently.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from interdict.contract.picture import Picture
from interdict.contract.procedures import Resolve
from interdict.core.text import person_key, visible
from interdict.engine.rules import RuleSet, min_authors, roles_for
from interdict.engine.safety import CheckResult, Verdict

__all__ = [
    "ResolutionJudgement",
    "normalise_name",
    "author_problem",
    "update_fact_since",
    "judge_resolution",
    "apply_resolutions",
]

NEVER_RESOLVED = ("state_aircraft: ", "quarantined state_aircraft: ")  # facts no resolution covers
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})


@dataclass(frozen=True, slots=True)
class ResolutionJudgement:
    resolution: Resolve
    accepted: bool
    reason: str


def normalise_name(name: str) -> str | None:
    """The name in NFKC with spaces folded, or None if it is empty or holds invisible or control characters."""
    text = unicodedata.normalize("NFKC", name)
    if any(unicodedata.category(ch) in _REFUSED_CATEGORIES for ch in text):
        return None
    folded = " ".join(text.split())
    return folded or None


def author_problem(name: str, check_id: str, picture: Picture, rules: RuleSet) -> str | None:
    """Why `name` may not sign a resolution of `check_id`, or None if they may."""
    allowed = roles_for(rules, check_id)
    if not allowed:
        return f"{check_id} is never resolved in writing"
    who = normalise_name(name)
    if who is None:
        return "the author's name is empty or holds invisible or control characters"
    entry = _roster(picture).get(person_key(who))
    if entry is None:
        return f"{who!r} is not on the roster of named authorities"
    role = entry[1]
    if role not in allowed:
        return f"{who} holds the role {role}; {check_id} may be resolved by {', '.join(allowed)}"
    return None


def _roster(picture: Picture) -> dict[str, tuple[str, str]]:
    """Person key -> (the name as the roster spells it, the role); the first entry of a person wins
    (validation refuses a roster that names one person twice)."""
    out: dict[str, tuple[str, str]] = {}
    for a in picture.authorities:
        out.setdefault(person_key(a.name), (a.name, a.role))
    return out


def _person(name: str, picture: Picture) -> str:
    """The roster's spelling of the person who signed as `name`."""
    return _roster(picture).get(person_key(name), (name, ""))[0]


def update_fact_since(fact_since: Mapping[str, float], raw: Sequence[CheckResult], t_s: float) -> dict[str, float]:
    """When each blocking fact now present was first seen (a fact that went away and came back is new)."""
    present = {f"{r.check_id}|{fact}" for r in raw if r.verdict is Verdict.FAIL for fact in r.facts}
    return {key: fact_since.get(key, t_s) for key in sorted(present)}


def _signers(
    check_id: str, since_s: float, resolutions: Sequence[Resolve], picture: Picture, rules: RuleSet
) -> set[str]:
    return {
        _person(r.by, picture)
        for r in resolutions
        if r.block == check_id and r.t_s >= since_s and author_problem(r.by, check_id, picture, rules) is None
    }


def judge_resolution(
    resolution: Resolve,
    raw: Mapping[str, CheckResult],
    fact_since: Mapping[str, float],
    resolutions: Sequence[Resolve],
    picture: Picture,
    rules: RuleSet,
) -> ResolutionJudgement:
    """Judge a resolution when it arrives: accepted (perhaps awaiting a second signature) or refused."""
    check_id = resolution.block
    problem = author_problem(resolution.by, check_id, picture, rules)
    if problem is not None:
        return ResolutionJudgement(resolution, False, problem)
    result = raw.get(check_id)
    if result is None or result.verdict is Verdict.PASS:
        return ResolutionJudgement(resolution, False, f"{check_id} does not block: there is nothing to resolve")
    if result.verdict is Verdict.UNKNOWN:
        return ResolutionJudgement(
            resolution,
            False,
            f"{check_id} is UNKNOWN ({result.reason}): missing evidence is gathered, never signed away",
        )
    if any(f.startswith(NEVER_RESOLVED) for f in result.facts):
        return ResolutionJudgement(
            resolution, False, f"{check_id} blocks for a state aircraft: never intercepted or cued, never signed away"
        )
    covered = [f for f in result.facts if fact_since.get(f"{check_id}|{f}", float("inf")) <= resolution.t_s]
    if not covered:
        return ResolutionJudgement(
            resolution,
            False,
            f"written at t = {resolution.t_s:.0f} s, before the block it would resolve existed; "
            "a resolution applies only to a block that exists when it is written",
        )
    need = min_authors(rules, check_id)
    earliest = min(fact_since[f"{check_id}|{f}"] for f in covered)
    have = len(_signers(check_id, earliest, resolutions, picture, rules))
    later = len(result.facts) - len(covered)
    note = f"; {later} fact(s) arose after it and still block" if later else ""
    if have < need:
        return ResolutionJudgement(
            resolution, True, f"recorded; {check_id} needs {need} different named people ({have} so far){note}"
        )
    return ResolutionJudgement(resolution, True, f"recorded{note}")


def apply_resolutions(
    raw: Sequence[CheckResult],
    resolutions: Sequence[Resolve],
    fact_since: Mapping[str, float],
    picture: Picture,
    rules: RuleSet,
) -> tuple[CheckResult, ...]:
    """Check results with every FAIL whose facts are all covered by valid resolutions turned to PASS."""
    return tuple(_resolved(r, resolutions, fact_since, picture, rules) for r in raw)


def _resolved(
    r: CheckResult, resolutions: Sequence[Resolve], fact_since: Mapping[str, float], picture: Picture, rules: RuleSet
) -> CheckResult:
    """`r` turned to PASS when it is a FAIL and every one of its facts is signed by enough valid authors."""
    never = any(f.startswith(NEVER_RESOLVED) for f in r.facts)
    if r.verdict is not Verdict.FAIL or not r.facts or not roles_for(rules, r.check_id) or never:
        return r
    need = min_authors(rules, r.check_id)
    signed = [
        _signers(r.check_id, fact_since.get(f"{r.check_id}|{f}", float("inf")), resolutions, picture, rules)
        for f in r.facts
    ]
    if not all(len(s) >= need for s in signed):
        return r
    names = sorted(set().union(*signed))
    hows = sorted({x.how for x in resolutions if x.block == r.check_id and _person(x.by, picture) in names})
    return replace(
        r,
        verdict=Verdict.PASS,
        reason=f"resolved in writing by {visible(', '.join(names))}: {visible('; '.join(hows))} (was: {r.reason})",
        resolve_hint="",
        actions=(),
    )
