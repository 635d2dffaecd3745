"""Every reader of outside input ends in success or a clean `InterdictError`, never another
exception: scenario YAML, plot JSON lines, audit logs (chain, signatures, the timeline rebuilt
from them), truth and track files (read and scored). Structured inputs (valid files, then mutated) and raw bytes.

CI draws INTERDICT_FUZZ_EXAMPLES inputs per test (default 1,000 for plots and audit logs, two thirds
of that for scenario files); the long profile is `INTERDICT_FUZZ_EXAMPLES=150000 python3 -m pytest
tests/fuzz` (at least 100,000 per reader; README, developers).
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from interdict.core.errors import InterdictError
from interdict.evaluation.tracking import file_frames, score_frames, scores_of
from interdict.io.audit import AuditLog
from interdict.io.audit_verify import read_records, verify_audit
from interdict.io.plots_jsonl import read_plots
from interdict.io.signing import generate_key, load_private_key, load_public_key
from interdict.io.tracks_jsonl import read_shown_tracks
from interdict.io.truth_jsonl import read_truth
from interdict.replay.board import board_rows
from interdict.replay.from_audit import saved_run
from interdict.replay.timeline import render_events
from interdict.scenario.load import load_scenario
from tests.conftest import SCENARIOS

EXAMPLES = int(os.environ.get("INTERDICT_FUZZ_EXAMPLES", "1000"))
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=max(EXAMPLES * 2 // 3, 1), deadline=None, suppress_health_check=[HealthCheck.too_slow])

SCENARIO = (SCENARIOS / "crossing-pair.yaml").read_bytes()
PLOTS = (
    b'{"plot_id":0,"radar_id":"psr-mazamari","t_s":1.5,"range_m":52000.0,"azimuth_rad":1.2,'
    b'"elevation_rad":null,"mode_a":"0437","mode_c_alt_ft":4500.0}\n'
    b'{"plot_id":1,"radar_id":"psr-mazamari","t_s":2.5,"range_m":61000.0,"azimuth_rad":2.2}\n'
)
TRUTH = (
    b'{"kind":"plot","plot_id":0,"aircraft_id":"a"}\n'
    b'{"kind":"scan","radar_id":"r","t_s":0.0,"states":[{"aircraft_id":"a","t_s":0.0,"east_m":1.0,"north_m":2.0,'
    b'"on_ground":false}]}\n'
    b'{"kind":"scan","radar_id":"r","t_s":10.0,"states":[{"aircraft_id":"a","t_s":10.0,"east_m":600.0,"north_m":2.0,'
    b'"on_ground":false}]}\n'
)
TRACKS = (
    b'{"track_id":"T1","t_s":0.0,"status":"confirmed","east_m":5.0,"north_m":2.0}\n'
    b'{"track_id":"T1","t_s":10.0,"status":"coasting","east_m":610.0,"north_m":0.0}\n'
)
_KEYS = Path(tempfile.mkdtemp(prefix="interdict-fuzz-"))
_PUBLIC, _ = generate_key(_KEYS / "k")


def _audit_bytes() -> bytes:
    sink = io.StringIO()
    with AuditLog(sink, scenario_sha256="s", rules_sha256="r", seed=1, signer=load_private_key(_KEYS / "k")) as log:
        for t_s in (10.0, 20.0):
            log.append(
                "event", t_s, {"kind": "track_confirmed", "t_s": t_s, "track_id": "T1", "summary": "x", "detail": {}}
            )
            log.append("judgement", t_s, {"procedure_name": "visual_id", "allowed": False})
            log.sync(t_s)
    return sink.getvalue().encode()


AUDIT = _audit_bytes()


def _mutations(seed: bytes) -> st.SearchStrategy[bytes]:
    """The valid file with a few bytes flipped, cut, inserted or a span duplicated."""

    @st.composite
    def mutate(draw: st.DrawFn) -> bytes:
        data = bytearray(seed)
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, max(len(data) - 1, 0)))
            how = draw(st.sampled_from(["flip", "cut", "insert", "duplicate"]))
            if how == "flip" and data:
                data[at] = draw(st.integers(0, 255))
            elif how == "cut":
                del data[at : at + draw(st.integers(1, 64))]
            elif how == "insert":
                data[at:at] = draw(st.binary(min_size=1, max_size=16))
            else:
                data[at:at] = data[at : at + draw(st.integers(1, 200))]
        return bytes(data)

    return mutate()


def _inputs(seed: bytes) -> st.SearchStrategy[bytes]:
    return st.one_of(_mutations(seed), st.binary(max_size=512))


def _file(data: bytes, suffix: str) -> Path:
    fd, name = tempfile.mkstemp(suffix=suffix)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    return Path(name)


def _clean(read: object, data: bytes, suffix: str) -> None:
    path = _file(data, suffix)
    try:
        read(path)  # type: ignore[operator]
    except InterdictError:
        pass
    finally:
        path.unlink()


@SLOW
@given(_inputs(SCENARIO))
def test_scenario_files(data: bytes) -> None:
    _clean(load_scenario, data, ".yaml")


@FAST
@given(_inputs(PLOTS))
def test_plot_files(data: bytes) -> None:
    _clean(read_plots, data, ".jsonl")


def _score_truth(path: Path) -> None:
    scores_of(score_frames(file_frames(read_truth(path), _GOOD_TRACKS)))


def _score_tracks(path: Path) -> None:
    scores_of(score_frames(file_frames(_GOOD_TRUTH, read_shown_tracks(path))))


_GOOD_TRUTH = read_truth(_file(TRUTH, ".jsonl"))
_GOOD_TRACKS = read_shown_tracks(_file(TRACKS, ".jsonl"))


@FAST
@given(_inputs(TRUTH))
def test_truth_files_scored(data: bytes) -> None:
    _clean(_score_truth, data, ".jsonl")


@FAST
@given(_inputs(TRACKS))
def test_track_files_scored(data: bytes) -> None:
    _clean(_score_tracks, data, ".jsonl")


def _read_audit(path: Path) -> None:
    verify_audit(path)
    verify_audit(path, load_public_key(_PUBLIC))
    records = read_records(path)
    render_events(saved_run(records).events, Console(file=io.StringIO()), verbose=True)
    board_rows((r["kind"], r["payload"]) for r in records)


@FAST
@given(_inputs(AUDIT))
def test_audit_logs(data: bytes) -> None:
    _clean(_read_audit, data, ".jsonl")


def test_the_seeds_themselves_are_read() -> None:
    assert load_scenario(_file(SCENARIO, ".yaml")).name
    assert len(read_plots(_file(PLOTS, ".jsonl"))) == 2
    frames = file_frames(read_truth(_file(TRUTH, ".jsonl")), read_shown_tracks(_file(TRACKS, ".jsonl")))
    assert scores_of(score_frames(frames))["tracked_truths"] == 1
    path = _file(AUDIT, ".jsonl")
    assert verify_audit(path, load_public_key(_PUBLIC)).ok
    assert len(saved_run(read_records(path)).events) == 2


_JSON = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
_EVENTISH = st.fixed_dictionaries(
    {},
    optional={
        "kind": st.sampled_from(["recommendation_changed", "track_confirmed"]) | _JSON,
        "t_s": st.floats(allow_nan=False) | _JSON,
        "track_id": st.text(max_size=6) | _JSON,
        "summary": st.text(max_size=30) | _JSON,
        "detail": st.fixed_dictionaries(
            {},
            optional={
                "blocked_by": st.lists(
                    _JSON
                    | st.dictionaries(
                        st.sampled_from(["check_id", "verdict", "reason", "requirement", "resolve"]),
                        st.text(max_size=8),
                    ),
                    max_size=3,
                )
            },
        )
        | _JSON,
        "allowed": _JSON,
    },
)
_ASSESSMENTISH = st.fixed_dictionaries(  # what the status board reads
    {},
    optional={
        "track_id": st.text(max_size=6) | _JSON,
        "track": st.fixed_dictionaries(
            {},
            optional={k: st.floats(allow_nan=False) | _JSON for k in ("lat_deg", "lon_deg", "speed_mps", "status")},
        )
        | _JSON,
        "recommendation": st.fixed_dictionaries(
            {}, optional={"t_s": st.floats(allow_nan=False) | _JSON, "rung": _JSON, "blocked_by": _JSON}
        )
        | _JSON,
    },
)


@FAST
@given(
    st.lists(
        st.tuples(st.sampled_from(["event", "operator_event", "judgement", "note"]), _EVENTISH)
        | st.tuples(st.just("assessment"), _ASSESSMENTISH),
        max_size=8,
    )
)
def test_well_chained_logs_with_odd_payloads(body: list[tuple[str, dict[str, object]]]) -> None:
    """What a forger with a valid chain could write: the timeline is rebuilt or refused, never a crash."""
    sink = io.StringIO()
    with AuditLog(sink, scenario_sha256="s", rules_sha256="r", seed=1) as log:
        for kind, payload in body:
            log.append(kind, 5.0, payload)
    _clean(_read_audit, sink.getvalue().encode(), ".jsonl")
