"""Safety first: which words bring a red flag before every other hit, and when the red flags'
plain phrasings need indexing. search.py ranks with these; what counts as a red-flag match
changes here.

Only cheap imports: `backref search` runs this on every query.
"""
from __future__ import annotations

from backref.core.words import STOP_WORDS, find_run, words_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from backref.core.content import Content
    from backref.core.entries import Entry
    from backref.core.groups import Group

# Words this share of the guide's lines hold ("back", "pain", "spasm") bring no red flag first.
GENERIC_SHARE = 0.07
PUNCTUATION = str.maketrans({c: " " for c in "'\u2019,.;:!?()/\"-"})


def generic_stems(postings: dict[str, list[int]], lines: int) -> set[str]:
    """The stems at least GENERIC_SHARE of ``lines`` hold."""
    least = GENERIC_SHARE * lines
    return {s for s, found in postings.items() if len(found) >= least}


def is_generic(group: Group, generic: set[str]) -> bool:
    """Whether the group's words (or all its synonyms' words) are ones most lines share."""
    if all(s in generic or r in STOP_WORDS for r, s in zip(group.raws, group.stems)):
        return True
    return bool(group.targets) and all(s in generic for phrase in group.targets for s in phrase)


def weak_stems(content: Content, stem_word: Callable[[str], str]) -> dict[str, set[str]]:
    """A sign -> the stems that alone do not bring it first (content's `not_alone`)."""
    return {flag_id: {stem_word(w) for text in sign.not_alone for w in words_of(text)}
            for flag_id, sign in content.lay.items() if sign.not_alone}


def reaches(group: Group, entry: Entry, weak: set[str]) -> bool:
    """Whether ``group`` meets ``entry`` through a word outside ``weak``."""
    stems = set(entry.stems)
    if any(s in stems and s not in weak for s in group.match.stems):
        return True
    return any(not set(p) <= weak and find_run(entry.stems, p) >= 0 for p in group.match.phrases)


def lay_text(content: Content) -> str:
    """Every plain phrasing, lower case, punctuation as spaces, each word after a space."""
    return " " + " ".join(s for sign in content.lay.values() for s in sign.says).lower().translate(PUNCTUATION)


def may_meet(text: str, groups: list[Group]) -> bool:
    """Whether a query's word, or a synonym of it, starts a word of ``text`` (see lay_text)."""
    for group in groups:
        for word in (*group.raws, *group.stems, *(s for phrase in group.targets for s in phrase)):
            probe = word if len(word) <= 4 else word[:-1]  # "injury" still meets "injuries"
            if " " + probe in text:
                return True
    return False
