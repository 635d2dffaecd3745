"""Text from files, made safe to show and to compare: `visible` escapes what a terminal, a browser or
a bidirectional renderer would act on; `person_key` is what two spellings of one person's name share;
`norm_mark` what two spellings of one registration or call sign share.

Free text (names, dissent, reasons, descriptions) comes from files that anyone can write. Shown raw,
an ANSI escape (ESC [ 8 m: conceal) hides part of a dissent, and a bidirectional override (U+202E)
makes it read reversed. `visible` keeps printable text as written and writes every control, format
(bidirectional, zero-width), surrogate, private-use or unassigned character as an escape: `\\x1b`,
`\\n`, `<U+202E>`. It is applied where text is shown, never where it is stored: the audit log keeps
the bytes that were written.
"""

from __future__ import annotations

import unicodedata

__all__ = ["visible", "person_key", "norm_mark", "civil_form"]

_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(ch: str) -> str:
    if ch in _SHORT:
        return _SHORT[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"<U+{code:04X}>"


def visible(text: str, *, keep_lines: bool = False) -> str:
    """`text` with every character a display would act on (controls, ANSI escapes, bidirectional and
    zero-width marks, unassigned code points) written as an escape; everything else as written.
    `keep_lines` keeps line breaks (`\n`) for a text shown as a block (a briefing); elsewhere a line
    break is escaped, so that file text cannot start a line that reads as the program's own."""
    return "".join(
        _escape(ch) if unicodedata.category(ch) in _HIDDEN and not (keep_lines and ch == "\n") else ch for ch in text
    )


def person_key(name: str) -> str:
    """What two spellings of one person's name share: compatibility-normalised, accents removed,
    case folded, punctuation dropped, spaces folded (`Lic. Jorge Salas` = `LIC JORGE SALAS` =
    `lic. jorge  salás`)."""
    decomposed = unicodedata.normalize("NFKD", name)
    kept = "".join(
        ch if ch.isalnum() else " " for ch in decomposed if unicodedata.category(ch) not in ("Mn", "Mc", "Me")
    )
    return " ".join(kept.casefold().split())


def norm_mark(text: str) -> str:
    """A registration or call sign as letters and digits, upper case (OB-1408 = ob1408)."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def civil_form(mark: str) -> bool:
    """Whether marks as read have the form of a civil registration: a nationality mark of one or two
    characters before the hyphen (CP-2890, PT-KXA, 5N-ABC); unhyphenated, two letters and a digit (HK1234)
    or the United States' N and a digit (N123AB).
    A state aircraft's serial (FAP-346, FAB-2001) has no such form, nor have marks written in other
    scripts or digits (a Cyrillic ОВ-1408 looks like OB-1408 and is none: ICAO marks are Latin
    capitals and Arabic digits, Annex 7)."""
    m = mark.strip().upper()
    if not m.isascii():
        return False
    head, dash, tail = m.partition("-")
    if dash:
        return 1 <= len(head) <= 2 and head.isalnum() and tail.isalnum()
    two_letters = len(m) >= 3 and m[:2].isalpha() and m[2].isdigit()
    return m.isalnum() and (two_letters or (len(m) >= 2 and m[0] == "N" and m[1].isdigit()))
