"""Output files, checked before any work starts and written whole or not at all.

`check_output` refuses, before a run, an output whose folder does not exist or cannot be written,
that is a folder, or whose extension the writer does not support; `-` means standard output where
a command allows it. `atomic_text` and `atomic_path` write to `.NAME.partial` in the same folder and
rename it to NAME only when the writer finished: a failure leaves no empty or partial file.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from interdict.core.errors import InterdictError

__all__ = ["STDOUT", "check_output", "check_folder", "atomic_text", "atomic_path", "partial_of"]

STDOUT = Path("-")


def check_output(path: Path | None, option: str, suffixes: tuple[str, ...], *, stdout: bool = False) -> None:
    """InterdictError naming the option when `path` cannot be written; nothing when it is None."""
    if path is None:
        return
    if path == STDOUT:
        if stdout:
            return
        raise InterdictError(f"{option}: '-' (standard output) is not possible here; give a file name")
    if path.suffix.lower() not in suffixes:
        raise InterdictError(
            f"{option} {path}: expected a file ending in {' or '.join(suffixes)}, got {path.suffix or 'no extension'!r}"
        )
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InterdictError(f"{option} {path}: the folder {folder} does not exist")
    if path.is_dir():
        raise InterdictError(f"{option} {path}: is a folder, expected a file")
    if not os.access(folder, os.W_OK):
        raise InterdictError(f"{option} {path}: the folder {folder} is not writable")


def check_folder(path: Path | None, option: str) -> None:
    """InterdictError naming the option when `path` cannot be an output folder (made if missing, in a
    folder that exists); nothing when it is None."""
    if path is None:
        return
    if path.exists() and not path.is_dir():
        raise InterdictError(f"{option} {path}: exists and is not a folder")
    parent = path if path.exists() else (path.parent if str(path.parent) else Path("."))
    if not parent.is_dir() or not os.access(parent, os.W_OK):
        raise InterdictError(f"{option} {path}: {parent} is not a folder this user can write")


def partial_of(path: Path) -> Path:
    return path.with_name(f".{path.name}.partial")


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` to write to; renamed to `path` when the block ends normally,
    removed when it raises."""
    partial = partial_of(path)
    try:
        yield partial
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, path)


@contextmanager
def atomic_text(path: Path) -> Iterator[TextIO]:
    """A text file (UTF-8, `\\n` line ends) written whole or not at all; `-` writes to standard output."""
    if path == STDOUT:
        yield sys.stdout
        sys.stdout.flush()
        return
    with atomic_path(path) as partial, partial.open("w", encoding="utf-8", newline="\n") as f:
        yield f
