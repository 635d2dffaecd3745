"""Plots as EUROCONTROL ASTERIX, with libasterix (MIT licence): CAT048 target reports and CAT034
north markers, in and out.

Written per plot (CAT048, edition 1.32): I048/010 SAC/SIC, I048/140 time of day (1/128 s),
I048/020 report type (single PSR, single SSR, or both), I048/040 polar position (range 1/256 NM,
azimuth 360/2^16 deg), I048/070 Mode 3/A when the plot has a squawk, I048/090 flight level (1/4 FL)
when it has Mode C. Per radar and antenna turn (CAT034, edition 1.29): I034/000 north marker,
I034/010 SAC/SIC, I034/030 time of day. Records are written in time order, one datablock per
record: a recording can be cut at any datablock.

A radar's SAC/SIC is its `sac`/`sic` in the scenario, or by default SAC 0 and SIC its position
in the scenario's radar list (1, 2, ...). Times: ASTERIX carries the UTC time of day; plots carry
seconds after the scenario's start: a recording may begin up to an hour before the start and end
23 hours after it. Reading
gives each plot an id in file order (ASTERIX has no plot id) and no elevation (CAT048 has none).
Unknown categories, unknown SAC/SIC and malformed datablocks are errors naming the byte offset."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asterix.generated as gen
from asterix.base import Bits, RawDatablock

from interdict.contract.plots import NorthMarker, Plot, Recording
from interdict.contract.specs import RadarSpec
from interdict.core.errors import PlotFileError
from interdict.io.outputs import atomic_path

__all__ = ["radar_codes", "write_asterix", "read_asterix", "is_asterix"]

CAT048 = gen.Cat_048_1_32
CAT034 = gen.Cat_034_1_29
NM_M = 1852.0
DAY_S = 86_400.0
EARLY_S = 3_600.0  # a time of day up to this long before the start is before it; earlier ones are past midnight


def radar_codes(radars: Sequence[RadarSpec]) -> dict[str, tuple[int, int]]:
    """radar id -> (SAC, SIC): the scenario's, or SAC 0 and SIC the radar's position (1, 2, ...)."""
    return {
        r.id: (r.sac if r.sac is not None else 0, r.sic if r.sic is not None else i) for i, r in enumerate(radars, 1)
    }


def _seconds_of_day(start: datetime) -> float:
    """Seconds since UTC midnight (ASTERIX time of day is UTC, whatever zone the start was written in)."""
    utc = start.astimezone(UTC)
    midnight = utc.replace(hour=0, minute=0, second=0, microsecond=0)
    return (utc - midnight).total_seconds()


def _north_markers(radars: Sequence[RadarSpec], end_s: float) -> list[NorthMarker]:
    out = []
    for r in radars:
        n = 0
        while (t := r.north_offset_s + n * r.scan_period_s) <= end_s:
            out.append(NorthMarker(r.id, t))
            n += 1
    return out


def _plot_record(p: Plot, code: tuple[int, int], tod: float) -> bytes:
    items: dict[str, object] = {
        "010": (("SAC", code[0]), ("SIC", code[1])),
        "140": (tod, "s"),
        "020": ((("TYP", 3 if p.mode_a is not None else 1), ("SIM", 0), ("RDP", 0), ("SPI", 0), ("RAB", 0), None),),
        "040": (("RHO", (p.range_m / NM_M, "NM")), ("THETA", (math.degrees(p.azimuth_rad) % 360.0, "°"))),
    }
    if p.mode_a is not None:
        items["070"] = (0, 0, 0, 0, ("MODE3A", p.mode_a))
    if p.mode_c_alt_ft is not None:
        items["090"] = (0, 0, ("FL", (p.mode_c_alt_ft / 100.0, "FL")))
    return bytes(CAT048.create([CAT048.cv_record.create(items)]).unparse().to_bytes())  # type: ignore[arg-type]


def _north_record(code: tuple[int, int], tod: float) -> bytes:
    rec = CAT034.cv_record.create({"000": 1, "010": (("SAC", code[0]), ("SIC", code[1])), "030": (tod, "s")})
    return bytes(CAT034.create([rec]).unparse().to_bytes())


def write_asterix(
    path: Path,
    plots: Iterable[Plot],
    radars: Sequence[RadarSpec],
    start: datetime,
    north: Iterable[NorthMarker] | None = None,
) -> int:
    """Write the plots and a north marker per antenna turn as ASTERIX; returns the records written.
    `north`: the antenna's own north crossings (a simulation's); by default the nominal ones of
    each radar's period and north offset. Whole or not at all; `-` is not supported (binary)."""
    codes = radar_codes(radars)
    base = _seconds_of_day(start)
    plots = list(plots)
    end_s = max((p.t_s for p in plots), default=0.0)
    timed: list[tuple[float, int, bytes]] = []
    for m in _north_markers(radars, end_s) if north is None else north:
        timed.append((m.t_s, 0, _north_record(codes[m.radar_id], (base + m.t_s) % DAY_S)))
    for p in plots:
        if p.radar_id not in codes:
            raise PlotFileError(f"plot {p.plot_id}: radar {p.radar_id!r} is not in the scenario")
        timed.append((p.t_s, 1, _plot_record(p, codes[p.radar_id], (base + p.t_s) % DAY_S)))
    timed.sort(key=lambda x: (x[0], x[1]))
    with atomic_path(path) as partial, partial.open("wb") as f:
        for _, _, data in timed:
            f.write(data)
    return len(timed)


def is_asterix(path: Path) -> bool:
    """True when the file starts like an ASTERIX datablock of a category read here (48 or 34)."""
    with path.open("rb") as f:
        head = f.read(3)
    return len(head) == 3 and head[0] in (34, 48) and int.from_bytes(head[1:3], "big") >= 3


def read_asterix(path: Path, radars: Sequence[RadarSpec], start: datetime) -> Recording:
    """Plots and north markers of an ASTERIX file (CAT048, CAT034); PlotFileError naming the byte
    offset for anything else."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PlotFileError(f"{path}: cannot read the file: {exc.strerror}") from exc
    by_code = {code: rid for rid, code in radar_codes(radars).items()}
    base = _seconds_of_day(start)
    plots: list[Plot] = []
    markers: list[NorthMarker] = []
    offset = 0
    while offset < len(data):
        where = f"{path}: byte {offset}"
        if len(data) - offset < 3:
            raise PlotFileError(f"{where}: {len(data) - offset} trailing bytes, not a datablock")
        cat, length = data[offset], int.from_bytes(data[offset + 1 : offset + 3], "big")
        if length < 3 or offset + length > len(data):
            raise PlotFileError(f"{where}: CAT{cat:03d} datablock of length {length} does not fit the file")
        if cat not in (34, 48):
            raise PlotFileError(
                f"{where}: category {cat} is not read here (CAT048 target reports, CAT034 north markers)"
            )
        records = _records(data[offset : offset + length], cat, where)
        for rec in records:
            code = _code(rec, where)
            if code not in by_code:
                raise PlotFileError(f"{where}: SAC/SIC {code[0]}/{code[1]} is no radar of the scenario")
            t_s = _t_s(rec, "140" if cat == 48 else "030", base, where)
            if cat == 48:
                plots.append(_plot(rec, len(plots), by_code[code], t_s, where))
            elif _uint(rec, "000", where) == 1:
                markers.append(NorthMarker(by_code[code], t_s))
        offset += length
    return Recording(tuple(plots), tuple(markers))


def _records(block: bytes, cat: int, where: str) -> list[Any]:
    raw = RawDatablock.parse(Bits.from_bytes(block))
    if isinstance(raw, ValueError) or len(raw) != 1:
        raise PlotFileError(f"{where}: CAT{cat:03d} datablock does not parse ({raw})")
    spec = CAT048 if cat == 48 else CAT034
    parsed = spec.cv_uap.parse(raw[0].get_raw_records())
    if isinstance(parsed, ValueError):
        raise PlotFileError(f"{where}: CAT{cat:03d} records do not parse ({parsed})")
    return list(parsed)


def _item(rec: Any, name: str, where: str, required: bool = True) -> Any:
    item = rec.get_item(name)
    if item is None and required:
        raise PlotFileError(f"{where}: a record without item {name}")
    return item


def _code(rec: Any, where: str) -> tuple[int, int]:
    item = _item(rec, "010", where)
    v = item.variation
    return int(v.get_item("SAC").as_uint()), int(v.get_item("SIC").as_uint())


def _uint(rec: Any, name: str, where: str) -> int:
    return int(_item(rec, name, where).as_uint())


def _t_s(rec: Any, name: str, base: float, where: str) -> float:
    tod = float(_item(rec, name, where).variation.content.as_quantity("s"))
    t_s = tod - base
    return t_s + DAY_S if t_s < -EARLY_S else t_s  # past midnight


def _plot(rec: Any, plot_id: int, radar_id: str, t_s: float, where: str) -> Plot:
    polar = _item(rec, "040", where).variation
    rho_nm = float(polar.get_item("RHO").variation.content.as_quantity("NM"))
    theta_deg = float(polar.get_item("THETA").variation.content.as_quantity("°"))
    mode_a = _item(rec, "070", where, required=False)
    fl = _item(rec, "090", where, required=False)
    return Plot(
        plot_id=plot_id,
        radar_id=radar_id,
        t_s=t_s,
        range_m=rho_nm * NM_M,
        azimuth_rad=math.radians(theta_deg),
        mode_a=None if mode_a is None else str(mode_a.variation.get_item("MODE3A").variation.content.as_string()),
        mode_c_alt_ft=None
        if fl is None
        else 100.0 * float(fl.variation.get_item("FL").variation.content.as_quantity("FL")),
    )
