"""Tab labels that show each tab's number key and all fit on one row, however narrow."""
from __future__ import annotations

from textual.content import Content as Styled
from textual.widgets import TabbedContent

from backref.core.printable import one_line

TAB_PADDING = 1  # columns around each label (app.tcss: Tab { padding: 0 0 0 1 })


def fit_labels(names: list[str], active: int, room: int) -> list[str]:
    """'0 Home', '1 Overview'...: each name after its key. When they do not all fit in
    ``room`` columns, the other tabs' names are cut to the longest common length that fits;
    at worst they show their key alone. The active tab keeps its whole name."""
    keyed = [f"{n} " for n in range(len(names))]

    def total(cap: int) -> int:
        return sum(TAB_PADDING + len(key) + (len(name) if i == active else min(len(name), cap))
                   for i, (key, name) in enumerate(zip(keyed, names)))

    cap = max((len(name) for name in names), default=0)
    while cap > 0 and total(cap) > room:
        cap -= 1
    return [
        f"{key}{name}" if i == active or cap >= len(name) else (f"{key}{name[:cap]}" if cap else key.strip())
        for i, (key, name) in enumerate(zip(keyed, names))
    ]


def relabel(tabbed: TabbedContent, pane_ids: list[str], names: list[str], room: int) -> None:
    """Give every tab its key and as much of its name as fits (only labels that change)."""
    active = pane_ids.index(tabbed.active) if tabbed.active in pane_ids else 0
    for pane, label in zip(pane_ids, fit_labels(names, active, room)):
        tab = tabbed.get_tab(pane)
        key, _, name = label.partition(" ")
        styled = Styled.assemble((key, "bold"), one_line(f" {name}") if name else "")
        if tab.label.plain != styled.plain:
            tab.label = styled
