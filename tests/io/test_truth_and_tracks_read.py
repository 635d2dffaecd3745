"""Reading truth and track files for the scorers: every bad line named by file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from interdict.core.errors import InterdictError
from interdict.io.tracks_jsonl import read_shown_tracks
from interdict.io.truth_jsonl import read_truth

GOOD_TRUTH = '{"kind":"scan","states":[{"aircraft_id":"a","t_s":0,"east_m":0,"north_m":0}]}'
GOOD_TRACK = '{"track_id":"T1","t_s":0,"status":"confirmed","east_m":0,"north_m":0}'


def _read(tmp_path: Path, truth: str, track: str) -> None:
    (tmp_path / "t.jsonl").write_text(truth + "\n")
    (tmp_path / "k.jsonl").write_text(track + "\n")
    read_truth(tmp_path / "t.jsonl")
    read_shown_tracks(tmp_path / "k.jsonl")


@pytest.mark.parametrize(
    ("truth", "track", "says"),
    [
        ("not json", GOOD_TRACK, "t.jsonl:1: not valid JSON"),
        (
            '{"kind":"scan","states":[{"aircraft_id":"a","t_s":0,"east_m":"x","north_m":0}]}',
            GOOD_TRACK,
            r"t.jsonl:1.states\[0\].east_m: expected a finite number, got 'x'",
        ),
        ('{"kind":"scan","states":[{"t_s":0}]}', GOOD_TRACK, r"states\[0\]: expected a state with a string"),
        ('{"kind":"plot","plot_id":1,"aircraft_id":"a"}', GOOD_TRACK, "no `scan` records"),
        ("[1, 2]", GOOD_TRACK, "t.jsonl:1: expected a truth record"),
        (
            GOOD_TRUTH,
            '{"track_id":"T1","t_s":0,"status":"confirmed","east_m":0}',
            r"k.jsonl:1.north_m: expected a finite",
        ),
        (GOOD_TRUTH, "[1, 2]", "k.jsonl:1: expected a track record"),
        (GOOD_TRUTH, '{"track_id":"T1","t_s":NaN,"status":"confirmed"}', r"k.jsonl:1.t_s: expected a finite number"),
        (GOOD_TRUTH, "", "k.jsonl: no track records"),
    ],
)
def test_bad_lines_name_file_line_and_field(tmp_path: Path, truth: str, track: str, says: str) -> None:
    with pytest.raises(InterdictError, match=says):
        _read(tmp_path, truth, track)


def test_binary_and_missing_files(tmp_path: Path) -> None:
    (tmp_path / "b.jsonl").write_bytes(b"\xff\xfe\x00junk")
    with pytest.raises(InterdictError, match="not a UTF-8 text file"):
        read_truth(tmp_path / "b.jsonl")
    with pytest.raises(InterdictError, match=r"none\.jsonl: cannot open track file"):
        read_shown_tracks(tmp_path / "none.jsonl")


def test_deleted_tracks_keep_their_time_stamp(tmp_path: Path) -> None:
    lines = [GOOD_TRACK, '{"track_id":"T1","t_s":10,"status":"deleted","east_m":5,"north_m":5}']
    (tmp_path / "k.jsonl").write_text("\n".join(lines) + "\n")
    tracks = read_shown_tracks(tmp_path / "k.jsonl")
    assert list(tracks) == [0.0, 10.0] and tracks[10.0] == {} and list(tracks[0.0]) == ["T1"]
