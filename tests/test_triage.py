"""The red-flag check: `backref triage` and t in the full-screen view, and what the state file keeps."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w
import tomllib
from textual.pilot import Pilot

from backref.cli.main import main
from backref.core.content import Content
from backref.core.load import load_content
from backref.core.state import StateStore
from backref.core.triage import check_questions
from backref.tui.app import BackrefApp, make_app
from backref.tui.screens.triage import TriageScreen
from conftest import CONTENT, ROOT

EMERGENCY_SIGNS = 14  # the seed's two emergency lists, each sign once


def triage(*argv: str, answers: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`backref triage` as a script runs it: answers piped on stdin."""
    full_env = {**os.environ, "PYTHONPATH": os.fspath(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "backref", "triage", *argv], input=answers, text=True,
                          capture_output=True, env=full_env, timeout=60)


def piped(monkeypatch: pytest.MonkeyPatch, answers: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(answers))


def state_of(isolated_dirs: Path) -> dict[str, object]:
    with open(isolated_dirs / "state" / "state.toml", "rb") as fh:
        return tomllib.load(fh)


def test_questions_are_every_sign_once_emergency_first_in_plain_words(content: Content) -> None:
    questions = check_questions(content)
    assert len(questions) == EMERGENCY_SIGNS + 7
    assert {q.flag.urgency for q in questions[:EMERGENCY_SIGNS]} == {"emergency"}
    assert {q.flag.urgency for q in questions[EMERGENCY_SIGNS:]} == {"see-doctor"}
    assert all(q.text.endswith(("?", ".")) and content.lay[q.flag.id].question_source for q in questions)
    assert "this is not normal for you" in questions[0].text  # the qualifier the sources insist on


def test_a_first_yes_is_the_emergency_card_and_exit_20(isolated_dirs: Path) -> None:
    done = triage(answers="y\n", env={"BACKREF_STATE": os.fspath(isolated_dirs / "state" / "state.toml"),
                                      "XDG_CONFIG_HOME": os.fspath(isolated_dirs / "config")})
    assert done.returncode == 20, done.stderr
    out = done.stdout
    assert "EMERGENCY" in out
    assert "999 in the UK, 112 in the EU, 911 in the US" in " ".join(out.split())
    assert "You answered yes to: Loss of bladder or bowel control" in out
    assert "does not diagnose" in out
    assert "you are fine" not in out.lower()


def test_all_no_exits_0_and_names_the_relief_steps(capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    piped(monkeypatch, "n\n" * 21)
    code = main(["triage", "--width", "200"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.endswith("\n".join([
        "n", "",  # the last answer, then the card: no action line under the heading
        "NO RED FLAGS REPORTED",
        "=====================",
        "You answered no to every red-flag question. This does not rule anything out: "
        "run the check again if anything changes.",
        "",
        "Relief steps: 'backref show relief', or the Relief tab of the full-screen view "
        "(Immediate Relief Strategies).",
        "",
        "backref informs; it does not diagnose or replace a doctor: if a red flag applies, seek care now.",
        ""]))
    assert "you are fine" not in out.lower()


def test_a_yes_to_a_see_a_doctor_question_exits_10(capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    piped(monkeypatch, "n\n" * EMERGENCY_SIGNS + "y\n")
    code = main(["triage"])
    out = capsys.readouterr().out
    assert code == 10
    assert "SEE A DOCTOR" in out and "Book an appointment with your doctor (GP)." in out
    assert "You answered yes to: Spasms lasting more than a week" in out


def test_input_that_ends_early_is_exit_2_and_one_line(capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch, isolated_dirs: Path) -> None:
    piped(monkeypatch, "n\nn\n")
    code = main(["triage"])
    err = capsys.readouterr().err
    assert code == 2 and len(err.splitlines()) == 1 and err.startswith("backref: ")
    assert not (isolated_dirs / "state" / "state.toml").exists()  # nothing was recorded


def test_an_answer_that_is_not_y_or_n_is_exit_2(capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    piped(monkeypatch, "n\n\x1b[31mmaybe\n")
    code = main(["triage"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "\x1b" not in err and "line 2" in err


@pytest.mark.parametrize("answers, code", [("Y\n", 20), ("YES\n", 20), (" yes \n", 20), ("No\n" * 14 + "Y\n", 10),
                                           ("NO\n" * 21, 0), ("n\r\n" * 21, 0)])
def test_y_yes_n_and_no_are_read_in_any_case(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                             answers: str, code: int) -> None:
    piped(monkeypatch, answers)
    assert main(["triage"]) == code
    assert capsys.readouterr().err == ""


class EndlessLine(io.TextIOBase):
    """A stdin of one line that never ends: reading it whole would fill memory."""

    def readline(self, size: int | None = -1) -> str:
        if size is None or size < 0:
            raise AssertionError("stdin was read without a limit")
        return "y" * size

    def isatty(self) -> bool:
        return False


def test_one_endless_line_is_refused_without_reading_it_whole(capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", EndlessLine())
    assert main(["triage"]) == 2
    assert capsys.readouterr().err == "backref: line 1: 'yyyyyyyyyyyyyyyyyyyy' is not y or n; nothing was recorded\n"


@pytest.mark.parametrize("answers, error", [
    ("n\nn\n", "the answers ended before the check did; nothing was recorded"),
    ("n\nmaybe\n", "line 2: 'maybe' is not y or n; nothing was recorded"),
])
def test_json_of_a_check_that_ends_early_says_so_and_exits_2(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, isolated_dirs: Path,
        answers: str, error: str) -> None:
    piped(monkeypatch, answers)
    assert main(["triage", "--json"]) == 2
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert (data["result"], data["exit_code"], data["error"], data["questions"]) == (None, 2, error, EMERGENCY_SIGNS + 7)
    assert [a["yes"] for a in data["answers"]] == [False] * data["answered"]
    questions = check_questions(load_content(os.fspath(CONTENT)))
    assert data["unanswered"] == {"id": questions[data["answered"]].flag.id,
                                  "question": questions[data["answered"]].text}
    assert err == f"backref: {error}\n"
    assert not (isolated_dirs / "state" / "state.toml").exists()


def test_on_a_terminal_an_answer_that_is_not_y_or_n_is_asked_again(isolated_dirs: Path) -> None:
    from terminal import terminal

    env = {"BACKREF_STATE": os.fspath(isolated_dirs / "state" / "state.toml"),
           "XDG_CONFIG_HOME": os.fspath(isolated_dirs / "config")}
    with terminal("triage", env=env) as shown:
        assert shown.read_until(b"> ")
        for typed in ("maybe", "", "nope", "yesss"):
            shown.shown = b""
            shown.type(typed + "\r")
            assert shown.read_until(b"answer y or n"), shown.text
            assert shown.read_until(b"> ")
            assert "Question 2" not in shown.text  # never taken as a no
        shown.type("N\r")
        assert shown.read_until(b"Question 2 of 21")
        shown.type("y\r")
        assert shown.wait(20) == 20
    assert "EMERGENCY" in shown.text and "You answered yes to: Numbness" in shown.text
    kept = tomllib.loads((isolated_dirs / "state" / "state.toml").read_text())["checks"]
    assert len(kept) == 1 and kept[0]["result"] == "emergency"


def test_plain_asks_in_numbered_lines_with_no_rules(capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    piped(monkeypatch, "n\ny\n")
    code = main(["triage", "--plain"])
    out = capsys.readouterr().out
    assert code == 20
    assert f"1/{EMERGENCY_SIGNS + 7}. Since your back pain started" in out
    assert f"2/{EMERGENCY_SIGNS + 7}. Is there new numbness" in out
    assert "===" not in out and "\x1b" not in out
    assert "You answered yes to: Numbness in the groin area (saddle anesthesia)" in out


def test_json_prints_the_result_alone(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                      content: Content) -> None:
    monkeypatch.setenv("BACKREF_EMERGENCY_NUMBER", "000")
    piped(monkeypatch, "n\nn\ny\n")
    code = main(["triage", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 20
    asked = ["rf-bladder-bowel-control", "rf-saddle-numbness", "rf-leg-weakness"]
    assert data == {
        "result": "emergency", "exit_code": 20, "heading": "EMERGENCY",
        "action": "Call 000 or go to the nearest emergency department now.",
        "sign": {"id": "rf-leg-weakness", "text": "Progressive leg weakness or paralysis"},
        "answers": [{"id": flag_id, "question": content.lay[flag_id].question, "yes": flag_id == "rf-leg-weakness"}
                    for flag_id in asked],
        "notes": ["You answered yes to: Progressive leg weakness or paralysis",
                  "backref informs; it does not diagnose or replace a doctor: if a red flag applies, seek care now."],
    }
    assert data["answers"][2]["question"].startswith("Are your legs getting weaker")


def test_json_of_an_all_no_check_has_no_sign_and_no_action(capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    piped(monkeypatch, "n\n" * 21)
    assert main(["triage", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data.pop("answers")) == 21
    assert data == {
        "result": "none", "exit_code": 0, "heading": "NO RED FLAGS REPORTED", "action": None, "sign": None,
        "notes": ["You answered no to every red-flag question. This does not rule anything out: "
                  "run the check again if anything changes.",
                  "Relief steps: 'backref show relief', or the Relief tab of the full-screen view "
                  "(Immediate Relief Strategies).",
                  "backref informs; it does not diagnose or replace a doctor: if a red flag applies, seek care now."],
    }


def test_the_card_names_a_number_of_ones_own_and_is_underlined(capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKREF_EMERGENCY_NUMBER", "000")
    piped(monkeypatch, "y\n")
    assert main(["triage", "--width", "60"]) == 20
    out = capsys.readouterr().out
    assert out.endswith("\n".join([
        "y", "",
        "EMERGENCY",
        "=========",
        "Call 000 or go to the nearest emergency department now.",
        "",
        "You answered yes to: Loss of bladder or bowel control",
        "",
        "backref informs; it does not diagnose or replace a doctor:",
        "if a red flag applies, seek care now.",
        ""]))


def edited_content(tmp_path: Path, edit: Callable[[dict[str, Any]], object]) -> str:
    """The seed content with ``edit`` applied to its parsed tables, written as a file of its own."""
    with open(CONTENT, "rb") as fh:
        raw = tomllib.load(fh)
    edit(raw)
    path = tmp_path / "edited.toml"
    path.write_bytes(tomli_w.dumps(raw).encode("utf-8"))
    return os.fspath(path)


def test_a_sign_with_no_plain_words_is_asked_in_the_guides_words(capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Path) -> None:
    path = edited_content(tmp_path, lambda raw: raw["lay"].pop("rf-bladder-bowel-control"))
    piped(monkeypatch, "n\ny\n")
    assert main(["--content", path, "triage", "--plain"]) == 20
    out = capsys.readouterr().out
    assert f"1/{EMERGENCY_SIGNS + 7}. Do you have this: Loss of bladder or bowel control? [y/n]" in out
    assert f"2/{EMERGENCY_SIGNS + 7}. Is there new numbness" in out


def test_an_ascii_terminal_gets_the_card_wrapped_as_it_prints(monkeypatch: pytest.MonkeyPatch,
                                                             tmp_path: Path) -> None:
    def dashes(raw: dict[str, Any]) -> None:
        raw["red_flags"][0]["flags"][0]["text"] = ("Loss of bladder or bowel control \u2014 new \u2014 "
                                                   "\u201cnot normal for me\u201d \u2014 since the pain began")
    path = edited_content(tmp_path, dashes)
    piped(monkeypatch, "y\n")
    buffer = io.BytesIO()
    stdout = io.TextIOWrapper(buffer, encoding="ascii")
    monkeypatch.setattr(sys, "stdout", stdout)
    assert main(["--content", path, "triage", "--width", "30"]) == 20
    stdout.flush()
    out = buffer.getvalue().decode("ascii")
    card = out[out.index("EMERGENCY\n"):].splitlines()
    assert max(len(line) for line in card) <= 30
    assert card[card.index("You answered yes to: Loss of"):][:4] == [
        "You answered yes to: Loss of",
        "bladder or bowel control --",
        "new -- \"not normal for me\" --",
        "since the pain began",
    ]


def test_the_check_is_kept_in_the_state_file_beside_the_ticks(capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch,
                                                              isolated_dirs: Path) -> None:
    assert main(["tick", "ice-first-48-hours"]) == 0
    piped(monkeypatch, "n\ny\n")
    assert main(["triage"]) == 20
    piped(monkeypatch, "n\n" * 21)
    assert main(["triage"]) == 0
    state = state_of(isolated_dirs)
    checks = state["checks"]
    assert isinstance(checks, list) and len(checks) == 2
    assert checks[0]["result"] == "emergency" and checks[0]["sign"] == "rf-saddle-numbness"
    assert checks[0]["answers"] == {"rf-bladder-bowel-control": False, "rf-saddle-numbness": True}
    assert checks[1]["result"] == "none" and len(checks[1]["answers"]) == 21
    assert isinstance(checks[0]["at"], str) and checks[0]["at"][:4].isdigit()
    assert "ice-first-48-hours" in state["episodes"][-1]["ticks"]  # type: ignore[index]  # a relief tick
    assert main(["untick", "ice-first-48-hours"]) == 0  # a later tick change keeps the checks
    assert len(state_of(isolated_dirs)["checks"]) == 2  # type: ignore[arg-type]


def test_an_older_state_file_loads_and_a_hand_written_time_is_kept(tmp_path: Path, content: Content) -> None:
    path = tmp_path / "state.toml"
    path.write_text('version = 1\n[ticks]\nice-first-48-hours = "2026-01-01T10:00:00+00:00"\n')
    store = StateStore(os.fspath(path), content)
    assert store.ticked() == {"ice-first-48-hours"}
    store.record_check({"at": "2026-01-02T10:00:00+00:00", "answers": {"rf-fever": False}, "result": "none"})
    path.write_text(path.read_text().replace('at = "2026-01-02T10:00:00+00:00"', "at = 2026-01-02T10:00:00Z"))
    store = StateStore(os.fspath(path), content)
    assert store.ticked() == {"ice-first-48-hours"} and store.notices == []
    store.tick(["apply-ice-20-min"])
    with open(path, "rb") as fh:
        kept = tomllib.load(fh)
    assert kept["checks"][0]["at"].startswith("2026-01-02T10:00:00")


def test_checks_that_are_not_tables_are_a_corrupt_file(tmp_path: Path, content: Content) -> None:
    path = tmp_path / "state.toml"
    path.write_text('version = 1\nchecks = "yes"\n')
    store = StateStore(os.fspath(path), content)
    assert store.ticked() == frozenset()
    assert store.notices and "checks" in store.notices[0]


# -- the full-screen view --------------------------------------------------------------------


def screen_text(app: BackrefApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_t_opens_the_check_y_shows_the_emergency_card_and_escape_returns(
        content: Content, tmp_path: Path) -> None:
    app = make_app(content, os.fspath(tmp_path / "state.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TriageScreen)
        text = " ".join(screen_text(app).split())
        assert f"Question 1 of {EMERGENCY_SIGNS + 7}" in text and "this is not normal for you" in text
        await pilot.press("y")
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "EMERGENCY" in text
        assert "Call your local emergency number (999 in the UK, 112 in the EU, 911" in text
        assert "You answered yes to: Loss of bladder or bowel control" in text
        assert "does not diagnose" in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, TriageScreen)
    with open(tmp_path / "state.toml", "rb") as fh:
        assert tomllib.load(fh)["checks"][0]["result"] == "emergency"


async def test_keys_pressed_after_the_card_leave_it_and_the_kept_check_as_they_are(
        content: Content, tmp_path: Path) -> None:
    app = make_app(content, os.fspath(tmp_path / "state.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t", "n", "y")
        await pilot.pause()
        card = " ".join(screen_text(app).split())
        assert "EMERGENCY" in card and "You answered yes to:" in card
        await pilot.press("y", "n", "y", "x", "space", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TriageScreen)
        after = " ".join(screen_text(app).split())
        assert "You answered yes to:" in after and "Question" not in after
    with open(tmp_path / "state.toml", "rb") as fh:
        checks = tomllib.load(fh)["checks"]
    assert len(checks) == 1 and checks[0]["result"] == "emergency"


async def test_all_no_in_the_view_ends_with_no_red_flags_reported(content: Content, tmp_path: Path) -> None:
    app = make_app(content, os.fspath(tmp_path / "state.toml"))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("t", *["n"] * 21)
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "NO RED FLAGS REPORTED" in text and "does not rule anything out" in text


async def test_an_escape_midway_keeps_nothing(content: Content, tmp_path: Path) -> None:
    app = make_app(content, os.fspath(tmp_path / "state.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t", "n", "escape")
        await pilot.pause()
    assert not (tmp_path / "state.toml").exists()


async def test_the_check_is_in_the_help_and_the_footer(content: Content, tmp_path: Path) -> None:
    app = make_app(content, os.fspath(tmp_path / "state.toml"))
    async with app.run_test(size=(120, 40)) as pilot:
        assert await comes_into_view(pilot, app, "t Check")
        await pilot.press("question_mark")
        assert await comes_into_view(pilot, app, "red-flag check")


async def comes_into_view(pilot: Pilot[None], app: BackrefApp, wanted: str) -> bool:
    """Whether `wanted` is on screen once the app has settled (a loaded machine may need a few
    more frames than an idle one)."""
    for _ in range(20):
        await pilot.pause()
        if wanted in " ".join(screen_text(app).split()):
            return True
    return False


async def test_the_palette_offers_the_check(content: Content, tmp_path: Path) -> None:
    app = make_app(content, os.fspath(tmp_path / "state.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"red-flag check")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TriageScreen)


# -- the questions, reviewed as a clinical safety officer would (docs/hazards.md) --------------


def answers_of(content: Content, says_yes: Callable[[str], bool]) -> tuple[str, int | None]:
    """(the piped answers of a person who says yes to a question when ``says_yes(question)``, the
    0-based number of the question that ends the check, or None when every answer is no)."""
    lines = []
    for n, question in enumerate(check_questions(content)):
        yes = says_yes(question.text.lower())
        lines.append("y" if yes else "n")
        if yes:
            return "\n".join(lines) + "\n", n
    return "\n".join(lines) + "\n", None


def test_numbness_in_both_legs_alone_ends_on_the_emergency_card_before_any_see_a_doctor_question(
        content: Content, isolated_dirs: Path) -> None:
    """H1: steady numbness in both legs (no weakness getting worse) was asked only by a see-a-doctor
    question; the NHS says call 999 for pain, tingling, weakness or numbness in both legs."""
    def both_legs_numb(question: str) -> bool:
        """Yes where a sentence asks about numbness in both legs without asking that it is worsening."""
        for sentence in question.replace("?", ".").split(". "):
            steady = "worse" not in sentence or "even if it is not getting worse" in sentence
            if "both legs" in sentence and "numbness" in sentence and steady:
                return True
        return False

    answers, ended = answers_of(content, both_legs_numb)
    assert ended is not None
    question = check_questions(content)[ended]
    assert question.flag.urgency == "emergency"
    assert all(word in question.text for word in ("numbness", "tingling", "weakness", "both legs"))
    done = triage(answers=answers, env={"BACKREF_STATE": os.fspath(isolated_dirs / "state" / "state.toml")})
    assert done.returncode == 20, done.stderr
    assert "EMERGENCY" in done.stdout and "emergency department now" in " ".join(done.stdout.split())
    assert f"Question {ended + 2} of" not in done.stdout  # nothing was asked after it
    asked = [q for q in check_questions(content)[: ended + 1]]
    assert {q.flag.urgency for q in asked} == {"emergency"}


def clauses(question: str) -> list[str]:
    """A question's clauses, as a person reads them one at a time."""
    return [c.strip() for c in question.replace("?", ",").replace(".", ",").split(",") if c.strip()]


def test_standing_or_walking_hard_because_of_the_pain_is_no_emergency(content: Content, isolated_dirs: Path) -> None:
    """H3: 'hard to stand or walk' describes most acute spasms (the guide: 'temporary immobility');
    an emergency question asks it only when the legs are weak or numb."""
    def pain_limits_walking(question: str) -> bool:
        walking = any(("stand" in c or "walk" in c) and "weak" not in c and "numb" not in c
                      for c in clauses(question))
        return walking or "day-to-day activities" in question

    answers, ended = answers_of(content, pain_limits_walking)
    assert ended is not None and check_questions(content)[ended].flag.urgency == "see-doctor"
    done = triage(answers=answers, env={"BACKREF_STATE": os.fspath(isolated_dirs / "state" / "state.toml")})
    assert done.returncode == 10, done.stderr
    leg_question = content.lay["rf-leg-weakness"].question
    assert "hard to stand or walk because a leg is weak or numb" in leg_question


def sentences_of(question: str) -> list[str]:
    return [s.strip() for s in question.replace("?", ".").replace(":", ".").split(". ") if s.strip()]


def test_sleep_disturbed_without_severe_night_pain_books_a_doctor_not_an_ambulance(
        content: Content, isolated_dirs: Path) -> None:
    """H2: the guide's sign is 'Severe night pain'; 'stop you sleeping' alone is its ordinary
    'Sleep disturbance', which most people in an acute episode have."""
    def sleeps_badly(question: str) -> bool:
        whole = " ".join(sentences_of(question))
        asks_sleep = any(w in whole for w in ("sleep", "awake", "wakes", "at night"))
        return asks_sleep and "severe" not in whole

    answers, ended = answers_of(content, sleeps_badly)
    assert ended is not None and check_questions(content)[ended].flag.urgency == "see-doctor"
    done = triage(answers=answers, env={"BACKREF_STATE": os.fspath(isolated_dirs / "state" / "state.toml")})
    assert done.returncode == 10, done.stderr
    night = content.lay["rf-night-pain"].question
    assert night.startswith("Is the pain severe at night")


@pytest.mark.parametrize(("state", "says_yes"), [
    # H4: after the heat pack the guide recommends, the back is warm; there is no fever
    ("a back warm from a heat pack", lambda q: any("back" in c and ("hot" in c or "warm" in c) for c in clauses(q))),
    # H5: a urine infection sign, not a kidney stone emergency
    ("pain when peeing", lambda q: any(("pee" in c or "urinat" in c) and ("pain" in c or "burn" in c)
                                       for c in clauses(q))),
    # H5: spasms come and go too
    ("pain that comes in waves", lambda q: "in waves" in q or "comes and goes" in q),
])
def test_everyday_states_reach_no_emergency_question(content: Content, isolated_dirs: Path, state: str,
                                                     says_yes: Callable[[str], bool]) -> None:
    answers, ended = answers_of(content, says_yes)
    assert ended is None, (state, check_questions(content)[ended].text)
    done = triage(answers=answers, env={"BACKREF_STATE": os.fspath(isolated_dirs / "state" / "state.toml")})
    assert done.returncode == 0, done.stderr
    assert "does not rule anything out" in done.stdout


def test_a_fever_and_blood_in_the_pee_are_still_emergency_questions(content: Content) -> None:
    fever, kidney = content.lay["rf-high-fever"].question, content.lay["rf-kidney-stones"].question
    assert "38C (100.4F)" in fever and "hot or shivery" in fever and "hotter" not in fever
    assert "blood in your pee" in kidney and "peeing" not in kidney and "waves" not in kidney


def card_for(content: Content, flag_id: str, own_number: str | None = None) -> tuple[str, str, list[str]]:
    """The card of a check that says yes at ``flag_id``'s question, no before it."""
    from backref.core.triage import Check, card_parts

    check = Check(content)
    while (question := check.current) is not None:
        check.answer(question.flag.id == flag_id)
    assert check.yes is not None and check.yes.id == flag_id
    return card_parts(content, check, own_number)


# the emergency signs the NHS puts at 'urgent GP appointment or 111', and the guide's own sign
NHS_URGENT = ["rf-high-fever", "rf-kidney-stones", "rf-unrelieved-pain", "rf-cancer-new-pain", "rf-weight-loss",
              "rf-night-pain"]


@pytest.mark.parametrize("flag_id", NHS_URGENT + ["rf-lifting-onset"])
def test_an_emergency_card_names_where_the_nhs_differs_and_its_source(content: Content, flag_id: str) -> None:
    """H7: backref keeps the guide's urgency, says so, and gives the NHS's (or NICE's) advice with its page."""
    heading, action, lines = card_for(content, flag_id)
    assert heading == "EMERGENCY" and "emergency department now" in action
    (differs,) = [line for line in lines if line.startswith("backref follows the guide, which lists this as an "
                                                            "emergency sign.")]
    assert "Source: " in differs and "'" in differs.split("Source: ", 1)[1]  # a page title, quoted
    if flag_id == "rf-lifting-onset":
        assert "No NHS page lists this sign" in differs
    elif flag_id == "rf-cancer-new-pain":
        assert "NICE" in differs and "NG234" in differs
    else:
        assert ("urgent GP appointment" in differs or "contact a GP" in differs) and "NHS 111" in differs
    assert lines.index(differs) > 0 and lines[0].startswith("You answered yes to: ")  # the sign, then the difference


def test_the_cards_of_signs_the_nhs_also_sends_to_999_add_nothing(content: Content) -> None:
    for flag_id in ("rf-bladder-bowel-control", "rf-saddle-numbness", "rf-chest-pain-breathing", "rf-recent-trauma"):
        _, _, lines = card_for(content, flag_id)
        assert not any(line.startswith("backref follows the guide") for line in lines), flag_id


def test_the_see_a_doctor_card_says_how_soon_what_if_it_gets_worse_and_which_signs_need_care_now(
        content: Content) -> None:
    """H8: a time frame, a safety net naming the person's own number, and a disclaimer that does not tell
    someone who has just said yes to a red flag to 'seek care now'."""
    heading, action, lines = card_for(content, "see-spasms-over-a-week", own_number="000")
    assert heading == "SEE A DOCTOR" and action == "Book an appointment with your doctor (GP)."
    text = " ".join(lines)
    assert "not an emergency" in lines[0] and "within about 2 weeks" in lines[0]
    (net,) = [line for line in lines if line.startswith("If it gets worse")]
    assert "call 000 or go to the nearest emergency department now" in net
    assert all(sign in net for sign in ("bladder or bowel control", "genitals", "both legs"))
    assert "if a red flag applies" not in text
    assert lines[-1].startswith("backref informs") and "emergency signs" in lines[-1]


def test_the_see_a_doctor_card_in_the_terminal(isolated_dirs: Path) -> None:
    done = triage(answers="n\n" * EMERGENCY_SIGNS + "y\n",
                  env={"BACKREF_STATE": os.fspath(isolated_dirs / "state" / "state.toml"),
                       "XDG_CONFIG_HOME": os.fspath(isolated_dirs / "config")})
    out = " ".join(done.stdout.split())
    assert done.returncode == 10
    assert out.index("SEE A DOCTOR") < out.index("within about 2 weeks") < out.index("If it gets worse")
    assert "call your local emergency number (999 in the UK" in out


def test_the_card_glosses_the_sign_it_names(content: Content) -> None:
    """H13: the card says the guide's words and, after them, the plain ones."""
    _, _, lines = card_for(content, "rf-kidney-stones")
    assert lines[0] == ("You answered yes to: Signs of kidney stones (flank pain, blood in urine), in plain words: "
                        "flank pain is pain in one side of your back, below the ribs")


async def test_the_pinned_panel_and_the_emergency_list_show_the_glosses(content: Content, tmp_path: Path) -> None:
    app = make_app(content, os.fspath(tmp_path / "state.toml"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        panel = " ".join(screen_text(app).split())  # the panel shares its rows with the home
        assert "in plain words: numbness or tingling around your" in panel
        assert "in plain words: numbness, tingling or weakness in" in panel
        await pilot.press("e")
        await pilot.pause()
        body = app.screen.query_one("#emergency-body").content_region  # beside the panel, which it leaves in sight
        listed = " ".join(" ".join(strip.crop(body.x, body.right).text
                                   for strip in app.screen._compositor.render_strips()[body.y:body.bottom]).split())
        assert "in plain words: numbness, tingling or weakness in both legs, or" in listed
        assert "in plain words: flank pain is pain in one side of your back, below" in listed


@pytest.mark.parametrize(("flag_id", "words"), [
    ("rf-abdominal-pain", "a new throbbing or pulsing feeling"),  # a normal pulse can be felt lying down
    ("rf-recent-trauma", "if you are over 50"),  # 'older' named no age
    ("rf-weight-loss", "over the last 6 to 12 months"),  # weight loss named no time frame
])
def test_the_smaller_wording_gaps_are_closed(content: Content, flag_id: str, words: str) -> None:
    """H14: each question says what its sources say: 'new', an age, a time frame."""
    lay = content.lay[flag_id]
    assert words in lay.question
    assert lay.question_source.count("'") >= 2  # a page, by its title
