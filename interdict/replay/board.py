"""The operator's status board: per track, where it was last, how it flies, its rung and what blocks
the next step. Built from the engine's assessment records (the same in a replay and in a saved
audit log), so `replay` and `audit show` print the same board."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from interdict.core.errors import AuditError
from interdict.core.jsonable import to_jsonable
from interdict.core.text import visible

__all__ = ["BoardRow", "board_rows", "render_board"]


@dataclass(frozen=True, slots=True)
class BoardRow:
    """One track's last assessment: WGS84 position, Mode C altitude if any, speed, course (true)."""

    track_id: str
    t_s: float
    status: str
    lat_deg: float
    lon_deg: float
    alt_m: float | None
    speed_mps: float
    course_deg: float
    rung: str
    next_rung: str | None
    blocked_by: tuple[str, ...]


def board_rows(records: Iterable[tuple[str, object]], until_s: float | None = None) -> list[BoardRow]:
    """The last assessment of each track up to `until_s`, from (kind, payload) audit entries, by
    track id; AuditError for an assessment or a track_lost event without its fields."""
    try:
        return _rows(records, until_s)
    except (KeyError, TypeError, ValueError) as exc:
        raise AuditError(f"an assessment or track_lost record without its fields ({exc!r})") from exc


def _rows(records: Iterable[tuple[str, object]], until_s: float | None) -> list[BoardRow]:
    last: dict[str, BoardRow] = {}
    for kind, payload in records:
        if kind == "event":
            event = to_jsonable(payload)
            lost = event.get("kind") == "track_lost" and event.get("track_id") in last
            if lost and (until_s is None or event["t_s"] <= until_s):
                was = last[event["track_id"]]
                last[was.track_id] = replace(was, status=f"lost {float(event['t_s']):.0f}s")
        elif kind == "assessment" and isinstance(payload, Mapping):
            row = _row(payload)
            if row is not None and (until_s is None or row.t_s <= until_s):
                last[row.track_id] = row
    return [last[k] for k in sorted(last)]


def _row(record: Mapping[str, Any]) -> BoardRow | None:
    """A board row from an assessment record (its check results are not read); None for a record
    written before tracks were recorded."""
    where, rec = record.get("track"), to_jsonable(record.get("recommendation"))
    if not isinstance(where, Mapping) or not isinstance(rec, Mapping):
        return None
    return BoardRow(
        track_id=str(record["track_id"]),
        t_s=float(rec["t_s"]),
        status=str(where["status"]),
        lat_deg=float(where["lat_deg"]),
        lon_deg=float(where["lon_deg"]),
        alt_m=None if where.get("alt_m") is None else float(where["alt_m"]),
        speed_mps=float(where["speed_mps"]),
        course_deg=float(where["course_deg"]),
        rung=str(rec["rung"]),
        next_rung=None if rec.get("next_rung") is None else str(rec["next_rung"]),
        blocked_by=tuple(str(b["check_id"]) for b in rec.get("blocked_by", []) if isinstance(b, Mapping)),
    )


def render_board(rows: list[BoardRow], console: Console, width: int, *, start: datetime | None = None) -> None:
    """The board as a table at most `width` columns wide (free text never markup)."""
    if not rows:
        return
    table = Table(title="status board (each track's last assessment)", title_justify="left")
    for col in ("track", "last seen", "state", "position (deg)", "alt (m)", "speed", "course", "rung", "next blocked"):
        table.add_column(col)
    for r in rows:
        clock = f"{start + timedelta(seconds=r.t_s):%H:%M:%S} " if start is not None else ""
        cells = (
            r.track_id,
            f"{clock}t={r.t_s:.0f}s",
            r.status,
            f"{r.lat_deg:.3f}, {r.lon_deg:.3f}",
            "-" if r.alt_m is None else f"{r.alt_m:.0f}",
            f"{r.speed_mps:.0f} m/s",
            f"{r.course_deg:03.0f}",
            r.rung,
            (f"{r.next_rung}: " if r.next_rung else "") + (", ".join(r.blocked_by) or "-"),
        )
        table.add_row(*(Text(visible(c)) for c in cells))
    console.print(table, width=width)
