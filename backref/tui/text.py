"""Text from content, state or input as the widgets take it: never markup, never a control sequence.

Static parses a plain str as markup, and Rich tables parse str cells the same way, so
every such string is handed over as a Content (or Rich Text) object built here.
"""
from __future__ import annotations

from rich.text import Text as RichText
from textual.content import Content

from backref.core.printable import one_line, printable


def plain(text: str) -> Content:
    """``text`` shown as it is: brackets literal, control characters as '?'."""
    return Content(printable(text))


def plain_line(text: str) -> Content:
    """``text`` on one line (a tab label, a title): newlines and tabs shown as '?' too."""
    return Content(one_line(text))


def rich_plain(text: str, style: str = "") -> RichText:
    """``text`` as a Rich Text, for Rich renderables (tables): never parsed as markup."""
    return RichText(printable(text), style=style)
