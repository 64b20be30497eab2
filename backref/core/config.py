"""The person's settings: one typed Settings, loaded once per process from config.toml, the
environment and the command line's flags, each value with where it came from.

config.toml is read as state and content are: never waited on (a FIFO), never past a bound (a
link to /dev/zero), and through the parse cache, so a lookup pays for tomllib only after an edit.
Whatever in it cannot be used is one notice and the default is kept; unknown keys are named.
"""
from __future__ import annotations

import os

from backref.core import locations
from backref.core.records import Record

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs start-up time on the lookup path
    from backref.core.signs import Thresholds

# backref's thresholds for "frequent recurring episodes", not the guide's: said so wherever shown
RECURRING_COUNT, RECURRING_DAYS = 3, 90
CONFIG_MAX = 1024 * 1024  # a settings file is a few lines; anything near this is not one
NUMBER_MAX = 20  # longer than any phone number: pasted text, not a number
RECURRING_COUNT_MAX = 1000
RECURRING_DAYS_MAX = 3660  # ten years: a window past it reaches before any log (and past year 1)
THEME_MAX = 40
PAGER_MAX = 1000

DEFAULT, FILE, ENVIRONMENT, FLAG = "default", "file", "environment", "flag"


class Setting(Record):
    """One setting as `backref config` shows it: its key in config.toml, its value, and where
    the value came from ("default", "file", "environment" or "flag") with the name there."""

    __slots__ = ("key", "value", "source", "origin")
    key: str
    value: object
    source: str
    origin: str  # the file's path, the variable's name or the flag; "" for a default


class Settings(Record):
    """Every setting in force; ``notices`` are the lines about what could not be used."""

    __slots__ = ("path", "emergency_number", "recurring_count", "recurring_days", "theme", "pager",
                 "packs", "shown", "notices")
    path: str  # the config file (it may not exist)
    emergency_number: str | None  # the person's own, or None: the content's numbers are named
    recurring_count: int  # "frequent recurring episodes": this many started within
    recurring_days: int  # this many days (backref's threshold, not the guide's)
    theme: str  # the full-screen view's theme ("" for Textual's own default)
    pager: str  # the command `show` pages through ("" for none)
    packs: bool  # whether content packs in content.d are added
    shown: tuple[Setting, ...]
    notices: tuple[str, ...]

    def thresholds(self) -> Thresholds:
        """The see-a-doctor threshold for frequent episodes, as the sign rules take it."""
        from backref.core.signs import Thresholds

        return Thresholds(count=self.recurring_count, days=self.recurring_days, notices=())


# key -> (table in config.toml or "" for top level, default, environment variable that wins over the file)
KNOWN: dict[str, tuple[str, object, str]] = {
    "emergency_number": ("", "", "BACKREF_EMERGENCY_NUMBER"),
    "theme": ("", "", "BACKREF_THEME"),
    "pager": ("", "less -R", "BACKREF_PAGER"),
    "packs": ("", True, "BACKREF_PACKS"),
    "recurring_count": ("episodes", RECURRING_COUNT, ""),
    "recurring_days": ("episodes", RECURRING_DAYS, ""),
}
TABLES = {"episodes"}
TRUE_WORDS, FALSE_WORDS = ("1", "true", "yes", "on"), ("0", "false", "no", "off")

_loaded: Settings | None = None


def current() -> Settings:
    """The settings of this process: loaded on first use (defaults, file, environment)."""
    global _loaded
    if _loaded is None:
        _loaded = load_settings()
    return _loaded


def load(config: str | None = None, *, no_packs: bool = False) -> Settings:
    """Load the settings once for this run, from ``config`` (--config) and the flags given; what
    current() returns from then on."""
    global _loaded
    _loaded = load_settings(config, no_packs=no_packs)
    return _loaded


def read_config(path: str) -> tuple[dict[str, object], list[str]]:
    """(the file's tables as read, notices): {} when there is no file or it cannot be used.
    A FIFO, a device or a file over CONFIG_MAX is refused at once, never waited on."""
    from backref.core import cache
    from backref.core.disk import open_for_reading, read_all

    try:
        fd, st = open_for_reading(path, limit=CONFIG_MAX)
    except (FileNotFoundError, NotADirectoryError):
        return {}, []
    except OSError as exc:
        return {}, [f"{path}: not used ({exc.strerror or exc}); using the defaults"]
    try:
        cached = cache.read("config", path, st)
        if cached is not None:
            return cached, []
        data = read_all(fd, CONFIG_MAX)
    except OSError as exc:
        return {}, [f"{path}: not used ({exc.strerror or exc}); using the defaults"]
    finally:
        os.close(fd)
    import tomllib

    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, [f"{path}: not used ({exc}); using the defaults"]
    except RecursionError:  # tomllib parses nested arrays and inline tables recursively
        return {}, [f"{path}: not used (arrays or tables nested too deeply to read); using the defaults"]
    cache.write("config", path, st, raw)
    return raw, []


def load_settings(config: str | None = None, *, no_packs: bool = False) -> Settings:
    """Each setting from its flag, else its environment variable, else config.toml, else its
    default; a value that cannot be used is one notice and the next source down is used."""
    path = locations.config_path(config)
    raw, notices = read_config(path)
    values: dict[str, Setting] = {key: Setting(key=key, value=default, source=DEFAULT, origin="")
                                  for key, (_table, default, _env) in KNOWN.items()}
    pager_env = os.environ.get("PAGER", "").strip()
    if pager_env:  # the generic $PAGER is below the file, as git's core.pager is
        values["pager"] = Setting(key="pager", value=pager_env, source=ENVIRONMENT, origin="PAGER")
    for key, value in file_values(raw, path, notices).items():
        values[key] = Setting(key=key, value=value, source=FILE, origin=path)
    for key, (_table, default, env) in KNOWN.items():
        text = os.environ.get(env, "").strip() if env else ""
        if text:
            value = env_value(key, text, default, env, notices)
            if value is not None:
                values[key] = Setting(key=key, value=value, source=ENVIRONMENT, origin=env)
    if no_packs:
        values["packs"] = Setting(key="packs", value=False, source=FLAG, origin="--no-packs")
    number = emergency_number(str(values["emergency_number"].value), notices)
    if number is None and values["emergency_number"].value:
        values["emergency_number"] = Setting(key="emergency_number", value="", source=DEFAULT, origin="")
    return Settings(
        path=path, emergency_number=number,
        recurring_count=int(values["recurring_count"].value),  # type: ignore[call-overload]
        recurring_days=int(values["recurring_days"].value),  # type: ignore[call-overload]
        theme=str(values["theme"].value), pager=str(values["pager"].value), packs=bool(values["packs"].value),
        shown=tuple(values.values()), notices=tuple(dict.fromkeys(notices)),
    )


def file_values(raw: dict[str, object], path: str, notices: list[str]) -> dict[str, object]:
    """The known settings config.toml gives that can be used; a notice for each that cannot and
    for each key backref does not know."""
    found: dict[str, object] = {}
    for key, value in raw.items():
        if key in TABLES:
            if not isinstance(value, dict):
                notices.append(f"{path}: {key} must be a table; using "
                               + ", ".join(f"{k} {d}" for k, (t, d, _e) in KNOWN.items() if t == key))
                continue
            for inner, inner_value in value.items():
                known = KNOWN.get(inner)
                if known is None or known[0] != key:
                    notices.append(f"{path}: unknown setting {key}.{inner} (known: {known_names(key)}); not used")
                    continue
                checked = checked_value(inner, inner_value, f"{path}: {key}.{inner}", notices)
                if checked is not None:
                    found[inner] = checked
            continue
        known = KNOWN.get(key)
        if known is None or known[0]:
            notices.append(f"{path}: unknown setting {key} (known: {known_names('')}); not used")
            continue
        checked = checked_value(key, value, f"{path}: {key}", notices)
        if checked is not None:
            found[key] = checked
    return found


def known_names(table: str) -> str:
    names = [key for key, (where, _d, _e) in KNOWN.items() if where == table]
    return ", ".join(names + ([f"[{t}]" for t in sorted(TABLES)] if not table else []))


def checked_value(key: str, value: object, where: str, notices: list[str]) -> object | None:
    """``value`` when it is usable for ``key``, else None with a notice naming ``where``."""
    default = KNOWN[key][1]
    if isinstance(default, bool):
        if type(value) is bool:
            return value
        notices.append(f"{where} must be true or false; not used")
    elif isinstance(default, int):
        top = RECURRING_COUNT_MAX if key == "recurring_count" else RECURRING_DAYS_MAX
        if type(value) is int and 1 <= value <= top:
            return value
        notices.append(f"{where} must be a whole number from 1 to {top}; using {default}")
    elif isinstance(value, str) and key == "emergency_number":
        return value  # emergency_number() says what is wrong with it
    elif isinstance(value, str):
        top = {"pager": PAGER_MAX, "theme": THEME_MAX}.get(key, PAGER_MAX)
        if len(value) <= top and value.isprintable():
            return value.strip()
        notices.append(f"{where} must be printable text of at most {top} characters; not used")
    else:
        notices.append(f"{where} must be a string; not used")
    return None


def env_value(key: str, text: str, default: object, env: str, notices: list[str]) -> object | None:
    """An environment variable's text as ``key``'s value, or None with a notice."""
    if isinstance(default, bool):
        word = text.lower()
        if word in TRUE_WORDS or word in FALSE_WORDS:
            return word in TRUE_WORDS
        notices.append(f"${env} must be one of {', '.join(TRUE_WORDS + FALSE_WORDS)}; not used")
        return None
    return checked_value(key, text, f"${env}", notices)


def emergency_number(value: str, notices: list[str]) -> str | None:
    """The person's own emergency number, or None: printable, short, and with a digit in it."""
    value = value.strip()
    if not value:
        return None
    if len(value) > NUMBER_MAX or not value.isprintable() or not any(c.isdigit() for c in value):
        notices.append("emergency_number must be a short phone number such as 000; not used")
        return None
    if value.replace(" ", "").replace("-", "") == "111":  # NHS 111 typed for 999 would be told "Call 111 now"
        from backref.core.wording import NUMBER_111

        notices.append(NUMBER_111)
    return value
