"""backref status (--short for a prompt) and backref config (--paths): what a person sees, and
the settings file as a hostile world may leave it (a FIFO, /dev/zero, a deep nest, huge numbers)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from backref.cli.main import main
from tests.conftest import ROOT, Clock


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def config(isolated_dirs: Path) -> Path:
    path = isolated_dirs / "config" / "backref" / "config.toml"
    path.parent.mkdir(parents=True)
    return path


# -- status ------------------------------------------------------------------------------------

def test_status_short_is_empty_with_nothing_to_say_and_one_line_after(
        capsys: pytest.CaptureFixture[str], clock: Clock) -> None:
    assert run(capsys, "status", "--short") == (0, "", "")
    assert run(capsys, "status")[1] == ("nothing to report: no ticks today, no streak, no open episode, "
                                        "no timer running\n")
    clock.set("2026-11-19T09:00")
    main(["tick", "stay-hydrated"])
    clock.set("2026-11-20T09:00")
    main(["tick", "stay-hydrated", "regular-core-exercises"])
    capsys.readouterr()
    assert run(capsys, "status", "--short") == (0, "routine 2/21 | streak 2\n", "")
    clock.set("2026-11-20T10:00")
    main(["episode", "start", "--at", "2026-11-19T08:00"])
    main(["tick", "apply-ice-20-min"])
    capsys.readouterr()
    assert run(capsys, "status", "--short")[1] == (
        "routine 2/21 | streak 2 | episode day 2 | apply-ice-20-min due now\n")
    full = run(capsys, "status")[1].splitlines()
    assert full[:3] == ["today's routine: 2/21 ticked", "streak: 2 days", "episode open: day 2 (since 2026-11-19 08:00)"]


def test_status_names_a_running_timer_and_when_ice_is_next_due(
        capsys: pytest.CaptureFixture[str], clock: Clock, isolated_dirs: Path) -> None:
    main(["episode", "start", "--at", "2026-11-20T11:00"])
    state = isolated_dirs / "state" / "state.toml"
    text = state.read_text()
    state.write_text(text + '\n[timers.apply-ice-20-min]\nstatus = "running"\nseconds = 1200\nreps = 1\n'
                     'started = "2026-11-20T11:50:00"\n')
    capsys.readouterr()
    out = run(capsys, "status", "--short")[1]
    assert out == "episode day 1 | apply-ice-20-min due 13:50 | timer apply-ice-20-min 10:00 left\n"


def test_status_short_stays_a_quick_lookup() -> None:
    """No Textual, Rich, tomllib or datetime on a prompt's every redraw (once the cache is warm)."""
    code = ("import sys; from backref.cli.main import main; main(['status', '--short']); "
            "print([m for m in ('textual', 'rich', 'tomllib', 'datetime', 'json') if m in sys.modules], file=sys.stderr)")
    for _warm_then_measure in range(2):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stderr.strip() == "[]"


# -- config ------------------------------------------------------------------------------------

def test_config_names_the_source_of_every_setting(capsys: pytest.CaptureFixture[str], config: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    config.write_text('emergency_number = "000"\npager = "most"\n[episodes]\nrecurring_days = 60\n')
    monkeypatch.setenv("BACKREF_THEME", "nord")
    monkeypatch.setenv("PAGER", "more")  # below the file, as git's core.pager is
    code, out, err = run(capsys, "--no-packs", "config")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"# {config}",
        f'emergency_number         = "000"  (file {config})',
        'theme                    = "nord"  (environment BACKREF_THEME)',
        f'pager                    = "most"  (file {config})',
        "packs                    = false  (flag --no-packs)",
        "episodes.recurring_count = 3  (default)",
        f"episodes.recurring_days  = 60  (file {config})",
    ]
    settings = json.loads(run(capsys, "config", "--json")[1])["settings"]
    assert {s["key"]: s["source"] for s in settings}["packs"] == "default"


def test_config_paths_lists_every_place_and_each_follows_its_variable(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for variable, value in (("BACKREF_STATE", "s/state.toml"), ("BACKREF_CONFIG", "c/settings.toml"),
                            ("BACKREF_DATA_DIR", "d"), ("BACKREF_CACHE_DIR", "k"), ("BACKREF_CONTENT", "x.toml")):
        monkeypatch.setenv(variable, str(tmp_path / value))
    paths = {p["name"]: p["path"] for p in json.loads(run(capsys, "config", "--paths", "--json")[1])}
    assert paths == {
        "state": str(tmp_path / "s/state.toml"), "config": str(tmp_path / "c/settings.toml"),
        "content": str(tmp_path / "x.toml"), "data": str(tmp_path / "d"), "packs": str(tmp_path / "d/content.d"),
        "cache": str(tmp_path / "k"), "crash logs": str(tmp_path / "k/crash-*.log"),
    }
    out = run(capsys, "--state", str(tmp_path / "flag.toml"), "config", "--paths")[1]
    assert out.splitlines()[0].startswith(f"state       {tmp_path / 'flag.toml'}  (")
    monkeypatch.delenv("BACKREF_DATA_DIR")
    monkeypatch.delenv("BACKREF_STATE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    paths = {p["name"]: p["path"] for p in json.loads(run(capsys, "config", "--paths", "--json")[1])}
    assert paths["state"] == str(tmp_path / "xdg/backref/state.toml")
    assert paths["packs"] == str(tmp_path / "xdg/backref/content.d")


def test_the_config_variable_moves_the_settings_file(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mine.toml").write_text('emergency_number = "112"\n')
    monkeypatch.setenv("BACKREF_CONFIG", str(tmp_path / "mine.toml"))
    assert "Call 112" in run(capsys, "redflags")[1]
    (tmp_path / "flag.toml").write_text('emergency_number = "000"\n')
    assert "Call 000" in run(capsys, "--config", str(tmp_path / "flag.toml"), "redflags")[1]


@pytest.mark.parametrize("command", [["redflags"], ["episode"], ["episode", "list"], ["summary"], ["checklist"]])
@pytest.mark.parametrize(("make", "why"), [
    (lambda p: os.mkfifo(p), "not a regular file"),
    (lambda p: p.symlink_to("/dev/zero"), "not a regular file"),
    (lambda p: p.write_text("a = " + "[" * 100000 + "]" * 100000 + "\n"), "arrays or tables nested too deeply to read"),
    (lambda p: p.write_text("a = " + "{b = " * 100000 + "1" + "}" * 100000 + "\n"), "arrays or tables nested too deeply to read"),
])
def test_a_config_that_is_a_fifo_a_device_or_a_deep_nest_is_one_line_and_the_defaults(
        capsys: pytest.CaptureFixture[str], config: Path, command: list[str], make: object, why: str) -> None:
    make(config)  # type: ignore[operator]
    code, out, err = run(capsys, *command)
    assert code == 0 and out
    assert err == f"backref: {config}: not used ({why}); using the defaults\n"


@pytest.mark.parametrize("command", [["episode"], ["episode", "list"], ["summary"]])
@pytest.mark.parametrize("days", [800000, 3661, 0, -5])
def test_a_recurring_threshold_out_of_range_is_named_and_the_default_kept(
        capsys: pytest.CaptureFixture[str], config: Path, clock: Clock, command: list[str], days: int) -> None:
    main(["episode", "start"])
    capsys.readouterr()
    config.write_text(f"[episodes]\nrecurring_days = {days}\nrecurring_count = 99999999999\n")
    code, out, err = run(capsys, *command)
    assert code == 0 and out
    assert err.splitlines() == [
        f"backref: {config}: episodes.recurring_days must be a whole number from 1 to 3660; using 90",
        f"backref: {config}: episodes.recurring_count must be a whole number from 1 to 1000; using 3",
    ]


def test_settings_are_read_once_per_process_not_on_every_tick(capsys: pytest.CaptureFixture[str], config: Path,
                                                              monkeypatch: pytest.MonkeyPatch, clock: Clock) -> None:
    from backref.core import config as settings

    main(["episode", "start"])
    reads: list[str] = []
    real = settings.read_config
    monkeypatch.setattr(settings, "read_config", lambda path: reads.append(path) or real(path))
    assert main(["tick", "apply-ice-20-min", "stay-hydrated"]) == 0
    assert main(["checklist"]) == 0
    assert reads == [str(config), str(config)]  # one read per command run, none per tick or sign
