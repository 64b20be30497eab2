"""A query's words as search groups them: each word (or a synonym key's words) and the entries it reaches.

Apart from search.py so that safety.py, which search uses, can speak of groups too.
"""
from __future__ import annotations

from backref.core.words import STOP_WORDS


class WordMatch:
    """The entries a query word (or its synonyms) reaches, with how well: {entry: code}."""

    __slots__ = ("codes", "stems", "phrases")

    def __init__(self) -> None:
        self.codes: dict[int, int] = {}
        self.stems: set[str] = set()  # what to highlight
        self.phrases: list[tuple[str, ...]] = []  # multi-word synonyms, highlighted together

    def add(self, entries: list[int] | set[int], code: int) -> None:
        codes = self.codes
        for e in entries:
            if codes.get(e, 0) < code:
                codes[e] = code


class Group:
    """A query word, or the words of a synonym key, that an entry must match."""

    __slots__ = ("raws", "stems", "targets", "stop", "match")

    def __init__(self, raws: list[str], stems: list[str], targets: tuple[tuple[str, ...], ...]) -> None:
        self.raws, self.stems, self.targets = raws, stems, targets
        self.stop = not targets and all(r in STOP_WORDS for r in raws)
        self.match = WordMatch()
