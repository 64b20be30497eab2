"""How the full-screen view shows urgency: always the content's own words ([urgency.*] in
content.toml), in styles that stay readable in every theme, in 16 colours and in NO_COLOR.

Emergency words are drawn as a bar: white on deep red (at least 12:1 in true colour, 5.8:1 in
xterm's 16 colours, 14:1 once NO_COLOR greys it), or the same bar reversed where app.tcss says
so. A see-a-doctor label is bold and never outshines it.
"""
from __future__ import annotations

from textual.content import Content as Styled

from backref.core.content import Content
from backref.core.printable import one_line

# The widgets a dialog leaves undimmed and never covers (screens/dialog.py).
KEEP = "keep-in-sight"

def theme_variables() -> dict[str, str]:
    """The bar's colours, the same in every theme (xterm's 16 colours show them as white on
    red): theme variables (App.get_theme_variable_defaults), so app.tcss and styled text below
    name the same two."""
    return {"urgent-background": "#700020", "urgent-foreground": "#FFFFFF"}

BAR = "bold $urgent-foreground on $urgent-background"
STYLES = {"emergency": BAR, "see-doctor": "bold underline"}


def label(content: Content, urgency: str) -> str:
    """The content's word for ``urgency`` ("EMERGENCY", "SEE A DOCTOR")."""
    return one_line(content.urgency_of(urgency).label)


def marker(content: Content, urgency: str, after: str = "") -> Styled:
    """The urgency's label in its style (for a line of text that names it), then ``after``
    (say ":"), as text: never markup."""
    return Styled.styled(f"{label(content, urgency)}{after}", STYLES.get(urgency, "bold"))
