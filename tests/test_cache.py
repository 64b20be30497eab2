"""Where the parse cache lives, and that it can be turned off."""
from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from backref.core.load import load_content
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
