"""Array aliases and helpers shared by every numeric module."""

from __future__ import annotations

from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

__all__ = ["FloatArray", "readonly"]

FloatArray = npt.NDArray[np.float64]
_A = TypeVar("_A", bound=np.ndarray[Any, Any])


def readonly(a: _A) -> _A:
    """A read-only copy of `a` (same dtype): frozen dataclasses hold arrays nobody can change. An
    array that is already read-only and owns its memory (an earlier result of this function) is
    returned as it is: no view can change it."""
    if not a.flags.writeable and a.base is None:
        return a
    out: _A = a.copy()
    out.setflags(write=False)
    return out
