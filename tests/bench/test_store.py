"""`runs.jsonl` as the benchmark's store: a header first, each run appended as it finishes, the file
rewritten in run order when closed; resumed after a kill (a cut last line dropped); a result never
replaced without --force; a benchmark resumed only by the code and settings that started it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from interdict.bench.store import RUNS, RunStore
from interdict.core.errors import InterdictError
from interdict.io.header import is_header

PROV: dict[str, Any] = {
    "interdict_version": "0",
    "git": None,
    "rules_sha256": "r",
    "engine_config_sha256": "c",
    "suite": "quick",
    "seed": 1,
    "runs": 3,
    "settings": {},
}


def _lines(folder: Path) -> list[Any]:
    return [json.loads(line) for line in (folder / RUNS).read_text().splitlines()]


def _lines_read(folder: Path) -> list[str]:
    return (folder / RUNS).read_text().splitlines()


def test_runs_are_on_disk_as_they_finish_and_in_run_order_once_closed(tmp_path: Path) -> None:
    store = RunStore.create(tmp_path, PROV, force=False)
    store.add({"index": 2, "seed": 3})
    store.add({"index": 0, "seed": 1})
    header, *records = _lines(tmp_path)
    assert is_header(header) and header["run"]["status"] == "running" and header["run"]["provenance"] == PROV
    assert [r["index"] for r in records] == [2, 0]  # as they finished, each flushed
    store.close("interrupted")
    header, *records = _lines(tmp_path)
    assert header["run"]["status"] == "interrupted" and [r["index"] for r in records] == [0, 2]


def test_a_killed_benchmark_resumes_with_a_cut_last_line_dropped(tmp_path: Path) -> None:
    store = RunStore.create(tmp_path, PROV, force=False)
    store.add({"index": 0, "seed": 1})
    with (tmp_path / RUNS).open("a") as f:
        f.write('{"index": 1, "se')  # the process killed mid-write
    again = RunStore.resume(tmp_path)
    assert sorted(again.records) == [0]
    assert _lines_read(tmp_path)[-1].startswith('{"index": 1')  # only read: nothing written yet
    again.reopen()
    again.add({"index": 1, "seed": 2})
    again.add({"index": 2, "seed": 3})
    again.close("complete")
    assert [r["index"] for r in _lines(tmp_path)[1:]] == [0, 1, 2]
    with pytest.raises(InterdictError, match="complete; nothing to resume"):
        RunStore.resume(tmp_path)


def test_a_result_is_replaced_only_with_force(tmp_path: Path) -> None:
    RunStore.create(tmp_path, PROV, force=False).close("complete")
    with pytest.raises(InterdictError, match=r"already holds a benchmark result .*--force"):
        RunStore.create(tmp_path, PROV, force=False)
    RunStore.create(tmp_path, PROV, force=True).close("running")
    assert len(_lines(tmp_path)) == 1


@pytest.mark.parametrize("key", ["git", "rules_sha256", "engine_config_sha256", "settings", "runs"])
def test_only_the_code_and_settings_that_started_it_resume_it(tmp_path: Path, key: str) -> None:
    RunStore.create(tmp_path, PROV, force=False).close("interrupted")
    store = RunStore.resume(tmp_path)
    store.check_same(PROV)
    with pytest.raises(InterdictError, match=f"started by other code or settings \\({key}"):
        store.check_same({**PROV, key: "other"})
    assert json.loads(_lines_read(tmp_path)[0])["run"]["status"] == "interrupted"  # a refusal writes nothing


@pytest.mark.parametrize("first", ["", "{}", '{"run": {"format": "interdict/events/1"}}', "not json"])
def test_a_file_that_is_not_a_benchmark_is_not_resumed(tmp_path: Path, first: str) -> None:
    (tmp_path / RUNS).write_text(first + "\n")
    with pytest.raises(InterdictError, match="expected the run header of a benchmark"):
        RunStore.resume(tmp_path)
