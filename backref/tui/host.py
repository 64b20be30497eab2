"""What screens, widgets and the palette may ask of the app, as a type.

They name this rather than BackrefApp, so nothing that app.py imports imports app.py back.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Protocol

if TYPE_CHECKING:
    import datetime

    from textual.binding import BindingType

    from backref.core.content import Content, Section
    from backref.core.episodes import Episode, Sign
    from backref.core.search import Hit, SearchIndex
    from backref.core.state import StateStore
    from backref.core.timers import Countdown


class Host(Protocol):
    """The parts of BackrefApp the rest of the full-screen view uses."""

    BINDINGS: ClassVar[list[BindingType]]
    content: Content
    store: StateStore
    episode: Episode | None
    signs: list[Sign]
    timers: tuple[Countdown, ...]
    emergency_action: str
    emergency_short: str

    @property
    def index(self) -> SearchIndex: ...

    def load_ticks(self) -> None: ...

    def warn(self, message: str, title: str) -> None: ...

    def wall_clock(self) -> datetime.datetime: ...

    async def open_hit(self, hit: Hit | None, waits: int = 20) -> None: ...

    def action_show_tab(self, number: int) -> None: ...

    def reset_section(self, section: Section) -> None: ...

    def call_later(self, callback: Any, *args: Any, **kwargs: Any) -> bool: ...

    async def run_action(self, action: Any, default_namespace: Any = None) -> bool: ...
