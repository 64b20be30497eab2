"""Tab labels that show each tab's number key and all fit on one row, however narrow."""
from __future__ import annotations

from textual.content import Content as Styled
from textual.widgets import TabbedContent

from backref.core.printable import one_line

TAB_PADDING = 1  # columns before each label (app.tcss: Tab { padding: 0 0 0 1 })


def fit_labels(names: list[str], active: int, room: int) -> list[tuple[str, str]]:
    """(key, name) for each tab, '0 ' 'Home', '1 ' 'Overview'..., all fitting in ``room``
    columns: the whole names if they fit; then with the key touching its name ('1Overview', as
    htop's keys do); then the other tabs' names cut to the longest common length that fits
    (the active tab keeps its whole name); at worst the keys alone."""
    keys = [str(n) for n in range(len(names))]

    def total(gap: int, cap: int) -> int:
        return sum(TAB_PADDING + len(key) + gap + (len(name) if i == active else min(len(name), cap))
                   for i, (key, name) in enumerate(zip(keys, names)))

    longest = max((len(name) for name in names), default=0)
    if total(1, longest) <= room:
        return [(f"{key} ", name) for key, name in zip(keys, names)]
    cap = longest
    while cap > 0 and total(0, cap) > room:
        cap -= 1
    return [(key, name if i == active else name[:cap]) for i, (key, name) in enumerate(zip(keys, names))]


def relabel(tabbed: TabbedContent, pane_ids: list[str], names: list[str], room: int) -> None:
    """Give every tab its key and as much of its name as fits (only labels that change)."""
    active = pane_ids.index(tabbed.active) if tabbed.active in pane_ids else 0
    for pane, (key, name) in zip(pane_ids, fit_labels([one_line(n) for n in names], active, room)):
        tab = tabbed.get_tab(pane)
        styled = Styled.assemble((key, "bold"), name)
        if tab.label.plain != styled.plain:
            tab.label = styled
