"""Reading the scorers' truth file (`interdict simulate --truth`): the `scan` records' true states,
per aircraft, as rows (t_s, east_m, north_m, on_ground) in the scenario's local ENU frame; `plot`
records (which aircraft made each plot) are skipped."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from interdict.core.arrays import FloatArray
from interdict.core.errors import InterdictError
from interdict.io.jsonl import finite_number, json_lines

__all__ = ["read_truth"]


def read_truth(path: Path) -> dict[str, FloatArray]:
    """aircraft id -> rows (t_s, east_m, north_m, on_ground 0/1), by time; errors name file and line."""
    rows: dict[str, dict[float, tuple[float, float, float, float]]] = {}
    for where, obj in json_lines(path, "truth file"):
        if isinstance(obj, dict) and obj.get("kind") == "plot":
            continue
        if not isinstance(obj, dict) or obj.get("kind") != "scan" or not isinstance(obj.get("states"), list):
            raise InterdictError(f"{where}: expected a truth record (kind `plot`, or `scan` with `states`)")
        for i, state in enumerate(obj["states"]):
            at = f"{where}.states[{i}]"
            if not isinstance(state, dict) or not isinstance(state.get("aircraft_id"), str):
                raise InterdictError(f"{at}: expected a state with a string `aircraft_id`")
            t = finite_number(state.get("t_s"), f"{at}.t_s")
            e = finite_number(state.get("east_m"), f"{at}.east_m")
            n = finite_number(state.get("north_m"), f"{at}.north_m")
            rows.setdefault(state["aircraft_id"], {})[t] = (t, e, n, float(state.get("on_ground") is True))
    if not rows:
        raise InterdictError(f"{path}: no `scan` records: is this a truth file from `interdict simulate --truth`?")
    return {a: np.array([r[t] for t in sorted(r)]) for a, r in rows.items()}
