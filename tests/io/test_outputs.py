"""Output folders checked before any work: a file in the way, a missing parent, a folder to make."""

from __future__ import annotations

from pathlib import Path

import pytest

from interdict.core.errors import InterdictError
from interdict.io.outputs import check_folder


def test_output_folders(tmp_path: Path) -> None:
    check_folder(None, "--out")
    check_folder(tmp_path, "--out")  # exists
    check_folder(tmp_path / "new", "--out")  # made later, in a folder that exists
    (tmp_path / "file").write_text("x")
    with pytest.raises(InterdictError, match=r"--out .*file: exists and is not a folder"):
        check_folder(tmp_path / "file", "--out")
    with pytest.raises(InterdictError, match=r"--scenarios .*: .*missing is not a folder this user can write"):
        check_folder(tmp_path / "missing" / "deeper", "--scenarios")
