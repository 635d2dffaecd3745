"""Tracking scores of a replay and of files: the same numbers both ways, a perfect track scores zero,
bad files are refused with file and line."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from interdict.cli import app
from interdict.core.errors import InterdictError
from interdict.evaluation.tracking import file_frames, plot_error_m, replay_frames, score_frames, scores_of
from interdict.io.tracks_jsonl import read_shown_tracks
from interdict.io.truth_jsonl import read_truth
from interdict.replay.loop import run_replay
from interdict.scenario.load import load_scenario
from interdict.world.trajectories import build_trajectories
from tests.conftest import SCENARIOS

runner = CliRunner()


def test_files_and_replay_agree(tmp_path: Path) -> None:
    scenario_file = SCENARIOS / "crossing-pair.yaml"
    plots, truth, tracks = tmp_path / "p.jsonl", tmp_path / "t.jsonl", tmp_path / "k.jsonl"
    assert (
        runner.invoke(app, ["simulate", str(scenario_file), "--out", str(plots), "--truth", str(truth)]).exit_code == 0
    )
    args = ["track", "--scenario", str(scenario_file), "--plots", str(plots), "--out", str(tracks)]
    assert runner.invoke(app, args).exit_code == 0
    from_files = scores_of(score_frames(file_frames(read_truth(truth), read_shown_tracks(tracks))))
    scenario = load_scenario(scenario_file)
    result = run_replay(scenario)
    trajectories = build_trajectories(scenario)
    from_replay = scores_of(score_frames(replay_frames([(s.t_s, s.tracks) for s in result.steps], trajectories)))
    assert from_files["rmse_m"] == pytest.approx(from_replay["rmse_m"], rel=0.02)
    assert from_files["gospa_m"] == pytest.approx(from_replay["gospa_m"], rel=0.05)
    assert from_files["identity_switches"] == from_replay["identity_switches"]
    assert from_files["truths"] == from_replay["truths"] == 2
    raw = plot_error_m(result.picture, result.simulation.plots, result.simulation.plot_aircraft, trajectories)
    assert 50.0 < raw < 1_000.0  # sigma_r 60 m and 0.15 deg at 50-150 km
    assert scores_of(score_frames(replay_frames([(s.t_s, s.tracks) for s in result.steps], trajectories)), raw)[
        "rmse_over_plot_error"
    ] == pytest.approx(from_replay["rmse_m"] / raw)


def test_a_perfect_track_scores_zero() -> None:
    frames = [
        (float(t), {"a": np.array([t * 60.0, 0.0])}, {"T1": np.array([t * 60.0, 0.0])}) for t in range(0, 100, 10)
    ]
    frames.append((100.0, {}, {}))  # a scan with nothing in it is not scored
    s = scores_of(score_frames(frames))
    assert s["rmse_m"] == 0.0 and s["gospa_m"] == 0.0 and s["identity_switches"] == 0 and s["scans"] == 10
    with pytest.raises(InterdictError, match="nothing to score"):
        score_frames([(0.0, {}, {})])
