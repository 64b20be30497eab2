"""Search over the content: ranked hits for every title, item, sentence and red flag.

Only cheap imports, because `backref search` builds the index on every run. Words are folded (case, accents and punctuation
dropped) and lightly stemmed; an inverted index maps each stem to the entries that
hold it, and a sorted vocabulary answers prefixes with bisect.
"""
from __future__ import annotations

from backref.core.entries import Entry, content_entries, lay_entries
from backref.core.groups import Group, WordMatch
from backref.core.records import Record
from backref.core.safety import generic_stems, is_generic, lay_text, may_meet, reaches, weak_stems
from backref.core.words import (
    STOP_WORDS,
    edit_limit,
    find_run,
    match_skipping,
    stem,
    with_prefix,
    within_edits,
    word_spans,
    words_of,
)

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs start-up time on the lookup path
    from backref.core.content import Content

MAX_WORDS = 32  # longer queries are pasted text, not questions: the rest is ignored

# How well one word matched, as one int so the best alternative is max(): quality * 2, plus 1
# when the word itself matched rather than a synonym of it.
EXACT, PREFIX, FUZZY = 3, 2, 1
TIER = 1000.0  # score = tier * TIER + within_tier(); tiers: 3 phrase, 2 all words, 1 typos
PARTIAL = 900.0  # entries matching only some words score below every tier
FIRST = 4 * TIER  # red flags a query's words reach come before every tier
URGENCY_LIFT = {"emergency": 2 * TIER}  # within_tier() and the 300 of a flag's own words stay under it


class Hit(Record):
    """One place in the content that matches a query."""

    __slots__ = ("kind", "topic_id", "topic", "section_id", "section", "item_id", "line",
                 "urgency", "score", "spans", "tab")
    kind: str  # "topic" | "section" | "paragraph" | "item" | "red-flag"
    topic_id: str
    topic: str  # the topic's title
    section_id: str | None  # a section's or red-flag list's id; None in a topic's own text
    section: str  # that section's or list's title; "" in a topic's own text
    item_id: str | None  # an item's or red flag's id
    line: str  # "Term: detail", a red flag, one sentence, or a title
    urgency: str | None  # "emergency" / "see-doctor" in a red-flag list, else None
    score: float  # higher is better
    spans: tuple[tuple[int, int], ...]  # (start, end) of each matched word in ``line``
    tab: str  # the topic's short tab label

    @property
    def place(self) -> str:
        """Where the hit lives: "Relief > Heat and Cold", or "Relief" in a topic's own text."""
        same = self.section.lower() == self.tab.lower()  # "Symptoms", not "Symptoms > Symptoms"
        return f"{self.tab} > {self.section}" if self.section and not same else self.tab


class SearchIndex:
    """An inverted index over the content; ``query`` returns ranked hits."""

    def __init__(self, content: Content) -> None:
        self.entries = content_entries(content)
        self.stem_of: dict[str, str] = {}
        self.postings: dict[str, list[int]] = {}
        self.said: list[bool] = []  # entry n is a red flag's plain phrasing
        self.indexed: set[str] = set()  # every word of an indexed entry
        self.add_entries(self.entries)
        self.vocabulary = sorted(self.indexed)
        self.generic = generic_stems(self.postings, len(self.entries))
        self.canonical = {e.sign: n for n, e in enumerate(self.entries) if e.sign and e.item_id == e.sign}
        # The red flags' plain phrasings double the words to index, so they are indexed on the
        # first query that may meet them (most lookups never do); this text tells which may.
        self.content = content
        self.lay_text = lay_text(content)
        self.lay_indexed = not content.lay
        self.weak = weak_stems(content, self.stem_word)
        # synonym key stems -> (key stems, key stems without stop words, targets), longest key
        # first; without stop words "down my leg" still meets the key "down the leg". Targets stay
        # text until a query meets their key: most never will, and start-up pays for each one.
        self.synonyms: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]] = {}
        self.one_word: dict[str, tuple[str, ...]] = {}  # raw one-word key -> targets
        self.phrases_of: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
        for key, texts in content.synonyms.items():
            targets = tuple(texts)
            # most keys are one plain word: they skip the tokenizer
            raws = [key] if key.isalpha() and key.isascii() and key.islower() else words_of(key)
            if not raws:
                continue
            full = tuple(map(self.stem_word, raws))
            bare = full if len(raws) == 1 else tuple(self.stem_word(w) for w in raws if w not in STOP_WORDS)
            self.synonyms.setdefault(full[0], []).append((full, bare, targets))
            if len(bare) > 1 and bare[0] != full[0]:
                self.synonyms.setdefault(bare[0], []).append((full, bare, targets))
            if len(raws) == 1:
                self.one_word[raws[0]] = targets
        for keys in self.synonyms.values():
            if len(keys) > 1:
                keys.sort(key=lambda k: -len(k[0]))
        self.one_word_keys = sorted(self.one_word)
        self.by_length: dict[int, list[tuple[str, frozenset[str], bool]]] | None = None
        self.memo: dict[tuple[str, bool, bool], WordMatch] = {}

    def add_entries(self, entries: list[Entry]) -> None:
        """Index ``entries`` (already in self.entries)."""
        postings, stem_word, said, indexed = self.postings, self.stem_word, self.said, self.indexed
        start = len(said)
        for n, entry in enumerate(entries, start):
            indexed.update(entry.raws)
            stems = entry.stems = tuple(map(stem_word, entry.raws))
            said.append(entry.said is not None)
            for s in set(stems):
                if s in postings:
                    postings[s].append(n)
                else:
                    postings[s] = [n]

    def index_lay_if_needed(self, groups: list[Group]) -> None:
        """Index the plain phrasings when a query's word, or a synonym of it, starts a word of them,
        or a word will be looked up as a typo (which may be of a word only they hold)."""
        if self.lay_indexed or not (may_meet(self.lay_text, groups) or self.typo_ahead(groups)):
            return
        self.lay_indexed = True
        lay = lay_entries(self.content)
        self.entries.extend(lay)
        self.add_entries(lay)
        self.vocabulary = sorted(self.indexed)
        self.memo.clear()  # (the typo table is never built yet: typo_ahead() came first)

    def typo_ahead(self, groups: list[Group]) -> bool:
        """Whether a word of ``groups`` long enough for typos is no word, nor the start of one, of
        the index (match_word then looks it up as a typo)."""
        return any(edit_limit(raw) and stemmed not in self.postings and not with_prefix(self.vocabulary, raw)
                   for group in groups if not group.targets for raw, stemmed in zip(group.raws, group.stems))

    def phrases(self, targets: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
        """Synonym targets as phrases of stems."""
        phrases = self.phrases_of.get(targets)
        if phrases is None:
            phrases = tuple(p for p in (tuple(map(self.stem_word, words_of(t))) for t in targets) if p)
            self.phrases_of[targets] = phrases
        return phrases

    def stem_word(self, word: str) -> str:
        s = self.stem_of.get(word)
        if s is None:
            s = self.stem_of[word] = stem(word)
        return s

    def query(self, text: str, limit: int = 10) -> list[Hit]:
        """The best ``limit`` hits for ``text``, best first; [] when nothing matches."""
        raws = words_of(text)[:MAX_WORDS]
        if not raws or limit < 1:
            return []
        groups = self.groups(raws)
        active = [g for g in groups if not g.stop] or groups
        self.index_lay_if_needed(active)
        for group in active:
            self.match_group(group, last=group is groups[-1])
        smallest = min(active, key=lambda g: len(g.match.codes)).match.codes
        # plain phrasings only ever bring their red flag first (safety_first), never rank otherwise
        said = self.said
        full = [e for e in smallest if not said[e] and all(e in g.match.codes for g in active)]
        scored = self.score_full(full, raws, active) if full else self.score_partial(active)
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        hits: list[Hit] = []
        seen: set[tuple[str, str]] = set()
        signs: set[str] = set()
        for score, e in self.safety_first(active) + scored:
            entry = self.entries[e]
            # one topic may say a sentence twice; two lists may name one sign
            if (entry.topic.id, entry.line) in seen or entry.sign in signs:
                continue
            seen.add((entry.topic.id, entry.line))
            if entry.sign:
                signs.add(entry.sign)
            hits.append(self.hit(entry, score, active))
            if len(hits) == limit:
                break
        return hits

    def safety_first(self, active: list[Group]) -> list[tuple[float, int]]:
        """The red flags whose text, or one of whose plain phrasings, holds every telling word
        of the query: the best entry of each sign, emergency signs first, above every tier."""
        generic = self.generic
        # a word that only reached common words ("spas" as you type "spasm", "painn") is as
        # common as they are
        telling = [g for g in active if g.match.codes and not is_generic(g, generic)
                   and not g.match.stems.union(*g.match.phrases) <= generic]
        if not telling:
            return []
        marks = highlight_stems(telling)
        best: dict[str, tuple[float, int]] = {}
        for e in min(telling, key=lambda g: len(g.match.codes)).match.codes:
            entry = self.entries[e]
            if entry.sign is None or not all(e in g.match.codes for g in telling):
                continue
            weak = self.weak.get(entry.sign)
            if weak and not any(reaches(g, entry, weak) for g in telling):
                continue
            codes = [g.match.codes[e] for g in telling]
            score = within_tier(entry, all(c & 1 for c in codes), min(codes) >> 1 == EXACT, marks)
            score += 0 if entry.said else 300  # the flag's own words over a paraphrase
            if entry.sign not in best or score > best[entry.sign][0]:
                best[entry.sign] = (score, e)
        # emergency signs above see-a-doctor ones, so scores still fall as hits go down; each sign
        # is shown, and ranked by its urgency, as its first list names it (a copy may be in another)
        canonical = self.canonical
        shown = [(score, canonical.get(sign, e)) for sign, (score, e) in best.items()]
        ranked = [(FIRST + URGENCY_LIFT.get(self.entries[e].urgency or "", 0) + score, e) for score, e in shown]
        ranked.sort(key=lambda pair: (-pair[0], pair[1]))
        return ranked

    def groups(self, raws: list[str]) -> list[Group]:
        """The query's words, the words of each synonym key (longest first) kept together."""
        stems = list(map(stem, raws))
        stop = [w in STOP_WORDS for w in raws]
        groups: list[Group] = []
        i = 0
        while i < len(raws):
            taken = 1
            targets: tuple[tuple[str, ...], ...] = ()
            for full, bare, texts in self.synonyms.get(stems[i], ()):
                end = i + len(full) if tuple(stems[i : i + len(full)]) == full else 0
                if not end and len(bare) > 1 and not stop[i]:
                    end = match_skipping(stems, stop, i, bare)
                if end:
                    taken, targets = end - i, self.phrases(texts)
                    break
            groups.append(Group(raws[i : i + taken], stems[i : i + taken], targets))
            i += taken
        return groups

    def match_group(self, group: Group, last: bool) -> None:
        """Fill ``group.match``: the entries holding all its words, or one of its synonyms."""
        synonym = bool(group.targets)
        words = [(r, s) for r, s in zip(group.raws, group.stems) if not (synonym and r in STOP_WORDS)]
        if len(words) == 1 and not synonym:  # the common case: share the cached match
            group.match = self.match_word(words[0][0], words[0][1], last, True)
            return
        match = group.match
        if words:
            found = [self.match_word(r, s, last and n == len(words) - 1, not synonym)
                     for n, (r, s) in enumerate(words)]
            for e, code in found[0].codes.items():
                if all(e in f.codes for f in found[1:]):
                    match.codes[e] = min([code] + [f.codes[e] for f in found[1:]])
            for f in found:
                match.stems |= f.stems
        for target in group.targets:
            self.add_phrase(match, target, EXACT * 2)

    def match_word(self, raw: str, stemmed: str, last: bool, own: bool) -> WordMatch:
        """Entries with the word, then (the last word, or 3+ letters) with it as a prefix; if
        neither, and the word is no synonym key (``own``), entries with it mistyped."""
        key = (raw, last, own)
        match = self.memo.get(key)
        if match is not None:
            return match
        match = WordMatch()
        if stemmed in self.postings:
            match.add(self.postings[stemmed], EXACT * 2 + 1)
            match.stems.add(stemmed)
        if last or len(raw) >= 3:
            for word in with_prefix(self.vocabulary, raw):
                match.add(self.postings[self.stem_of[word]], PREFIX * 2 + 1)
                match.stems.add(self.stem_of[word])
        if last and own and len(raw) >= 3:  # "tylen" as you type "tylenol"
            for word in with_prefix(self.one_word_keys, raw):
                for target in self.phrases(self.one_word[word]):
                    self.add_phrase(match, target, PREFIX * 2)
        if not match.codes and own and edit_limit(raw):
            self.add_typos(match, raw)
        if len(self.memo) > 512:
            self.memo.clear()
        self.memo[key] = match
        return match

    def add_phrase(self, match: WordMatch, phrase: tuple[str, ...], code: int) -> None:
        """Entries holding ``phrase`` (stems side by side, in order)."""
        if len(phrase) == 1:
            match.add(self.postings.get(phrase[0], []), code)
            match.stems.add(phrase[0])
            return
        lists = [self.postings.get(s, []) for s in phrase]
        common = set(lists[0]).intersection(*lists[1:])
        match.add([e for e in common if find_run(self.entries[e].stems, phrase) >= 0], code)
        match.phrases.append(phrase)

    def add_typos(self, match: WordMatch, raw: str) -> None:
        """Words of the vocabulary, and one-word synonym keys, within a typo or two of ``raw``."""
        if self.by_length is None:  # built on the first typo: most queries never need it
            self.by_length = {}
            for word, is_key in [(w, False) for w in self.vocabulary] + [(k, True) for k in self.one_word_keys]:
                if edit_limit(word):
                    self.by_length.setdefault(len(word), []).append((word, frozenset(word), is_key))
        letters = set(raw)
        limit = edit_limit(raw)
        for size in range(len(raw) - limit, len(raw) + limit + 1):
            for word, word_letters, is_key in self.by_length.get(size, ()):
                most = min(limit, edit_limit(word))
                # each edit changes the set of letters by two at most: a cheap test first
                if len(letters ^ word_letters) > 2 * most or not within_edits(raw, word, most):
                    continue
                if is_key:
                    for target in self.phrases(self.one_word[word]):
                        self.add_phrase(match, target, FUZZY * 2)
                else:
                    match.add(self.postings[self.stem_of[word]], FUZZY * 2 + 1)
                    match.stems.add(self.stem_of[word])

    def score_full(self, full: list[int], raws: list[str], active: list[Group]) -> list[tuple[float, int]]:
        """Entries matching every group: the phrase, then all words, then words with typos."""
        while len(raws) > 1 and raws[0] in STOP_WORDS:  # "how to stretch" -> "stretch"
            raws = raws[1:]
        while len(raws) > 1 and raws[-1] in STOP_WORDS:
            raws = raws[:-1]
        stems = tuple(map(stem, raws))
        bare = tuple(stem(w) for w in raws if w not in STOP_WORDS)
        runs = [stems] + ([bare] if bare and len(bare) < len(stems) else [])
        only_synonym = len(active) == 1 and bool(active[0].targets)
        last = raws[-1]
        marks = highlight_stems(active)
        scored = []
        for e in full:
            codes = [g.match.codes[e] for g in active]
            worst = min(codes) >> 1
            direct = all(c & 1 for c in codes)
            entry = self.entries[e]
            if only_synonym and not direct and worst == EXACT:
                tier = 3  # "pins and needles" found as "tingling": that phrase, said otherwise
            elif worst >= PREFIX and any(
                (worst == EXACT and direct) if len(run) == 1 else find_run(entry.stems, run, entry.raws, last) >= 0
                for run in runs
            ):
                tier = 3
            else:
                tier = 1 if worst == FUZZY else 2
            scored.append((tier * TIER + within_tier(entry, direct, worst == EXACT, marks), e))
        return scored

    def score_partial(self, active: list[Group]) -> list[tuple[float, int]]:
        """No entry matches every group: rank those matching some, rare words weighing most."""
        import math  # only on this path

        said = self.said
        # the guide's own lines only, so weights are the same whether the phrasings are indexed yet
        total = len(said) - sum(said) + 1
        # squared idf: one rare word ("sneezing") outweighs two the whole content uses ("back pain")
        weights = [math.log(total / (sum(1 for e in g.match.codes if not said[e]) + 0.5)) ** 2 for g in active]
        whole = sum(weights)
        gained: dict[int, float] = {}
        direct: dict[int, bool] = {}
        for group, weight in zip(active, weights):
            for e, code in group.match.codes.items():
                if said[e]:
                    continue
                gained[e] = gained.get(e, 0.0) + (weight if code >> 1 > FUZZY else weight / 2)
                direct[e] = direct.get(e, True) and bool(code & 1)
        marks = highlight_stems(active)
        return [(PARTIAL * got / whole + within_tier(self.entries[e], direct[e], True, marks) / 10, e)
                for e, got in gained.items()]

    def hit(self, entry: Entry, score: float, active: list[Group]) -> Hit:
        # never a plain phrasing: safety_first() shows the red flag's own entry (the schema makes
        # every lay key a red flag of its own), and the other rankings leave phrasings out
        stems = entry.stems
        marked = [False] * len(stems)
        for group in active:
            for i, s in enumerate(stems):
                if s in group.match.stems:
                    marked[i] = True
            for phrase in group.match.phrases:
                start = find_run(stems, phrase)
                if start >= 0:
                    marked[start : start + len(phrase)] = [True] * len(phrase)
        spans = tuple(span for span, on in zip(word_spans(entry.line), marked) if on)
        return Hit(kind=entry.kind, topic_id=entry.topic.id, topic=entry.topic.title,
                   section_id=entry.block_id, section=entry.block_title, item_id=entry.item_id,
                   line=entry.line, urgency=entry.urgency, score=round(score, 2), spans=spans,
                   tab=entry.topic.tab)


def highlight_stems(groups: list[Group]) -> set[str]:
    """Every stem the query's groups reached, synonym phrases included."""
    marks: set[str] = set()
    for group in groups:
        marks |= group.match.stems
        for phrase in group.match.phrases:
            marks.update(phrase)
    return marks


def within_tier(entry: Entry, direct: bool, exact: bool, marks: set[str]) -> float:
    """Titles over body text, then the word itself over a synonym, whole words over prefixes,
    then the share of the line that matched (so "Sciatica" beats a sentence naming it)."""
    coverage = sum(1 for s in entry.stems if s in marks) / max(1, len(entry.stems))
    return (500 if entry.is_title else 0) + (200 if direct else 0) + (100 if exact else 0) + 99 * coverage


def build_index(content: Content) -> SearchIndex:
    """The search index of ``content``."""
    return SearchIndex(content)
