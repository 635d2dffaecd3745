"""`runs.jsonl`, the benchmark's store: a run finished is a run kept.

The first line is the run header (`interdict/bench-runs/1`, with the benchmark's `provenance` and a
`status`: `running` while runs are appended, `interrupted` after Ctrl-C, `complete` at the end). Each
run's record is appended and flushed the moment it comes back, in the order runs finish; closing
rewrites the file whole (atomically) with the final status and the records in run order. A killed
process leaves a file whose header says `running`: `--resume` reads it (a last line cut short by the
kill is dropped: that run is run again) and continues with the runs it lacks, so the records are those
of an uninterrupted benchmark.

A folder that already holds a result is never overwritten without `--force`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from interdict.core.errors import InterdictError
from interdict.io.header import is_header, run_header
from interdict.io.outputs import atomic_text

__all__ = ["RunStore", "RUNS", "FORMAT", "SAME_TO_RESUME", "stamp"]

RUNS = "runs.jsonl"
FORMAT = "interdict/bench-runs/1"
# What must be the same to continue a benchmark (anything else would give other records).
SAME_TO_RESUME = ("interdict_version", "git", "rules_sha256", "engine_config_sha256", "suite", "seed", "runs")


@dataclass(slots=True)
class RunStore:
    """The records of one benchmark, by run index, streamed to `folder/runs.jsonl`."""

    folder: Path
    provenance: dict[str, Any]
    records: dict[int, dict[str, Any]] = field(default_factory=dict)
    _file: TextIO | None = None

    @classmethod
    def create(cls, folder: Path, provenance: Mapping[str, Any], *, force: bool) -> RunStore:
        """A new store in `folder` (made if missing); InterdictError when it holds a result and not `force`."""
        held = [name for name in (RUNS, "aggregate.json", "summary.md") if (folder / name).exists()]
        if held and not force:
            raise InterdictError(
                f"--out {folder}: already holds a benchmark result ({', '.join(held)}); give --force to replace "
                f"it, or --resume {folder} to continue it"
            )
        folder.mkdir(exist_ok=True)
        store = cls(folder, dict(provenance))
        store._open()
        return store

    @classmethod
    def resume(cls, folder: Path) -> RunStore:
        """The store of an unfinished benchmark in `folder`, read (nothing written until `reopen`)."""
        path = folder / RUNS
        try:
            lines = path.read_text(encoding="utf-8").split("\n")
        except OSError as exc:
            raise InterdictError(f"--resume {folder}: cannot read {RUNS} ({exc.strerror})") from None
        header = _header_of(path, lines[0])
        records: dict[int, dict[str, Any]] = {}
        for lineno, line in enumerate(lines[1:], start=2):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                if lineno == len(lines) or (lineno == len(lines) - 1 and not lines[-1]):
                    break  # the last line, cut short when the process was killed: that run runs again
                raise InterdictError(f"{path}:{lineno}: not a JSON record") from None
            if not isinstance(record, dict) or not isinstance(record.get("index"), int):
                raise InterdictError(f"{path}:{lineno}: expected a run record with an integer `index`")
            records[record["index"]] = record
        return cls(folder, header["provenance"], records)

    def reopen(self) -> None:
        """Take the runs a resumed store lacks: its file rewritten whole (status running), then appended."""
        self._open()

    def check_same(self, now: Mapping[str, Any]) -> None:
        """InterdictError when this code and these settings would not give the records already kept."""
        was = self.provenance
        differ = [k for k in (*SAME_TO_RESUME, "settings") if was.get(k) != now.get(k)]
        if differ:
            said = "; ".join(f"{k}: {was.get(k)!r} then, {now.get(k)!r} now" for k in differ)
            raise InterdictError(
                f"--resume {self.folder}: the benchmark was started by other code or settings ({said}); "
                "its records would not match: start a new one (--out)"
            )

    def add(self, record: dict[str, Any]) -> None:
        """Keep one finished run (stamped with the provenance), on disk before the next one is taken."""
        record = {**record, "provenance": stamp(self.provenance)}
        self.records[int(record["index"])] = record
        assert self._file is not None
        self._file.write(json.dumps(record) + "\n")
        self._file.flush()

    def in_order(self) -> list[dict[str, Any]]:
        return [self.records[i] for i in sorted(self.records)]

    def close(self, status: str) -> None:
        """Rewrite the file whole, in run order, with `status` (complete or interrupted at the end;
        running when a store opens)."""
        if self._file is not None:
            self._file.close()
            self._file = None
        with atomic_text(self.folder / RUNS) as f:
            f.write(json.dumps(self._header(status)) + "\n")
            for record in self.in_order():
                f.write(json.dumps(record) + "\n")

    def _header(self, status: str) -> dict[str, Any]:
        prov = self.provenance
        return run_header(
            "bench-runs", scenario=None, scenario_sha256=None, seed=prov["seed"], status=status, provenance=prov
        )

    def _open(self) -> None:
        """Write the header and every record already held (a resumed store) whole, then append."""
        self.close("running")
        self._file = (self.folder / RUNS).open("a", encoding="utf-8", newline="\n")


def stamp(prov: Mapping[str, Any]) -> dict[str, Any]:
    """The provenance every run record carries: version, commit, rule-set and configuration hashes."""
    git = prov["git"] or {}
    return {
        "interdict_version": prov["interdict_version"],
        "git_commit": git.get("commit"),
        "rules_sha256": prov["rules_sha256"],
        "engine_config_sha256": prov["engine_config_sha256"],
    }


def _header_of(path: Path, line: str) -> dict[str, Any]:
    try:
        value = json.loads(line)
    except json.JSONDecodeError:
        value = None
    if not is_header(value) or value["run"].get("format") != FORMAT or "provenance" not in value["run"]:
        raise InterdictError(f"{path}:1: expected the run header of a benchmark ({FORMAT})")
    run: dict[str, Any] = value["run"]
    if run.get("status") == "complete":
        raise InterdictError(f"{path}: this benchmark is complete; nothing to resume")
    return run
