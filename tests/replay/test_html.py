"""The interactive replay: one file that opens offline in a real headless Chromium and draws, with
no console error; text from files is escaped, never markup.

Chromium comes from Debian's packages (`.ci/run` installs it). Without it the browser test is
skipped, unless INTERDICT_REQUIRE_BROWSER=1 (set by `.ci/run`) makes its absence a failure."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from interdict.engine.events import EngineEvent
from interdict.replay.html import html_page, write_html
from interdict.replay.loop import ReplayResult, run_replay
from interdict.scenario.load import load_scenario
from tests.conftest import SCENARIOS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def shuttle() -> ReplayResult:
    scenario = load_scenario(SCENARIOS / "vraem-shuttle.yaml")
    return run_replay(scenario, seed=scenario.seed, until_s=1500.0)


def _dom(page: Path, profile: Path) -> str:
    """The page's DOM after its scripts ran, from headless Chromium with no network use."""
    args = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--virtual-time-budget=20000",
        "--dump-dom",
        page.as_uri(),
    ]
    return subprocess.run(args, capture_output=True, text=True, timeout=120, check=True).stdout


def test_the_page_opens_offline_in_chromium_and_draws(shuttle: ReplayResult, tmp_path: Path) -> None:
    if CHROMIUM is None:
        if os.environ.get("INTERDICT_REQUIRE_BROWSER") == "1":
            pytest.fail("INTERDICT_REQUIRE_BROWSER=1 but no chromium on PATH")
        pytest.skip("no chromium on PATH (apt install chromium)")
    page = tmp_path / "replay.html"
    write_html(page, shuttle)
    dom = _dom(page, tmp_path / "profile")
    body = re.search(r"<body[^>]*>", dom)
    assert body is not None and 'data-rendered="yes"' in body.group(0)
    assert "data-errors" not in body.group(0)  # no uncaught error and nothing written to console.error
    assert len(re.findall(r'<g class="trace scatter', dom)) >= 10  # base layers, tracks, cue
    assert 'id="now">t = 1500 s<' in dom  # the timeline beside the map follows the slider


def test_the_page_is_self_contained_and_escapes_text_from_files(shuttle: ReplayResult) -> None:
    hostile = dataclasses.replace(
        shuttle,
        scenario=shuttle.scenario.model_copy(update={"name": HOSTILE}),
        events=(*shuttle.events, EngineEvent("procedure_refused", 1400.0, "T0048", HOSTILE)),
    )
    page = html_page(hostile)
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", page)  # plotly.js is inside the file
    assert HOSTILE not in page and "&lt;script&gt;alert(" in page
    assert page.count("<script") == page.count("</script>")
