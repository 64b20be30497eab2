"""Every command, at every width from 1 to 200, over random content, state and config files:
each ends (a guard turns a hang into a failure), with an exit code of its own, no traceback
and no escape sequence. The CLI entry runs in this process, so examples stay cheap."""
from __future__ import annotations

import datetime
import io
import os
import signal
import sys
import tempfile
import types
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backref.cli import timer as cli_timer
from backref.cli.main import main
from conftest import CONTENT
from hostile import write_content
from test_untrusted_fuzz import TEXT, no_escape

EXITS = {0, 1, 2, 10, 20}  # done, nothing found, bad input, the check's two results
GUARD = 5  # seconds one command may take before it counts as hung (none takes near one)


class Hung(BaseException):
    """Raised by the guard's alarm: a BaseException, so no handler of backref's can swallow it."""


@contextmanager
def guard(seconds: float) -> Iterator[None]:
    def hung(_signum: int, _frame: object) -> None:
        raise Hung(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class FakeTime:
    """The timer's clock and sleep, so a countdown in a test takes no time at all."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += max(seconds, 0.001)


# -- shapes of the files ---------------------------------------------------------------------------

REAL_IDS = ["apply-ice-20-min", "stop-activity-immediately", "proper-warm-up", "knee-to-chest-stretch"]
HOSTILE_IDS = ["fact", "stretch", "walk"]
STAMPS = st.one_of(
    st.sampled_from(["2026-11-18T07:00:00+00:00", "2026-11-20T11:00:00", "2026-11-19", "2030-01-01T00:00:00+14:00",
                     "garbage", "", "0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59-12:00", "07:00:00",
                     "1900-01-01T00:00:00-05:00", "2026-03-29T01:30:00"]),
    st.datetimes(min_value=datetime.datetime(1, 1, 1), max_value=datetime.datetime(9999, 12, 31)),
    st.integers(-5, 10**6), TEXT,
)
IDS = st.one_of(st.sampled_from(REAL_IDS + HOSTILE_IDS), TEXT)


def episode_tables() -> st.SearchStrategy[dict[str, Any]]:
    reading = st.fixed_dictionaries({"at": STAMPS}, optional={
        "severity": st.one_of(st.integers(-3, 14), TEXT), "note": TEXT})
    return st.fixed_dictionaries({"started": STAMPS}, optional={
        "ended": STAMPS, "where": st.lists(TEXT, max_size=3), "triggers": st.lists(st.one_of(TEXT, st.integers()), max_size=3),
        "readings": st.lists(reading, max_size=4), "ticks": st.dictionaries(IDS, STAMPS, max_size=3)})


STATES = st.one_of(
    st.fixed_dictionaries({}, optional={
        "version": st.one_of(st.just(1), st.integers(-1, 3), TEXT),
        "ticks": st.dictionaries(IDS, STAMPS, max_size=4),
        "days": st.dictionaries(st.one_of(st.sampled_from(["2026-11-20", "2026-11-19", "2026-02-30"]), TEXT),
                                st.dictionaries(IDS, STAMPS, max_size=3), max_size=3),
        "episodes": st.one_of(st.lists(episode_tables(), max_size=4), TEXT),
        "timers": st.dictionaries(IDS, st.fixed_dictionaries({}, optional={
            "status": st.sampled_from(["running", "done", "cancelled", "x"]), "started": STAMPS,
            "seconds": st.integers(-10, 10**9), "next_due": STAMPS}), max_size=3),
        "checks": st.lists(st.dictionaries(st.sampled_from(["at", "result", "answers", "x"]),
                                           st.one_of(STAMPS, TEXT, st.booleans()), max_size=4), max_size=3),
    }).map(lambda table: tomli_w.dumps(table).encode()),
    st.binary(max_size=200),
    st.just(b"[[episodes]]\n" * 3),
)
NUMBERS = st.one_of(st.integers(-5, 10), st.integers(10**5, 10**15), TEXT, st.booleans(), st.floats(allow_nan=False))
CONFIGS = st.one_of(
    st.fixed_dictionaries({}, optional={
        "emergency_number": st.one_of(TEXT, st.integers()),
        "episodes": st.one_of(st.fixed_dictionaries({}, optional={"recurring_count": NUMBERS,
                                                                "recurring_days": NUMBERS}), TEXT),
    }).map(lambda table: tomli_w.dumps(table).encode()),
    st.binary(max_size=100),
)


# content that is not a guide at all: any tables, any bytes (each command says so in lines, exit 2)
BROKEN_CONTENT = st.one_of(
    st.fixed_dictionaries({}, optional={
        "meta": st.dictionaries(st.sampled_from(["title", "source", "version", "x"]), TEXT, max_size=4),
        "topics": st.lists(st.dictionaries(st.sampled_from(["id", "title", "tab", "sections"]),
                                           st.one_of(TEXT, st.lists(st.dictionaries(TEXT, TEXT, max_size=2),
                                                                    max_size=2)), max_size=4), max_size=2),
        "red_flags": st.lists(st.dictionaries(TEXT, TEXT, max_size=3), max_size=2),
    }).map(lambda table: tomli_w.dumps(table).encode()),
    st.binary(max_size=200),
)


def commands(width: int, item: str, text: str, out: str) -> list[list[str]]:
    """Every command, the ones that wrap at ``width``."""
    w = ["--width", str(width)]
    return [
        ["topics"], ["show", *w], ["show", "--", text], ["redflags", *w], ["redflags", "--all", *w],
        ["search", *w, "--", text or "ice"], ["search", "ice", "pain", *w], ["search", "--json", "--", text or "x"],
        ["checklist", *w], ["checklist", "--json"], ["tick", "--", item], ["untick", "--", item],
        ["checklist", "--reset", "--", item], ["episode", *w], ["episode", "list", *w], ["episode", "list", "--json"],
        ["episode", "start", "--severity", "7", "--where", text or "x", "--note", text or "n", *w],
        ["episode", "note", "--severity", "8", *w, "--", text or "hi"], ["episode", "end", *w],
        ["episode", "start", "--at", text or "today"], ["summary"], ["summary", "--format", "html", "-o", out],
        ["summary", "--since", text or "yesterday"], ["timer", *w],
        ["timer", item, "--seconds", "2", "--reps", "2", *w], ["triage", *w], ["triage", "--json"],
        ["triage", "--plain"], ["check"], ["status", *w], ["status", "--short"], ["status", "--json"],
        ["config"], ["config", "--paths"], ["export"], ["export", "-o", out + ".json"],
        ["import", "--dry-run", out + ".json"], ["import", out + ".json"], ["import", out],
        ["completion", "bash"],
    ]


def run(argv: list[str], answers: str, capsys: pytest.CaptureFixture[str]) -> None:
    sys.stdin = io.StringIO(answers)
    try:
        with guard(GUARD):
            try:
                code = main(argv)
            except SystemExit as exited:  # argparse: a usage error (2) or --help (0)
                code = exited.code if isinstance(exited.code, int) else 2
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsys.readouterr()
    assert code in EXITS, (argv, code, err)
    assert "Traceback" not in err, argv
    assert no_escape(out) and no_escape(err), argv


@pytest.fixture
def fake_time(monkeypatch: pytest.MonkeyPatch) -> FakeTime:
    fake = FakeTime()
    monkeypatch.setattr(cli_timer, "time", types.SimpleNamespace(monotonic=fake.monotonic, sleep=fake.sleep))
    return fake


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(width=st.integers(1, 200), shape=st.sampled_from(["real", "hostile", "hostile", "broken"]),
       broken=BROKEN_CONTENT, text=TEXT, state=STATES, config=CONFIGS,
       item=st.one_of(st.sampled_from(REAL_IDS + HOSTILE_IDS), TEXT), answers=st.one_of(
           st.lists(st.sampled_from(["y", "n", "Y", "No", "", "maybe"]), max_size=25).map("\n".join), TEXT))
def test_every_command_ends_at_every_width_over_any_files(
        capsys: pytest.CaptureFixture[str], fake_time: FakeTime, monkeypatch: pytest.MonkeyPatch,
        width: int, shape: str, broken: bytes, text: str, state: bytes, config: bytes, item: str, answers: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        content = os.fspath(CONTENT)
        if shape == "hostile":
            content = write_content(base / "content.toml", text, "T")
        elif shape == "broken":
            (base / "content.toml").write_bytes(broken)
            content = os.fspath(base / "content.toml")
        (base / "state").mkdir()
        (base / "state" / "state.toml").write_bytes(state)
        (base / "config" / "backref").mkdir(parents=True)
        (base / "config" / "backref" / "config.toml").write_bytes(config)
        monkeypatch.setenv("XDG_CONFIG_HOME", os.fspath(base / "config"))
        monkeypatch.setenv("BACKREF_CACHE_DIR", os.fspath(base / "cache"))
        for argv in commands(width, item, text.strip(), os.fspath(base / "out.html")):
            run(["--content", content, "--state", os.fspath(base / "state" / "state.toml"), *argv], answers, capsys)
