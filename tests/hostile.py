"""Content files a hostile or unlucky world might hand backref, built for the tests."""
from __future__ import annotations

from pathlib import Path

import tomli_w

# markup Textual and Rich would obey, and escapes a terminal would: OSC 0 (window title),
# OSC 52 (clipboard write), CSI 2J (clear screen), a C1 CSI
HOSTILE = ("[b]x[/b] [/] [link=file:///etc/passwd]x[/link] "
           "\x1b]0;PWNED\x07 \x1b]52;c;SGVsbG8=\x07 \x1b[2J \x9b31m end")


def content_table(text: str, tab: str = "Tab") -> dict[str, object]:
    """A small valid content file with ``text`` in every title, paragraph, item, red flag and note."""
    return {
        "meta": {"title": f"Title {text}", "source": f"Source {text}", "version": "1",
                 "disclaimer": f"Disclaimer {text}"},
        "topics": [
            {"id": "first", "title": f"First {text}", "tab": tab, "paragraphs": [f"Para {text}"],
             "sections": [
                 {"id": "facts", "title": f"Facts {text}", "kind": "list", "paragraphs": [f"Sp {text}"],
                  "items": [{"id": "fact", "text": f"Fact {text}", "detail": f"Detail {text}"}]},
                 {"id": "daily", "title": f"Daily {text}", "kind": "checklist", "daily": True,
                  "items": [{"id": "stretch", "text": f"Stretch {text}"}]},
             ]},
            {"id": "second", "title": f"Second {text}", "tab": "Two",
             "sections": [{"id": "more", "title": f"More {text}", "kind": "checklist",
                           "items": [{"id": "walk", "text": f"Walk {text}"}]}]},
        ],
        "red_flags": [
            {"id": "now", "title": f"Now {text}", "urgency": "emergency", "topic": "first",
             "note": f"Note {text}", "flags": [{"id": "numb", "text": f"Numb {text}"}]},
            {"id": "soon", "title": f"Soon {text}", "urgency": "see-doctor", "topic": "second",
             "flags": [{"id": "fever", "text": f"Fever {text}"}]},
        ],
    }


def write_content(path: Path, text: str = HOSTILE, tab: str = "[/]Tab") -> str:
    """Write the small content file with ``text`` everywhere; its path as a string."""
    path.write_text(tomli_w.dumps(content_table(text, tab)), encoding="utf-8")
    return str(path)
