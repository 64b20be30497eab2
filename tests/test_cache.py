"""Where the parse cache lives, and that it can be turned off."""
from __future__ import annotations

import marshal
import os
import shutil
import stat
from pathlib import Path

import pytest

from backref import __version__
from backref.core.load import load_content
from backref.core.state import StateStore
from conftest import CONTENT


def test_no_cache_env_writes_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKREF_NO_CACHE", "1")
    load_content(os.fspath(CONTENT))
    assert not (tmp_path / "cache").exists()


def test_the_cache_goes_under_xdg_cache_home_in_a_private_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BACKREF_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", os.fspath(tmp_path / "xdg"))
    first = load_content(os.fspath(CONTENT))
    folder = tmp_path / "xdg" / "backref"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    names = [p.name for p in folder.iterdir()]
    assert len(names) == 1 and names[0].startswith("content-") and names[0].endswith("content.toml.marshal")
    assert "%" in names[0]  # the file's path, folders joined with %
    assert load_content(os.fspath(CONTENT)) == first


def test_without_xdg_the_cache_goes_under_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BACKREF_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", os.fspath(tmp_path / "home"))
    load_content(os.fspath(CONTENT))
    assert list((tmp_path / "home" / ".cache" / "backref").glob("content-*.marshal"))


def test_two_content_files_get_two_cache_entries(tmp_path: Path) -> None:
    other = tmp_path / "other" / "content.toml"
    other.parent.mkdir()
    shutil.copy(CONTENT, other)
    load_content(os.fspath(CONTENT))
    load_content(os.fspath(other))
    assert len(list((tmp_path / "cache").glob("content-*.marshal"))) == 2


# -- what an entry holds, and when it is used ----------------------------------------------------

STATE = 'version = 1\n[ticks]\napply-ice-20-min = "2026-01-01T10:00:00+00:00"\n'
OTHER_TICKS = {"version": 1, "ticks": {"pillows-under-knees": "2026-01-01T10:00:00+00:00"}, "days": {}}


def ticked(path: Path) -> frozenset[str]:
    return StateStore(os.fspath(path), load_content(os.fspath(CONTENT))).ticked()


def state_file(tmp_path: Path) -> Path:
    path = tmp_path / "my:state" / "state.toml"
    path.parent.mkdir()
    path.write_text(STATE)
    return path


def test_an_entry_is_named_for_its_file_and_keyed_by_the_files_version_and_backrefs(tmp_path: Path) -> None:
    path = state_file(tmp_path)
    assert ticked(path) == {"apply-ice-20-min"}
    name = "state-" + os.fspath(path).strip("/").replace("/", "%").replace(":", "%") + ".marshal"
    entry = tmp_path / "cache" / name
    assert [p.name for p in (tmp_path / "cache").glob("state-*")] == [name]
    st = path.stat()
    key, table = marshal.loads(entry.read_bytes())
    assert key == (1, __version__, os.fspath(path), st.st_size, st.st_mtime_ns, st.st_ino)
    assert table == {"version": 1, "ticks": {"apply-ice-20-min": "2026-01-01T10:00:00+00:00"}, "days": {}}
    entry.write_bytes(marshal.dumps((key, OTHER_TICKS)))
    assert ticked(path) == {"pillows-under-knees"}  # an entry with the file's own key is used


def test_a_long_path_keeps_the_end_of_its_name(tmp_path: Path) -> None:
    path = tmp_path.joinpath(*["folder-with-a-long-name"] * 8, "state.toml")
    path.parent.mkdir(parents=True)
    path.write_text(STATE)
    ticked(path)
    (entry,) = (tmp_path / "cache").glob("state-*")
    flat = os.fspath(path).strip("/").replace("/", "%")
    assert len(flat) > 150 and entry.name == f"state-{flat[-150:]}.marshal"


@pytest.mark.parametrize("changed", [0, 1, 2, 3, 4, 5])
def test_an_entry_for_another_version_of_the_file_or_of_backref_is_not_used(tmp_path: Path, changed: int) -> None:
    path = state_file(tmp_path)
    ticked(path)
    (entry,) = (tmp_path / "cache").glob("state-*")
    key, _table = marshal.loads(entry.read_bytes())
    other = list(key)
    other[changed] = "2" if isinstance(key[changed], str) else key[changed] + 1  # type: ignore[operator]
    entry.write_bytes(marshal.dumps((tuple(other), OTHER_TICKS)))
    assert ticked(path) == {"apply-ice-20-min"}


def test_with_the_cache_off_the_file_itself_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = state_file(tmp_path)
    ticked(path)
    (entry,) = (tmp_path / "cache").glob("state-*")
    key, _table = marshal.loads(entry.read_bytes())
    entry.write_bytes(marshal.dumps((key, OTHER_TICKS)))
    monkeypatch.setenv("BACKREF_NO_CACHE", "1")
    assert ticked(path) == {"apply-ice-20-min"}


def test_a_cache_that_cannot_be_written_costs_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "afile").write_text("")
    monkeypatch.setenv("BACKREF_CACHE_DIR", os.fspath(tmp_path / "afile" / "cache"))
    path = state_file(tmp_path)
    store = StateStore(os.fspath(path), load_content(os.fspath(CONTENT)))
    assert store.ticked() == {"apply-ice-20-min"} and store.notices == []
    assert capsys.readouterr() == ("", "")


def test_the_state_cache_folder_is_private(tmp_path: Path) -> None:
    ticked(state_file(tmp_path))
    assert stat.S_IMODE((tmp_path / "cache").stat().st_mode) == 0o700
    (entry,) = (tmp_path / "cache").glob("state-*")
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_a_state_file_with_a_hand_written_date_is_read_and_kept_though_it_cannot_be_cached(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    path.write_text(STATE + "[later]\nsince = 2026-01-01\n")
    assert ticked(path) == {"apply-ice-20-min"}
    assert not list((tmp_path / "cache").glob("state-*"))  # marshal keeps no dates: nothing cached
    assert ticked(path) == {"apply-ice-20-min"}
