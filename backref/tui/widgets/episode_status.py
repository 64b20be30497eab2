"""One line about the open episode, on every screen of the app: its day, its latest severity,
and SEE A DOCTOR when the log shows one of the guide's signs."""
from __future__ import annotations

from textual.content import Content as Text
from textual.widgets import Static

from backref.core import episodes as ep
from backref.core import wording
from backref.core.episodes import Episode, Sign
from backref.tui.urgency import KEEP, marker


class EpisodeStatus(Static):
    """Watches the app's ``episode`` and ``signs``; hidden while no episode is open and no sign applies."""

    DEFAULT_CSS = """
    EpisodeStatus {
        height: 1;
        padding: 0 1;
        background: $boost;
        display: none;
    }
    EpisodeStatus.-shown {
        display: block;
    }
    """

    def __init__(self) -> None:
        super().__init__(id="episode-status", classes=KEEP)

    def on_mount(self) -> None:
        self.watch(self.app, "episode", self.show_episode)
        self.watch(self.app, "signs", self.show_episode)

    def show_episode(self, _value: object = None) -> None:
        episode: Episode | None = getattr(self.app, "episode", None)
        signs: list[Sign] = getattr(self.app, "signs", [])
        text = Text("")
        if any(sign.flag is not None for sign in signs):
            text += marker(self.app.content, "see-doctor") + Text(" (l: why)  ")  # type: ignore[attr-defined]
        if any(sign.flag is None for sign in signs):
            text += Text("Red-flag check advised (l: why)").stylize("bold") + Text("  ")
        if episode is not None:
            now = getattr(self.app, "store").now()
            latest = ep.severity_words(self.app.content, episode.latest_severity).split(" (")[0]  # type: ignore[attr-defined]
            text += Text(wording.episode_status(ep.day_number(episode, now), latest))
        self.set_class(bool(text.plain), "-shown")
        self.update(text)
