"""Loading a scenario file: hardened YAML reading (size cap, alias-bomb check before construction),
pydantic validation and the semantic rules, every problem reported at once with its key path.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from interdict.core.errors import Problem, ScenarioError
from interdict.scenario.budget import cost_problems
from interdict.scenario.coverage import coverage_problems
from interdict.scenario.document import (
    Scenario,
)
from interdict.scenario.semantics import (
    semantic_problems,
)

__all__ = ["load_scenario", "scenario_of", "read_yaml", "model_of"]


MAX_FILE_BYTES = 10 * 1024 * 1024


MAX_EXPANDED_NODES = 1_000_000


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Read and validate a scenario file.

    Raises ScenarioError listing every problem at once (types and the semantic checks of
    `semantic_problems`), each with its key path. Oversized files, binary files and YAML alias bombs
    are refused before any expansion.
    """
    file = str(path)
    return scenario_of(read_yaml(file), file)


def scenario_of(data: Any, source: str) -> Scenario:
    """Validate a scenario document already read (a file's YAML, or a generated mapping named by
    `source`): the same checks as `load_scenario`, the same ScenarioError."""
    scenario = model_of(Scenario, source, data, semantic_problems)
    problems = coverage_problems(scenario) + cost_problems(scenario)
    if problems:
        raise ScenarioError(source, problems)
    return scenario


M = TypeVar("M", bound=BaseModel)
_UNREAD = object()  # model_of: no document given, read the file


def validation_problems(model: type[BaseModel], data: Any) -> list[Problem]:
    """Every problem pydantic finds in `data` as `model`, each with its key path."""
    try:
        model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        # A list whose only items failed also reports "too short"; the item errors say what is wrong.
        locs = [tuple(e["loc"]) for e in errors]
        errors = [
            e
            for e in errors
            if not (
                e["type"] == "too_short"
                and any(len(other) > len(e["loc"]) and other[: len(e["loc"])] == tuple(e["loc"]) for other in locs)
            )
        ]
        return [Problem(_key_path(err["loc"]), _message(err)) for err in errors]
    return []


def model_of(
    model: type[M],
    path: str | os.PathLike[str],
    data: Any = _UNREAD,
    semantics: Callable[[Any], list[Problem]] = lambda _: [],
) -> M:
    """A YAML document as `model` (a scenario, a drill, an answers file), read from `path` unless
    `data` was read already, with the same limits and errors by key path as a scenario file;
    `semantics` adds the problems only the whole document shows."""
    file = str(path)
    data = read_yaml(file) if data is _UNREAD else data
    if not isinstance(data, dict):
        raise ScenarioError(
            file, [Problem("", f"expected a mapping of keys at the top level, got {type(data).__name__}")]
        )
    problems = validation_problems(model, data) + semantics(data)
    if problems:
        raise ScenarioError(file, _unique(problems))
    return model.model_validate(data)


def read_yaml(file: str) -> Any:
    """Bytes -> YAML data with the size, encoding and alias-expansion limits applied."""
    try:
        size = Path(file).stat().st_size
        if Path(file).is_dir():
            raise ScenarioError(file, [Problem("", "is a directory; expected a scenario YAML file")])
        if size > MAX_FILE_BYTES:
            raise ScenarioError(
                file,
                [
                    Problem(
                        "", f"file is {size:,} bytes; scenario files are limited to {MAX_FILE_BYTES:,} bytes (10 MiB)"
                    )
                ],
            )
        raw = Path(file).read_bytes()
    except OSError as exc:
        raise ScenarioError(file, [Problem("", f"cannot read the file: {exc.strerror}")]) from exc
    if b"\x00" in raw:
        raise ScenarioError(file, [Problem("", "binary file (NUL bytes); expected a UTF-8 YAML text file")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError(
            file, [Problem("", f"not UTF-8 text (byte {exc.start}); expected a YAML text file")]
        ) from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise ScenarioError(file, [Problem("", f"not valid YAML: {exc}")]) from exc
    except RecursionError as exc:
        raise ScenarioError(file, [Problem("", "YAML nested too deeply to read")]) from exc
    if node is None:
        raise ScenarioError(file, [Problem("", "the file is empty; expected a scenario mapping")])
    expanded = _expanded_size(node, {})
    if expanded > MAX_EXPANDED_NODES:
        raise ScenarioError(
            file,
            [
                Problem(
                    "",
                    f"YAML aliases expand to more than {MAX_EXPANDED_NODES:,} nodes "
                    "(an alias bomb?); write the values out instead",
                )
            ],
        )
    loader = yaml.SafeLoader(text)
    try:
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise ScenarioError(file, [Problem("", f"not valid YAML: {exc}")]) from exc
    except (ValueError, OverflowError, TypeError, RecursionError) as exc:
        # a scalar YAML reads as a typed value but cannot build it, e.g. the date 2025-06-00
        raise ScenarioError(file, [Problem("", f"not valid YAML: a value cannot be read ({exc})")]) from exc
    finally:
        loader.dispose()


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """Number of nodes after alias expansion, computed without expanding (aliases share node objects)."""
    key = id(node)
    if key in memo:
        return memo[key]
    memo[key] = 1  # a recursive alias counts once (and SafeLoader rejects nothing here: it is bounded)
    size = 1
    if isinstance(node, yaml.SequenceNode):
        size += sum(_expanded_size(child, memo) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        size += sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
    memo[key] = min(size, MAX_EXPANDED_NODES + 1)
    return memo[key]


def _message(err: Any) -> str:
    if err["type"] == "extra_forbidden":
        return "unknown key (misspelt?); see `interdict schema` for the keys allowed here"
    if err["type"] == "finite_number":
        return "expected a finite number, not NaN or infinity"
    return f"expected {err['msg'][0].lower()}{err['msg'][1:]}" if err["msg"].startswith("Input should") else err["msg"]


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))  # first occurrence of each, in order


def _key_path(loc: tuple[int | str, ...]) -> str:
    """pydantic's location tuple as `aircraft[0].route[2].t_s` (model-union branch names dropped)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in _UNION_BRANCHES or part.startswith("function-"):
            continue
        else:
            out += ("." if out else "") + part
    return out


_UNION_BRANCHES = {"GeoPoint", "str", "TransponderSpec", "literal['off']", "float", "int"}
