"""Checklist state: what the state file holds after ticks, days and streaks, broken files,
unwritable places, and several processes writing at once."""
from __future__ import annotations

import datetime
import multiprocessing
import os
import re
import signal
import stat
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

import platformdirs
import pytest

from backref.core import state
from backref.core.content import Content
from backref.core.load import build_content, load_content
from backref.core.locations import state_path
from backref.core.state import StateStore, StateWriteError, section_progress
from conftest import CONTENT

FORK = multiprocessing.get_context("fork")


def make_content(plain: int = 3, daily: int = 3) -> Content:
    """A content with one plain checklist (p0, p1...), one daily checklist (d0...) and a list."""
    def items(prefix: str, n: int) -> list[dict[str, str]]:
        return [{"id": f"{prefix}{i}", "text": f"Item {prefix}{i}"} for i in range(n)]

    raw = {
        "meta": {"title": "T", "source": "S", "version": "1", "disclaimer": "D"},
        "topics": [{"id": "t", "title": "Topic", "tab": "T", "sections": [
            {"id": "plain", "title": "Plain", "kind": "checklist", "items": items("p", plain)},
            {"id": "daily", "title": "Daily", "kind": "checklist", "daily": True, "items": items("d", daily)},
            {"id": "notes", "title": "Notes", "kind": "list", "items": items("n", 1)},
        ]}],
    }
    return build_content(raw, "memory")


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, day: datetime.date) -> None:
        self.day = day

    def today(self) -> datetime.date:
        return self.day

    def now(self) -> datetime.datetime:
        return datetime.datetime.combine(self.day, datetime.time(9, 30)).astimezone()


def on_disk(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "state" / "state.toml"


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime.date(2025, 3, 10))


@pytest.fixture
def store(path: Path, clock: Clock) -> StateStore:
    return StateStore(os.fspath(path), make_content(), today=clock.today, now=clock.now)


def test_default_path_is_platformdirs_user_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BACKREF_STATE")
    assert state_path() == os.path.join(platformdirs.user_data_dir("backref"), "state.toml")
    monkeypatch.delenv("XDG_DATA_HOME")
    assert state_path() == os.path.join(platformdirs.user_data_dir("backref"), "state.toml")
    monkeypatch.setenv("XDG_DATA_HOME", "relative/dir")
    assert state_path() == os.path.join(platformdirs.user_data_dir("backref"), "state.toml")


def test_flag_wins_over_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKREF_STATE", str(tmp_path / "env.toml"))
    assert state_path() == str(tmp_path / "env.toml")
    assert state_path(str(tmp_path / "flag.toml")) == str(tmp_path / "flag.toml")


def test_a_state_path_with_a_tilde_or_relative_is_made_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    assert state_path("~/ticks.toml") == str(tmp_path / "home" / "ticks.toml")
    assert state_path("mine/ticks.toml") == str(tmp_path / "mine" / "ticks.toml")
    monkeypatch.setenv("BACKREF_STATE", "~/env.toml")
    assert state_path() == str(tmp_path / "home" / "env.toml")


def test_importing_and_reading_nothing_stays_cheap(tmp_path: Path) -> None:
    missing = str(tmp_path / "none.toml")
    code = f"""if True:
        import sys
        before = set(sys.modules)
        from backref.core.locations import state_path
        from backref.core.state import StateStore
        class NoChecklists:  # stands in for Content: the store only asks for checklist_sections()
            def checklist_sections(self): return iter(())
        store = StateStore(state_path({missing!r}), NoChecklists())
        store.ticked(); store.streak(); state_path(None)
        import os; os.environ.pop("BACKREF_STATE", None); state_path(None)  # the XDG folder, on Linux
        print(" ".join(sorted(set(sys.modules) - before)))
    """
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    costly = {"tomllib", "tomli_w", "fcntl", "tempfile", "typing", "platformdirs", "dataclasses",
              "textual", "rich", "datetime"}
    assert costly.isdisjoint(out.split()), out


def test_reading_a_missing_file_is_empty_and_creates_nothing(path: Path, store: StateStore) -> None:
    assert store.ticked() == frozenset()
    assert store.streak() == 0 and store.history() == {}
    assert not path.parent.exists()


def test_tick_writes_private_toml_keyed_by_id_with_a_timestamp(path: Path, store: StateStore, clock: Clock) -> None:
    assert store.tick(["p1", "d0"]) == {"p1", "d0"}
    data = on_disk(path)
    assert data["version"] == 1
    assert list(data["ticks"]) == ["p1"]
    when = datetime.datetime.fromisoformat(data["ticks"]["p1"])
    assert when == clock.now() and when.utcoffset() is not None
    assert list(data["days"]["2025-03-10"]) == ["d0"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert store.changed == {"p1", "d0"}


def test_ticking_again_keeps_the_first_time(path: Path, store: StateStore, clock: Clock) -> None:
    store.tick(["p0"])
    first = on_disk(path)["ticks"]["p0"]
    clock.day += datetime.timedelta(days=1)
    store.tick(["p0"])
    assert on_disk(path)["ticks"]["p0"] == first and store.changed == frozenset()


def test_ticking_what_is_ticked_already_leaves_the_file_alone_and_ticks_the_rest(path: Path, store: StateStore) -> None:
    path.parent.mkdir()
    hand_written = ('# mine\nversion = 1\n[ticks]\np0 = "2025-03-09T08:00:00+00:00"\n'
                    '[days.2025-03-10]\nd0 = "2025-03-10T08:00:00+00:00"\n')
    path.write_text(hand_written)
    store.tick(["p0", "d0"])
    assert path.read_text() == hand_written and store.changed == frozenset()
    assert store.tick(["p0", "p1", "p2"]) == {"p0", "p1", "p2", "d0"} and store.changed == {"p1", "p2"}


def test_ids_must_be_checklist_items(store: StateStore) -> None:
    with pytest.raises(ValueError):
        store.tick(["n0"])
    with pytest.raises(ValueError):
        store.reset_section("notes")


def test_untick_and_reset(path: Path, store: StateStore) -> None:
    store.tick(["p0", "p1", "p2", "d1"])
    assert store.untick(["p1"]) == {"p0", "p2", "d1"}
    assert store.reset_section("plain") == {"d1"}
    assert on_disk(path)["ticks"] == {}
    assert store.reset_section("daily") == frozenset()
    assert "2025-03-10" not in on_disk(path).get("days", {})


def test_daily_ticks_count_today_only_and_earlier_days_stay(path: Path, store: StateStore, clock: Clock) -> None:
    store.tick(["d0", "d1", "p0"])
    clock.day = datetime.date(2025, 3, 11)
    assert store.ticked() == {"p0"}
    store.tick(["d2"])
    assert store.ticked() == {"p0", "d2"}
    assert store.history() == {"2025-03-10": {"d0", "d1"}, "2025-03-11": {"d2"}}
    assert store.reset_section("daily") == {"p0"}
    days = on_disk(path)["days"]
    assert list(days) == ["2025-03-10"] and set(days["2025-03-10"]) == {"d0", "d1"}


def test_streak_counts_days_in_a_row_ending_today_or_yesterday(store: StateStore, clock: Clock) -> None:
    for day in (1, 2, 4, 5, 6):
        clock.day = datetime.date(2025, 3, day)
        store.tick(["d0"])
    assert store.streak() == 3
    clock.day = datetime.date(2025, 3, 7)  # nothing ticked yet today: yesterday's run still counts
    assert store.streak() == 3
    clock.day = datetime.date(2025, 3, 8)
    assert store.streak() == 0
    store.tick(["p0"])  # a plain tick is no daily tick
    assert store.streak() == 0


def test_an_empty_day_in_a_hand_written_file_is_no_day_of_the_streak(path: Path, store: StateStore) -> None:
    path.parent.mkdir()
    path.write_text('version = 1\n[days."2025-03-08"]\nd0 = "2025-03-08T09:00:00+00:00"\n'
                    '[days."2025-03-09"]\n[days."2025-03-10"]\nd1 = "2025-03-10T09:00:00+00:00"\n')
    assert store.history() == {"2025-03-08": {"d0"}, "2025-03-10": {"d1"}}
    assert store.streak() == 1


def test_a_deleted_state_file_leaves_no_ticks_behind(path: Path, store: StateStore) -> None:
    store.tick(["p0", "d0"])
    path.unlink()  # "deleting it starts afresh", while the store is open
    assert store.ticked() == frozenset() and store.streak() == 0 and store.notices == []


def test_only_an_episode_not_yet_ended_is_the_open_one(store: StateStore, clock: Clock) -> None:
    from backref.core import episodes

    assert store.open_episode() is None
    store.change_episodes(lambda s: episodes.start(s, clock.now() - datetime.timedelta(hours=2)))
    started = store.open_episode()
    assert started is not None and started.started == "2025-03-10T07:30:00" + started.started[19:]
    store.change_episodes(lambda s: episodes.end(s, clock.now()))
    assert store.open_episode() is None and len(store.episodes()) == 1


def test_ids_and_keys_this_version_does_not_know_are_kept(path: Path, store: StateStore) -> None:
    path.parent.mkdir()
    path.write_text('version = 1\nnote = "mine"\n[ticks]\ngone-item = "2024-01-01T10:00:00+01:00"\n'
                    '[days."2024-01-01"]\ngone-daily = 2024-01-01T10:00:00+01:00\n[extra]\nx = 1\n')
    store.tick(["p0"])
    data = on_disk(path)
    assert data["note"] == "mine" and data["extra"] == {"x": 1}
    assert set(data["ticks"]) == {"gone-item", "p0"}
    assert data["days"]["2024-01-01"] == {"gone-daily": "2024-01-01T10:00:00+01:00"}


def test_the_file_is_written_version_first_and_days_oldest_first_without_empty_ones(
        path: Path, store: StateStore) -> None:
    path.parent.mkdir()
    path.write_text('note = "mine"\nversion = 1\nepisodes = []\n[ticks]\n[days."2025-03-10"]\n'
                    'd0 = "2025-03-10T09:00:00+00:00"\n[days."2025-03-01"]\n[days."2025-03-08"]\n'
                    'd1 = "2025-03-08T09:00:00+00:00"\n[extra]\nx = 1\n')
    store.tick(["p0"])
    assert path.read_text() == (
        'version = 1\nnote = "mine"\n\n[extra]\nx = 1\n\n'
        f'[ticks]\np0 = "{store.now_stamp()}"\n\n'
        '[days.2025-03-08]\nd1 = "2025-03-08T09:00:00+00:00"\n\n'
        '[days.2025-03-10]\nd0 = "2025-03-10T09:00:00+00:00"\n')


def test_a_broken_file_behind_a_symlink_is_set_aside_beside_its_target(tmp_path: Path, clock: Clock) -> None:
    target = tmp_path / "real" / "state.toml"
    target.parent.mkdir()
    target.write_text("version = 1\nticks = 3\n")  # backref's own, broken: a foreign file is left alone
    link = tmp_path / "state.toml"
    link.symlink_to(target)
    store = StateStore(os.fspath(link), make_content(), today=clock.today, now=clock.now)
    assert store.ticked() == frozenset()
    (kept,) = target.parent.glob("state.toml.corrupt-*")
    assert kept.read_text() == "version = 1\nticks = 3\n" and link.is_symlink() and not target.exists()
    store.tick(["p0"])
    assert link.is_symlink() and list(on_disk(target)["ticks"]) == ["p0"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "cache") == ["real", "state.toml"]
    lock = target.parent / "state.toml.lock"
    assert stat.S_IMODE(lock.stat().st_mode) == 0o600


def test_a_change_made_by_another_process_is_seen(path: Path, store: StateStore, clock: Clock) -> None:
    other = StateStore(os.fspath(path), make_content(), today=clock.today, now=clock.now)
    store.tick(["p0"])
    assert other.ticked() == {"p0"}
    other.tick(["p1"])
    assert store.ticked() == {"p0", "p1"}
    assert store.untick(["p0"]) == {"p1"}  # merged with the latest file, not with what it last read


@pytest.mark.parametrize("junk", [
    b"\x00garbage", b"version = 1\n[ticks]\np0 = ", b"\xff\xfe", b"ticks = 3\n", b"version = 'one'\n",
    b"[days.tuesday]\np0 = '2025-03-10T09:30:00'\n", b"[ticks]\np0 = 1\n", b"version = true\n",
])
def test_a_broken_file_is_set_aside_and_told_once(path: Path, store: StateStore, junk: bytes) -> None:
    path.parent.mkdir()
    path.write_bytes(junk)
    assert store.ticked() == frozenset()
    assert len(store.notices) == 1 and "\n" not in store.notices[0]
    kept = [p for p in path.parent.iterdir() if p.name.startswith("state.toml.corrupt-")]
    assert len(kept) == 1 and kept[0].read_bytes() == junk
    assert str(kept[0]) in store.notices[0]
    assert not path.exists()
    store.ticked()
    assert len(store.notices) == 1
    store.tick(["p2"])
    assert on_disk(path)["ticks"].keys() == {"p2"}


def test_a_broken_file_found_while_saving_is_set_aside(path: Path, store: StateStore) -> None:
    store.tick(["p0"])
    path.write_bytes(b"\x00")
    store.tick(["p1"])
    assert on_disk(path)["ticks"].keys() == {"p1"}
    assert len(store.notices) == 1
    assert len(list(path.parent.glob("state.toml.corrupt-*"))) == 1


def test_a_newer_file_is_read_but_never_overwritten(path: Path, store: StateStore) -> None:
    path.parent.mkdir()
    path.write_text('version = 2\n[ticks]\np0 = "2025-03-10T09:30:00+00:00"\n')
    assert store.ticked() == {"p0"}
    assert store.write_problem() == f"cannot save ticks to {path}: it was written by a newer backref (state version 2)"
    with pytest.raises(StateWriteError) as caught:
        store.tick(["p1"])
    assert str(caught.value) == f"cannot save ticks to {path}: it was written by a newer backref (state version 2)"
    assert on_disk(path)["version"] == 2


def test_a_path_under_a_regular_file_reads_empty_and_refuses_to_save(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("")
    path = tmp_path / "afile" / "state.toml"
    store = StateStore(os.fspath(path), make_content())
    assert store.ticked() == frozenset() and store.notices == []
    assert store.write_problem() == f"cannot save ticks to {path}: {tmp_path / 'afile'} is not a directory"
    with pytest.raises(StateWriteError) as caught:
        store.tick(["p0"])
    message = str(caught.value)
    assert str(path) in message and "Not a directory" in message and "\n" not in message


def test_section_progress(store: StateStore) -> None:
    section = make_content().topics[0].sections[0]
    assert section_progress(section, store.tick(["p0", "p2", "d0"])) == (2, 3)


def tick_one_at_a_time(path: str, ids: list[str], start: Any) -> None:
    store = StateStore(path, make_content(plain=200))
    start.wait()
    for item_id in ids:
        store.tick([item_id])


def test_two_processes_ticking_at_once_lose_nothing(path: Path) -> None:
    ids = [f"p{i}" for i in range(200)]
    start = FORK.Event()
    workers = [FORK.Process(target=tick_one_at_a_time, args=(os.fspath(path), part, start))
               for part in (ids[:100], ids[100:])]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    assert set(on_disk(path)["ticks"]) == set(ids)


# Each step of a save at which a writer may be killed: its temporary file half written, whole,
# before and after its fsync, before and after the rename, after the folder's fsync.
SAVE_STEPS = ["write-half", "write-done", "before-fsync", "after-fsync", "before-rename", "after-rename",
              "after-folder-sync"]


class DyingFile:
    """The temporary file of a save, whose writer is killed half-way through or right after writing."""

    def __init__(self, real: Any, step: str) -> None:
        self.real, self.step = real, step

    def write(self, data: bytes) -> int:
        if self.step == "write-half":
            self.real.write(data[: len(data) // 2])
            self.real.flush()
            die()
        written = int(self.real.write(data))
        if self.step == "write-done":
            self.real.flush()
            die()
        return written

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def __enter__(self) -> DyingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()


def die() -> None:
    """What SIGKILL does: the process ends here, with no cleanup of any kind."""
    os.kill(os.getpid(), signal.SIGKILL)


def save_killed_at(path: str, step: str) -> None:
    """In a child process: tick p1 over a file holding p0, killed at ``step`` of the save."""
    from backref.core import disk

    os.environ["BACKREF_NO_CACHE"] = "1"  # the cache's own writes are not the save under test
    store = StateStore(path, make_content())
    real_fdopen, real_fsync, real_replace = os.fdopen, os.fsync, os.replace
    syncs = [0]

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        return DyingFile(real_fdopen(fd, *args, **kwargs), step)

    def fsync(fd: int) -> None:
        syncs[0] += 1
        if step == "before-fsync" and syncs[0] == 1:
            die()
        real_fsync(fd)
        if (step, syncs[0]) in (("after-fsync", 1), ("after-folder-sync", 2)):
            die()

    def replace(src: str, dst: str) -> None:
        if step == "before-rename":
            die()
        real_replace(src, dst)
        if step == "after-rename":
            die()

    disk.os.fdopen, disk.os.fsync, disk.os.replace = fdopen, fsync, replace  # type: ignore[assignment]
    store.tick(["p1"])
    os._exit(3)  # not killed: the step was never reached


@pytest.mark.parametrize("step", SAVE_STEPS)
def test_a_writer_killed_at_each_step_of_a_save_leaves_the_old_or_the_new_state(path: Path, step: str) -> None:
    StateStore(os.fspath(path), make_content()).tick(["p0"])
    before = path.read_bytes()
    writer = FORK.Process(target=save_killed_at, args=(os.fspath(path), step))
    writer.start()
    writer.join(60)
    assert writer.exitcode == -signal.SIGKILL
    saved = list(on_disk(path)["ticks"])  # parses: never a half-written file
    renamed = step in ("after-rename", "after-folder-sync")
    assert saved == (["p0", "p1"] if renamed else ["p0"])
    if not renamed:
        assert path.read_bytes() == before
    leftovers = [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) == (0 if renamed else 1)
    store = StateStore(os.fspath(path), make_content())  # the lock died with the writer
    assert store.tick(["p2"]) >= {"p0", "p2"}
    assert not [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]  # the next save tidies up


def test_a_hand_edit_of_the_state_file_is_seen_past_the_cache(tmp_path: Path) -> None:
    path = tmp_path / "cached.toml"
    path.write_text('version = 1\n[ticks]\napply-ice-20-min = "2026-01-01T10:00:00+00:00"\n')
    content = load_content(str(CONTENT))
    assert StateStore(str(path), content).ticked() == {"apply-ice-20-min"}
    assert any((tmp_path / "cache").glob("state-*"))  # the next read comes from the cache
    assert StateStore(str(path), content).ticked() == {"apply-ice-20-min"}
    path.write_text('version = 1\n[ticks]\npillows-under-knees = "2026-01-01T10:00:00+00:00"\n')
    assert StateStore(str(path), content).ticked() == {"pillows-under-knees"}


# -- what a broken file is said to be, and where it is kept ------------------------------------

GOOD_EPISODE = '[[episodes]]\nstarted = "2025-03-01T07:00:00+00:00"\n'
READING = '[[episodes.readings]]\nat = "2025-03-01T07:00:00+00:00"\n'


@pytest.mark.parametrize(("text", "reason"), [
    (b"\xff\xfe", "not UTF-8 text"),
    ("version = 1\n[ticks]\np0 = ", "not TOML: Invalid value (at end of document)"),
    ("a = " + "[" * 5000 + "]" * 5000 + "\n", "arrays or tables nested too deeply to read"),
    ("version = 'one'\n", "version is 'one', not a whole number from 1"),
    ("version = 0\n", "version is 0, not a whole number from 1"),
    ("ticks = 3\n", "[ticks] is not a table"),
    ("[ticks]\np0 = 1\n", "[ticks] p0 is 1, not a timestamp"),
    ("days = 3\n", "[days] is not a table"),
    ("[days.tuesday]\np0 = '2025-03-10T09:30:00'\n", "[days] key 'tuesday' is not a date YYYY-MM-DD"),
    ("[days.2025-3-10]\np0 = '2025-03-10T09:30:00'\n", "[days] key '2025-3-10' is not a date YYYY-MM-DD"),
    ("[days.2025-03-10]\np0 = 1\n", "[days.2025-03-10] p0 is 1, not a timestamp"),
    ("[days]\n2025-03-10 = 1\n", "[days.2025-03-10] is not a table"),
    ("episodes = 3\n", "episodes is not an array of tables"),
    ('[[episodes]]\nended = "2025-03-01T07:00:00+00:00"\n', "[[episodes]] 1 is not a table with 'started'"),
    ("episodes = [1]\n", "[[episodes]] 1 is not a table with 'started'"),
    (GOOD_EPISODE + 'ended = "2025-03-02T07:00:00+00:00"\n[[episodes]]\nstarted = 5\n',
     "[[episodes]] 2 started is 5, not a date-time from 1900 to 9000"),
    (GOOD_EPISODE + "ended = 5\n", "[[episodes]] 1 ended is 5, not a date-time from 1900 to 9000"),
    (GOOD_EPISODE + "where = [1]\n", "[[episodes]] 1 where is not an array of strings"),
    (GOOD_EPISODE + "triggers = ['lifting', 2]\n", "[[episodes]] 1 triggers is not an array of strings"),
    (GOOD_EPISODE + "readings = 5\n", "[[episodes]] 1 readings is not an array of tables with 'at'"),
    (GOOD_EPISODE + "[[episodes.readings]]\nseverity = 3\n",
     "[[episodes]] 1 readings is not an array of tables with 'at'"),
    (GOOD_EPISODE + "[[episodes.readings]]\nat = 5\n", "[[episodes]] 1 reading is 5, not a date-time from 1900 to 9000"),
    (GOOD_EPISODE + READING + "severity = 11\n",
     "[[episodes]] 1 reading at 2025-03-01T07:00:00+00:00: severity must be 0-10, note text"),
    (GOOD_EPISODE + READING + "severity = -1\n",
     "[[episodes]] 1 reading at 2025-03-01T07:00:00+00:00: severity must be 0-10, note text"),
    (GOOD_EPISODE + READING + "note = 5\n",
     "[[episodes]] 1 reading at 2025-03-01T07:00:00+00:00: severity must be 0-10, note text"),
    (GOOD_EPISODE + "[episodes.ticks]\np0 = 5\n", "[[episodes]] 1 ticks p0 is 5, not a timestamp"),
    ("timers = 3\n", "[timers] is not a table of tables"),
    ("[timers]\np0 = 3\n", "[timers] is not a table of tables"),
    ("checks = 5\n", "[[checks]] is not an array of tables"),
    ("checks = [5]\n", "[[checks]] is not an array of tables"),
])
def test_a_broken_file_is_said_to_be_broken_in_what_way(path: Path, store: StateStore, text: str | bytes,
                                                        reason: str) -> None:
    path.parent.mkdir()
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    assert store.ticked() == frozenset()
    (kept,) = path.parent.glob("state.toml.corrupt-*")
    assert re.fullmatch(r"state\.toml\.corrupt-\d{8}T\d{6}", kept.name)
    assert store.notices == [f"{path} was unreadable ({reason}); kept it as {kept} and started afresh"]


def test_broken_files_set_aside_in_the_same_second_are_numbered(
        path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    real = time.strftime
    monkeypatch.setattr(time, "strftime", lambda fmt, *when: "20250310T093000" if fmt == "%Y%m%dT%H%M%S"
                        else real(fmt, *when))
    path.parent.mkdir()
    notices = []
    for n in range(3):
        path.write_text(f"ticks = {n}\n")
        store = StateStore(os.fspath(path), make_content(), today=clock.today, now=clock.now)
        assert store.ticked() == frozenset()
        notices += store.notices
    kept = [f"{path}.corrupt-20250310T093000", f"{path}.corrupt-20250310T093000-1",
            f"{path}.corrupt-20250310T093000-2"]
    assert notices == [f"{path} was unreadable ([ticks] is not a table); kept it as {name} and started afresh"
                       for name in kept]
    assert [Path(name).read_text() for name in kept] == ["ticks = 0\n", "ticks = 1\n", "ticks = 2\n"]


def test_a_broken_file_that_cannot_be_moved_aside_is_said_so(path: Path, store: StateStore) -> None:
    path.parent.mkdir()
    path.write_text("ticks = 3\n")
    (path.parent / "state.toml.lock").mkdir()  # no lock can be taken: the file stays where it is
    assert store.ticked() == frozenset()
    assert store.notices == [f"{path} is unreadable ([ticks] is not a table) and cannot be moved aside "
                             "(Is a directory); showing no ticks"]
    assert path.read_text() == "ticks = 3\n"


def test_a_state_path_that_cannot_even_be_looked_at_is_said_so(path: Path, store: StateStore) -> None:
    path.parent.mkdir()
    path.symlink_to(path.name)  # a link to itself: no file can be behind it
    assert store.ticked() == frozenset() and store.ticked() == frozenset()
    assert store.notices == [f"cannot read {path}: Too many levels of symbolic links; showing no ticks"]


def test_an_unreadable_state_is_told_once_however_often_it_is_read(path: Path, store: StateStore) -> None:
    path.mkdir(parents=True)
    assert store.ticked() == frozenset() and store.streak() == 0 and store.ticked() == frozenset()
    assert store.notices == [f"cannot read {path}: is a directory; showing no ticks"]


def test_a_hand_written_file_with_episodes_timers_and_checks_is_kept_as_text(path: Path, store: StateStore) -> None:
    path.parent.mkdir()
    path.write_text(
        "version = 1\n[ticks]\np0 = 2025-03-09T08:00:00+00:00\n"
        "[timers.p1]\nstatus = \"done\"\nstarted = 2025-03-09T08:00:00+00:00\n"
        "[[checks]]\nat = 2025-03-09T08:05:00+00:00\nanswer = \"no\"\n"
        "[[episodes]]\nstarted = 2025-03-01T07:00:00+00:00\nended = 2025-03-02T07:00:00+00:00\n"
        "where = [\"lower back\"]\ntriggers = [\"lifting\"]\n"
        "[episodes.ticks]\np2 = 2025-03-01T08:00:00+00:00\n"
        "[[episodes.readings]]\nat = 2025-03-01T07:00:00+00:00\nseverity = 10\nnote = \"worst\"\n"
        "[[episodes.readings]]\nat = 2025-03-01T09:00:00+00:00\n"
        "[[episodes]]\nstarted = 2025-03-05T07:00:00+00:00\nended = 2025-03-05T09:00:00+00:00\n"
    )
    assert [(e.started, e.ended) for e in store.episodes()] == [
        ("2025-03-01T07:00:00+00:00", "2025-03-02T07:00:00+00:00"),
        ("2025-03-05T07:00:00+00:00", "2025-03-05T09:00:00+00:00")]
    store.tick(["p1"])
    assert on_disk(path) == {
        "version": 1,
        "timers": {"p1": {"status": "done", "started": "2025-03-09T08:00:00+00:00"}},
        "checks": [{"at": "2025-03-09T08:05:00+00:00", "answer": "no"}],
        "ticks": {"p0": "2025-03-09T08:00:00+00:00", "p1": store.now_stamp()},
        "days": {},
        "episodes": [
            {"started": "2025-03-01T07:00:00+00:00", "ended": "2025-03-02T07:00:00+00:00",
             "where": ["lower back"], "triggers": ["lifting"],
             "ticks": {"p2": "2025-03-01T08:00:00+00:00"},
             "readings": [{"at": "2025-03-01T07:00:00+00:00", "severity": 10, "note": "worst"},
                          {"at": "2025-03-01T09:00:00+00:00"}]},
            {"started": "2025-03-05T07:00:00+00:00", "ended": "2025-03-05T09:00:00+00:00", "readings": []},
        ],
    }


# -- whether a change can be saved, asked before any is made -----------------------------------

def test_a_new_state_folder_can_be_saved_to(path: Path, store: StateStore) -> None:
    assert store.write_problem() is None
    assert not path.parent.exists()
    store.tick(["p0"])
    assert store.write_problem() is None


def test_a_folder_that_is_not_writable_is_named(path: Path, store: StateStore, monkeypatch: pytest.MonkeyPatch) -> None:
    path.parent.mkdir()
    path.parent.chmod(0o500)
    if os.geteuid() == 0:  # root may write anywhere: answer as the folder's mode says to anyone else
        def access(name: str, mode: int) -> bool:
            bits = os.stat(name).st_mode
            return not (mode & os.W_OK and not bits & 0o200 or mode & os.X_OK and not bits & 0o100)

        monkeypatch.setattr(os, "access", access)
    assert store.write_problem() == f"cannot save ticks to {path}: {path.parent} is not writable"
    path.parent.chmod(0o700)


# -- another process changing the file between a look and a read ---------------------------------

def test_a_file_removed_between_the_look_and_the_read_shows_no_ticks(
        path: Path, store: StateStore, monkeypatch: pytest.MonkeyPatch) -> None:
    store.tick(["p0"])
    real = state.read_state

    def removed_first(name: str) -> dict[str, Any]:
        path.unlink()
        return real(name)

    other = StateStore(os.fspath(path), make_content())
    monkeypatch.setattr(state, "read_state", removed_first)
    assert other.ticked() == frozenset() and other.notices == []


@pytest.mark.parametrize("meanwhile", ["replaced", "removed"])
def test_a_broken_file_another_process_replaces_before_the_lock_is_not_set_aside(
        path: Path, store: StateStore, monkeypatch: pytest.MonkeyPatch, meanwhile: str) -> None:
    path.parent.mkdir()
    path.write_text("ticks = 3\n")
    real = state.read_state
    reads = []

    def then_changed(name: str) -> dict[str, Any]:
        reads.append(name)
        try:
            return real(name)
        finally:
            if len(reads) == 1:  # the first read, without the lock: then another process saves
                if meanwhile == "replaced":
                    path.write_text('version = 1\n[ticks]\np1 = "2025-03-10T09:30:00+00:00"\n')
                else:
                    path.unlink()

    monkeypatch.setattr(state, "read_state", then_changed)
    assert store.ticked() == ({"p1"} if meanwhile == "replaced" else frozenset())
    assert store.notices == [] and len(reads) == 2
    assert not list(path.parent.glob("state.toml.corrupt-*"))


def test_ctrl_c_while_another_backref_holds_the_lock_is_an_interrupt_and_leaks_nothing(
        path: Path, store: StateStore) -> None:
    import fcntl

    path.parent.mkdir()
    open_files = len(os.listdir("/proc/self/fd"))
    holder = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(holder, fcntl.LOCK_EX)  # another backref, in the middle of a save

    def ctrl_c(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    before = signal.signal(signal.SIGALRM, ctrl_c)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.1)  # pressed while this one waits for the lock
        with pytest.raises(KeyboardInterrupt):
            store.tick(["p0"])
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)
        os.close(holder)
    assert len(os.listdir("/proc/self/fd")) == open_files  # the lock file it opened is closed again
    assert not path.exists()


# -- ten years of use: what the next command reuses -------------------------------------------

def test_after_each_write_the_cache_holds_what_the_file_parses_to_and_pieces_match_a_fresh_format(
        tmp_path: Path) -> None:
    from backref.core import cache, episodes
    from backref.core.state_file import ordered, parse_state, state_text

    path = tmp_path / "state.toml"
    store = StateStore(os.fspath(path), load_content(str(CONTENT)))
    moments = iter(datetime.datetime(2026, 11, 1, 8, 0, tzinfo=datetime.timezone.utc) + datetime.timedelta(hours=h)
                   for h in range(1000))
    store._now = lambda: next(moments)  # type: ignore[method-assign]
    changes = [
        lambda: store.tick(["proper-warm-up", "supportive-chair"]),
        lambda: store.change_episodes(lambda s: episodes.start(s, store.now(), severity=7, note="stairs \x1b[2J")),
        lambda: store.tick(["apply-ice-20-min"]),
        lambda: store.change_episodes(lambda s: episodes.add_reading(s, store.now(), 5, "x" * 300)),
        lambda: store.record_check({"at": store.now_stamp(), "result": "none", "answers": {"q": False}}),
        lambda: store.record_timer("apply-ice-20-min", {"status": "done", "seconds": 1200}),
        lambda: store.change_episodes(lambda s: episodes.end(s, store.now())),
        lambda: store.untick(["supportive-chair"]),
        lambda: store.change_episodes(lambda s: episodes.start(s, store.now())),
    ]
    for change in changes:
        change()
        data = path.read_bytes()
        parsed = parse_state(data)
        assert cache.read("state", os.fspath(path), path.stat()) == parsed
        assert state_text(ordered(parsed), {})[0] == data.decode()  # reused pieces read as a fresh format
    assert len(parsed["episodes"]) == 2 and len(parsed["checks"]) == 1


def test_a_state_with_one_element_of_each_shape_reads_back_as_it_was_written() -> None:
    import tomli_w

    from backref.core.state_file import ordered, parse_state, state_text

    state = {"version": 1, "mine": {"x": [1, 2]}, "ticks": {"a": "2026-11-20T10:00:00+00:00"},
             "days": {"2026-11-20": {"b": "2026-11-20T10:00:00+00:00"}},
             "checks": [{"at": "2026-11-20T10:00:00+00:00", "answers": {"q": True}}],
             "episodes": [{"started": "2026-11-20T10:00:00+00:00", "readings": []}]}  # one short enough for a line
    text, pieces = state_text(ordered(state), {})
    assert parse_state(text.encode()) == parse_state(tomli_w.dumps(ordered(state)).encode())
    assert "[[episodes]]" in text and len(pieces) == 3


def test_a_cache_of_pieces_that_holds_something_else_is_formatted_afresh(path: Path) -> None:
    from backref.core import cache

    store = StateStore(os.fspath(path), make_content())
    store.tick(["p0", "d0"])
    pieces = cache.read("pieces", os.fspath(path), path.stat())
    assert pieces
    cache.write("pieces", os.fspath(path), path.stat(), {digest: 5 for digest in pieces})
    store.tick(["p1"])
    assert set(on_disk(path)["ticks"]) == {"p0", "p1"} and list(on_disk(path)["days"].values())[0].keys() == {"d0"}
