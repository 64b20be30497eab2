"""The episode commands: `backref episode` (the open one), `episode start|note|end|list`.

A quick lookup: core only, datetime and json imported when a function needs them.
"""
from __future__ import annotations

from backref.cli.output import output_width, print_json, print_lines, print_notices
from backref.cli.store import open_store
from backref.core import episodes as ep
from backref.core import signs as log_signs
from backref.core import wording
from backref.core.errors import UserError
from backref.core.render import fitted, wrap

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs start-up time on the lookup path
    import argparse

    from backref.core.content import Content
    from backref.core.episodes import Episode, Sign
    from backref.core.state import StateStore


def run_episode(args: argparse.Namespace, content: Content) -> int:
    """`backref episode [start|note|end|list]`: with no action, the open episode and the signs."""
    store = open_store(args.state, content)
    action = getattr(args, "action", None) or "show"
    try:
        return int(ACTIONS[action](args, content, store))
    finally:
        print_notices(store.notices)


def show(args: argparse.Namespace, content: Content, store: StateStore) -> int:
    episode = store.open_episode()
    found = current_signs(content, store)
    if args.json:
        now = store.now()
        print_json({"open": ep.episode_json(content, episode, now) if episode else None,
                    "signs": [ep.sign_json(s) for s in found]})
        return 0
    width = output_width(args)
    lines = episode_lines(content, episode, store, width) if episode else wrap(wording.NO_OPEN_EPISODE, width)
    print_lines(lines + signs_block(found, width))
    return 0


def start(args: argparse.Namespace, content: Content, store: StateStore) -> int:
    now = store.now()
    started = ep.parse_when(args.at, now) if args.at else now
    where = [ep.choice_value(content, ep.WHERE_SECTION, w) for w in args.where or ()]
    triggers = [ep.choice_value(content, ep.TRIGGER_SECTION, t) for t in args.trigger or ()]
    store.change_episodes(lambda state: ep.start(state, started, severity=args.severity, where=where,
                                                 triggers=triggers, note=args.note, typed=bool(args.at),
                                                 notices=store.notices))
    return report(args, content, store, "started")


def note(args: argparse.Namespace, content: Content, store: StateStore) -> int:
    text = " ".join(args.text) if args.text else None
    require_open(store)
    now = store.now()
    store.change_episodes(lambda state: ep.add_reading(state, now, args.severity, text, store.notices))
    return report(args, content, store, "noted")


def end(args: argparse.Namespace, content: Content, store: StateStore) -> int:
    now = store.now()
    ended = ep.parse_when(args.at, now, end_of_day=True) if args.at else now
    require_open(store)
    store.change_episodes(lambda state: ep.end(state, ended, typed=bool(args.at), notices=store.notices))
    return report(args, content, store, "ended")


def report(args: argparse.Namespace, content: Content, store: StateStore, verb: str) -> int:
    """After a change: the episode as it now stands, then the signs."""
    episode = store.last_episode()
    assert episode is not None  # a change of episodes leaves one
    found = current_signs(content, store)
    if args.json:
        print_json({verb: ep.episode_json(content, episode, store.now()),
                    "signs": [ep.sign_json(s) for s in found]})
        return 0
    width = output_width(args)
    lines = fitted(f"{verb}: episode {episode.number}", width) + episode_lines(content, episode, store, width)
    print_lines(lines + signs_block(found, width))
    return 0


def list_episodes(args: argparse.Namespace, content: Content, store: StateStore) -> int:
    episodes = store.episodes()
    found = current_signs(content, store)
    now = store.now()
    if args.json:
        print_json({"episodes": ep.episodes_json(content, episodes, now),
                    "signs": [ep.sign_json(s) for s in found]})
        return 0
    if not episodes:
        width = output_width(args)
        print_lines(wrap("no episodes logged yet (start one: backref episode start)", width) + signs_block(found, width))
        return 0
    lines = []
    width = output_width(args)
    for e in episodes:
        until = ep.short_time(e.ended) if e.ended else "open"
        lines += fitted(f"{e.number}  {ep.short_time(e.started)} to {until}  ({ep.duration(e, now)})  "
                      f"peak {ep.severity_words(content, e.peak_severity)}", width, rest="   ")
    print_lines(lines + signs_block(found, width))
    return 0


def require_open(store: StateStore) -> None:
    """Say there is no open episode before taking the lock, so nothing at all is created
    (the locked write checks again)."""
    if store.open_episode() is None:
        raise UserError(wording.NO_OPEN_EPISODE)


ACTIONS = {"show": show, "start": start, "note": note, "end": end, "list": list_episodes}


# -- shared with `checklist` ---------------------------------------------------------

def current_signs(content: Content, store: StateStore) -> list[Sign]:
    """The see-a-doctor signs the log shows now; config problems go to stderr."""
    thresholds = told_thresholds()
    episodes = store.recent_episodes(max(thresholds.days, ep.LONG_EPISODE_DAYS))
    return log_signs.signs(content, episodes, store.now(), thresholds)


def told_thresholds() -> log_signs.Thresholds:
    """The see-a-doctor thresholds (config.toml's, or backref's own; main has said their problems)."""
    from backref.core.config import current

    return current().thresholds()


def signs_block(found: list[Sign], width: int) -> list[str]:
    """A blank line, then each sign wrapped, for the end of a command's output."""
    lines: list[str] = []
    for sign in found:
        lines += [""] + wrap(sign.line, width)
    return lines


def episode_lines(content: Content, episode: Episode, store: StateStore, width: int) -> list[str]:
    """An episode in lines: when, how long, severity now and at its peak, where, triggers,
    readings and the relief ticked in it."""
    now = store.now()
    if episode.ended:
        when = f"{ep.short_time(episode.started)} to {ep.short_time(episode.ended)} ({ep.duration(episode, now)})"
        head = f"Episode {episode.number}: {when}"
    else:
        head = (f"Episode {episode.number}: open since {ep.short_time(episode.started)} "
                f"(day {ep.day_number(episode, now)})")
    lines = fitted(head, width)
    lines += wrap(ep.severity_words(content, episode.latest_severity), width, "  Latest severity: ")
    lines += wrap(ep.severity_words(content, episode.peak_severity), width, "  Peak severity: ")
    if episode.where:
        places = ", ".join(ep.plain(ep.choice_text(content, ep.WHERE_SECTION, w)) for w in episode.where)
        lines += wrap(places, width, "  Where: ")
    if episode.triggers:
        triggers = ", ".join(ep.plain(ep.choice_text(content, ep.TRIGGER_SECTION, t)) for t in episode.triggers)
        lines += wrap(triggers, width, "  Triggers: ")
    for reading in episode.readings:
        parts = [ep.severity_words(content, reading.severity)] if reading.severity is not None else []
        if reading.note:
            parts.append(ep.plain(reading.note))
        lines += wrap(" - ".join(parts), width, f"  {ep.short_time(reading.at)}  ")
    relief = {item.id: item.text for _t, s in content.checklist_sections() for item in s.items}
    for item_id, at in sorted(episode.ticks.items(), key=lambda kv: kv[1]):
        lines += wrap(f"{relief.get(item_id, ep.plain(item_id))} ({ep.short_time(at)})", width, "  [x] ")
    return lines
