"""Every file and folder backref reads or writes, and the environment variables that move them.

Ground floor, standard library only; platformdirs is imported only off Linux, where the
XDG rules below are not the platform's own. Nothing here creates anything.
"""
from __future__ import annotations

import os
import sys

from backref.core.records import Record

APP = "backref"
STATE_FILE = "state.toml"
CONFIG_FILE = "config.toml"
CONTENT_FILE = "content.toml"
PACKS_DIR = "content.d"

# The environment variables that move a location (each also has its --flag where one exists).
STATE_ENV = "BACKREF_STATE"
CONFIG_ENV = "BACKREF_CONFIG"
CONTENT_ENV = "BACKREF_CONTENT"
DATA_ENV = "BACKREF_DATA_DIR"
CACHE_ENV = "BACKREF_CACHE_DIR"


def _chosen(variable: str) -> str | None:
    """$VARIABLE as an absolute path ('~' expanded), or None when it is unset or empty."""
    value = os.environ.get(variable, "")
    return os.path.abspath(os.path.expanduser(value)) if value else None


def _xdg_dir(variable: str, fallback: str, platform_dir: str) -> str:
    """$VARIABLE/backref when it is an absolute path, else ~/fallback/backref (platformdirs' rule)."""
    if sys.platform.startswith("linux"):
        base = os.environ.get(variable, "")
        if not os.path.isabs(base):  # platformdirs ignores an unset, empty or relative value
            base = os.path.expanduser(fallback)
        return os.path.join(base, APP)
    import platformdirs

    return str(getattr(platformdirs, platform_dir)(APP))


def data_dir() -> str:
    """$BACKREF_DATA_DIR, else platformdirs.user_data_dir("backref") (without importing it on Linux)."""
    return _chosen(DATA_ENV) or _xdg_dir("XDG_DATA_HOME", "~/.local/share", "user_data_dir")


def config_dir() -> str:
    """platformdirs.user_config_dir("backref"), without importing platformdirs on Linux."""
    return _xdg_dir("XDG_CONFIG_HOME", "~/.config", "user_config_dir")


def cache_dir() -> str:
    """$BACKREF_CACHE_DIR, else platformdirs.user_cache_dir("backref"): the parse cache and crash logs."""
    return _chosen(CACHE_ENV) or _xdg_dir("XDG_CACHE_HOME", "~/.cache", "user_cache_dir")


def state_path(explicit: str | None = None) -> str:
    """The state file: ``explicit`` (--state), else $BACKREF_STATE, else state.toml in the data dir."""
    if explicit:
        return os.path.abspath(os.path.expanduser(explicit))
    return _chosen(STATE_ENV) or os.path.join(data_dir(), STATE_FILE)


def config_path(explicit: str | None = None) -> str:
    """The settings file: ``explicit`` (--config), else $BACKREF_CONFIG, else config.toml in the config dir."""
    if explicit:
        return os.path.abspath(os.path.expanduser(explicit))
    return _chosen(CONFIG_ENV) or os.path.join(config_dir(), CONFIG_FILE)


def packs_dir() -> str:
    """Where content packs are found: content.d in the data dir."""
    return os.path.join(data_dir(), PACKS_DIR)


def default_content_path() -> str:
    """content.toml inside the installed package, else at the root of a checkout."""
    # os.path rather than importlib.resources: the latter costs ~15 ms of imports
    # on every lookup, and the package is always installed as plain files.
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    shipped = os.path.join(package, CONTENT_FILE)
    if os.path.exists(shipped):
        return shipped
    return os.path.join(os.path.dirname(package), CONTENT_FILE)


def content_path(explicit: str | None = None) -> str:
    """The content file in use: ``explicit`` (--content), then $BACKREF_CONTENT, then the shipped one."""
    return explicit or os.environ.get(CONTENT_ENV) or default_content_path()


def crash_log_pattern() -> str:
    """Where the full-screen view writes the log of a crash of ours."""
    return os.path.join(cache_dir(), "crash-*.log")


def man_page_path() -> str:
    """The manual page shipped inside the package (also installed as share/man/man1/backref.1)."""
    return os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "backref.1")


class Location(Record):
    """One place backref reads or writes, for `backref config --paths`."""

    __slots__ = ("name", "path", "moved_by", "what")
    name: str
    path: str
    moved_by: str  # the flag and environment variables that move it, most specific first
    what: str


def every_location(state: str | None = None, config: str | None = None,
                   content: str | None = None) -> list[Location]:
    """Every file and folder backref reads or writes, with what moves each (flags as given)."""
    linux = sys.platform.startswith("linux")

    def xdg(variable: str) -> str:
        return f", ${variable}" if linux else ""

    rows = [
        ("state", state_path(state), f"--state, ${STATE_ENV}, ${DATA_ENV}{xdg('XDG_DATA_HOME')}",
         "ticks, daily history, episodes, checks, timers (a .lock beside it)"),
        ("config", config_path(config), f"--config, ${CONFIG_ENV}{xdg('XDG_CONFIG_HOME')}", "your settings"),
        ("content", content_path(content), f"--content, ${CONTENT_ENV}", "the guide's text"),
        ("data", data_dir(), f"${DATA_ENV}{xdg('XDG_DATA_HOME')}", "state.toml and content.d"),
        ("packs", packs_dir(), f"${DATA_ENV}{xdg('XDG_DATA_HOME')}", "content packs (*.toml); also --pack FILE"),
        ("cache", cache_dir(), f"${CACHE_ENV}{xdg('XDG_CACHE_HOME')}", "parsed files (always safe to delete)"),
        ("crash logs", crash_log_pattern(), f"${CACHE_ENV}{xdg('XDG_CACHE_HOME')}",
         "written only if the full-screen view crashes"),
    ]
    return [Location(name=n, path=p, moved_by=m, what=w) for n, p, m, w in rows]
