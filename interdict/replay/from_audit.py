"""A saved run read again from its audit log alone: the events the operator saw, in the order the
replay showed them, and what identifies the run. The log must verify as a chain first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from interdict.core.errors import AuditError
from interdict.engine.events import EngineEvent
from interdict.io.audit_verify import IDENTITY

__all__ = ["SavedRun", "saved_run"]


@dataclass(frozen=True, slots=True)
class SavedRun:
    identity: Mapping[str, Any]  # the header's run identity (IDENTITY keys)
    header: Mapping[str, Any]  # the header's payload
    events: tuple[EngineEvent, ...]
    judgements: int  # operator procedures judged
    refused: int  # of which refused
    last_t_s: float


def saved_run(records: Sequence[Mapping[str, Any]], until_s: float | None = None) -> SavedRun:
    """Rebuild the timeline: per step (records share the step's `t_s`), the operator's events first,
    then the engine's, then all in time order, as the replay does."""
    steps: list[tuple[list[EngineEvent], list[EngineEvent]]] = []
    step_t: float | None = None
    judged = refused = 0
    for r in records:
        t_s = _time(r)
        if until_s is not None and t_s > until_s:
            break
        if r["kind"] not in ("event", "operator_event", "judgement"):
            continue
        if t_s != step_t:
            steps.append(([], []))
            step_t = t_s
        try:
            if r["kind"] == "judgement":
                judged += 1
                refused += not r["payload"]["allowed"]
            else:
                steps[-1][0 if r["kind"] == "operator_event" else 1].append(_event(r["payload"]))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise AuditError(f"record {r.get('seq')}: a {r['kind']} record without its fields ({exc!r})") from exc
    events = [e for operator, engine in steps for e in (*operator, *engine)]
    events.sort(key=lambda e: e.t_s)
    header = records[0]
    last = max((_time(r) for r in records if until_s is None or _time(r) <= until_s), default=0.0)
    return SavedRun({k: header.get(k) for k in IDENTITY}, header["payload"], tuple(events), judged, refused, last)


def _time(record: Mapping[str, Any]) -> float:
    t_s = record.get("t_s")
    if isinstance(t_s, bool) or not isinstance(t_s, int | float):
        raise AuditError(f"record {record.get('seq')}: t_s is not a number")
    return float(t_s)


def _event(payload: Mapping[str, Any]) -> EngineEvent:
    """An event record's payload as an event, its fields of the types the timeline prints."""
    track_id, detail = payload.get("track_id"), payload.get("detail") or {}
    if not isinstance(track_id, str | None) or not isinstance(detail, dict):
        raise TypeError("track_id must be text or null, detail an object")
    blocks = detail.get("blocked_by", [])
    if payload["kind"] == "recommendation_changed" and not (
        isinstance(blocks, list)
        and all(isinstance(b, dict) and all(isinstance(b.get(k), str) for k in _BLOCK_KEYS) for b in blocks)
    ):
        raise TypeError(f"blocked_by must list blocks with {', '.join(_BLOCK_KEYS)}")
    return EngineEvent(
        kind=str(payload["kind"]),
        t_s=float(payload["t_s"]),
        track_id=track_id,
        summary=str(payload["summary"]),
        detail=detail,
    )


_BLOCK_KEYS = ("check_id", "verdict", "reason", "requirement", "resolve")
