"""The person's own settings: config.toml in the user config directory, then the environment.

Cheap to import: tomllib is imported only when the file exists. Unknown keys are kept (a
later backref may know them); a value of the wrong type is left out with a notice.
"""
from __future__ import annotations

import os

from backref.core.disk import user_config_dir

CONFIG_FILE = "config.toml"
# key -> (default, environment variable that wins over the file, or "")
SETTINGS: dict[str, tuple[object, str]] = {
    "emergency_number": ("", "BACKREF_EMERGENCY_NUMBER"),
}
NUMBER_MAX = 20  # longer than any phone number: pasted text, not a number


def config_path() -> str:
    """config.toml in the user config directory."""
    return os.path.join(user_config_dir(), CONFIG_FILE)


def read_config(path: str | None = None) -> tuple[dict[str, object], list[str]]:
    """(the file's tables as read, notices): {} when there is no file or it cannot be read."""
    path = path or config_path()
    if not os.path.exists(path):
        return {}, []
    import tomllib

    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh), []
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, [f"{path}: not used ({exc}); using the defaults"]


def load_settings(path: str | None = None) -> tuple[dict[str, object], list[str]]:
    """(settings, notices): each known key's value from the environment, else the file, else its
    default; notices name what in the file could not be used."""
    path = path or config_path()
    settings: dict[str, object] = {key: default for key, (default, _env) in SETTINGS.items()}
    raw, notices = read_config(path)
    if raw:
        for key, value in raw.items():
            default = SETTINGS[key][0] if key in SETTINGS else None
            if default is not None and type(value) is not type(default):
                notices.append(f"{path}: {key} must be a {type(default).__name__}; not used")
                continue
            settings[key] = value
    for key, (_default, env) in SETTINGS.items():
        if env and os.environ.get(env):
            settings[key] = os.environ[env]
    return settings, notices


def emergency_number(settings: dict[str, object], notices: list[str]) -> str | None:
    """The person's own emergency number, or None: printable, short, and with a digit in it."""
    value = str(settings.get("emergency_number") or "").strip()
    if not value:
        return None
    if len(value) > NUMBER_MAX or not value.isprintable() or not any(c.isdigit() for c in value):
        notices.append("emergency_number must be a short phone number such as 000; not used")
        return None
    if value.replace(" ", "").replace("-", "") == "111":  # NHS 111 typed for 999 would be told "Call 111 now"
        from backref.core.wording import NUMBER_111

        notices.append(NUMBER_111)
    return value


def own_emergency_number() -> tuple[str | None, list[str]]:
    """(the person's emergency number or None, notices about their settings)."""
    settings, notices = load_settings()
    return emergency_number(settings, notices), notices
