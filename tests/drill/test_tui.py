"""The drill's terminal UI, driven by Textual's headless pilot in an 80 x 24 terminal: keys pressed,
panels read, a decision judged, a checkpoint answered."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from textual.widgets import Input, RichLog, Static

from interdict.drill.document import Drill
from interdict.drill.session import DrillSession, scenario_path
from interdict.drill.tui import DrillApp
from interdict.scenario.load import load_scenario, model_of

DRILLS = Path(__file__).resolve().parents[2] / "interdict" / "examples" / "drills"
_KEYS = {" ": "space", ",": "comma", "-": "minus", "=": "equals_sign", "_": "underscore", ".": "full_stop"}


def _session() -> DrillSession:
    path = DRILLS / "bowers-2001.yaml"
    drill = model_of(Drill, path)
    return DrillSession(drill, load_scenario(scenario_path(path, drill)))


def _screen_text(app: DrillApp) -> str:
    """Everything the panels show, as text."""
    statics = [str(w.render()) for w in app.query(Static)]
    log = app.query_one(RichLog)
    return "\n".join([*statics, *(line.text for line in log.lines), app.query_one(Input).placeholder])


def test_a_trainee_steps_decides_and_answers_in_an_80_by_24_terminal() -> None:
    session = _session()
    app = DrillApp(session)

    async def drive() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(30):
                await pilot.press("n")
            await pilot.pause()
            assert session.t_s == 300.0 and app.asking is None
            assert re.search(r"T\d{4}", str(app.query_one("#tracks").render()))  # the one track, by its id
            checks = str(app.query_one("#checks").render())
            assert "SC-15 UNKNOWN track quality too low" in checks  # what blocks the next step, and why
            assert "SC-01" in checks and "PASS" in checks
            assert "ob-1408" not in _screen_text(app)  # the trainee never sees the truth
            await pilot.press("a", *(_KEYS.get(c, c) for c in "query_flight_plans units=iquitos-twr,lima-acc"))
            await pilot.press("enter")
            await pilot.pause()
            assert [d.procedure for d in session.decisions] == ["query_flight_plans"] and session.decisions[0].allowed
            await pilot.press("a", *(_KEYS.get(c, c) for c in "intercept_signal series=1"), "enter")
            await pilot.pause()
            assert not session.decisions[-1].allowed  # the engine refuses, and the timeline says why
            await pilot.press("c")
            await pilot.pause()
            assert app.asking is not None and app.asking.id == "first-blocks" and session.t_s == 340.0
            await pilot.press(*(_KEYS.get(c, c) for c in "SC-01, SC-02"), "enter")
            await pilot.pause()
            assert session.asked[-1].answer == "SC-01, SC-02" and session.asked[-1].right  # answers not in yet
            assert "right" in _screen_text(app)
            await pilot.press("q")

    asyncio.run(drive())
