"""Bulleted lines whose wrapped text hangs under its first word, drawn by one widget."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from backref.core.content import Item, RedFlag
from backref.core.printable import printable
from backref.core.wording import gloss_line
from backref.tui.text import rich_plain


def item_prompt(item: Item) -> Text:
    """An item as styled text (never markup): the term emphasised, then its detail."""
    if item.detail:
        return Text.assemble((printable(item.text), "bold"), ": ", printable(item.detail))
    return rich_plain(item.text)


def flag_prompt(flag: RedFlag) -> Text:
    """A red flag as styled text (never markup): the guide's words, its plain gloss on the line under."""
    if flag.gloss:
        return Text.assemble(printable(flag.text), ("\n" + printable(gloss_line(flag.gloss)), "italic"))
    return rich_plain(flag.text)


def bullet_grid(lines: list[Text | str]) -> Table:
    """'- ' in a column of its own, each line's text wrapping beside it (a str is plain text:
    Rich would read it as markup)."""
    grid = Table.grid(padding=0, expand=True)
    grid.add_column(width=2, style="bold")
    grid.add_column(ratio=1)
    for line in lines:
        grid.add_row("-", rich_plain(line) if isinstance(line, str) else line)
    return grid


class Bullet(Static):
    """One bulleted item (its own widget, so search can scroll to and highlight it)."""

    def __init__(self, text: Text | str, *, id: str | None = None, classes: str = "") -> None:
        super().__init__(bullet_grid([text]), id=id, classes=f"bullet {classes}".strip())


class BulletList(Static):
    """Many bulleted lines as one widget, where nothing needs to find a single line."""

    def __init__(self, lines: list[Text | str], *, id: str | None = None, classes: str = "") -> None:
        super().__init__(bullet_grid(lines), id=id, classes=f"bullet-list {classes}".strip())
