"""File text shown safely (`visible`), one person's name however it is spelt (`person_key`), and the form of
civil registration marks (`civil_form`)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interdict.core.text import civil_form, person_key, visible

_HIDDEN = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


@given(st.text())
def test_nothing_a_display_acts_on_survives(text: str) -> None:
    assert not any(unicodedata.category(ch) in _HIDDEN for ch in visible(text))


@given(st.text(st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))))
def test_printable_text_is_shown_as_written(text: str) -> None:
    assert visible(text) == text


def test_conceal_and_right_to_left_override_are_escaped() -> None:
    assert visible("ok \x1b[8mhidden\u202eesrever") == "ok \\x1b[8mhidden<U+202E>esrever"
    assert visible("a\nb") == "a\\nb" and visible("a\nb", keep_lines=True) == "a\nb"


@given(
    st.sampled_from(
        ["Lic. Jorge Salas", "LIC. JORGE SALAS", "lic jorge  salas", "Lic. Jorge Salás", "Ｌｉｃ. Jorge Salas"]
    )
)
def test_one_person_however_spelt(name: str) -> None:
    assert person_key(name) == "lic jorge salas"


def test_different_people_stay_different() -> None:
    assert person_key("Cmdr. Ortiz") != person_key("Maj. Ruiz")


@pytest.mark.parametrize(
    ("marks", "civil"),
    [
        ("OB-1408", True),
        ("ob1408", True),
        ("PT-KXA", True),
        ("5N-ABC", True),
        ("N123AB", True),
        ("HK1234", True),
        ("FAP-302", False),  # an air force serial
        ("FAB-2001", False),
        ("PNP-251", False),
        ("", False),
        ("-", False),
        ("\u041e\u0412-1408", False),  # Cyrillic letters that look like OB: held as unknown form, never foreign
        ("OB-\uff11\uff14\uff10\uff18", False),  # full-width digits
    ],
)
def test_civil_registration_form(marks: str, civil: bool) -> None:
    assert civil_form(marks) is civil
