"""Search over the content: ranked hits for every title, item, sentence and red flag.

Only cheap imports, because `backref search` builds the index on every run. Words are folded (case, accents and punctuation
dropped) and lightly stemmed; an inverted index maps each stem to the entries that
hold it, and a sorted vocabulary answers prefixes with bisect.
"""
from __future__ import annotations

from backref.core.entries import Entry, content_entries
from backref.core.groups import Group, WordMatch
from backref.core.meaning import Reader, Reading, compile_meaning, load_search_data
from backref.core.records import Record
from backref.core.safety import (
    EMERGENCY_LIFT,
    FIRST,
    LEAD,
    PART_SAID,
    arrange,
    generic_stems,
    is_generic,
    offers_check,
    opens_on_emergency,
    partly_said,
    reached_first,
)
from backref.core.wording import OWN_WORDS, why_line
from backref.core.words import (
    QUESTION_WORDS,
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
COMMON_WEIGHT = 0.25  # the share of its weight a word of the guide's subject keeps (see says_little)
BM25_K1, BM25_B = 1.2, 0.75  # BM25's usual constants: how a line's length tempers a word in it
SHORTEST = (BM25_K1 + 1) / (1 + BM25_K1 * (1 - BM25_B))  # length_norm of a line of no words: the most


class Hit(Record):
    """One place in the content that matches a query."""

    __slots__ = ("kind", "topic_id", "topic", "section_id", "section", "item_id", "line",
                 "urgency", "score", "spans", "tab", "reached", "matched", "missing", "why")
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
    reached: bool  # a red flag whose parts the query said in full (it leads the answer)
    matched: tuple[tuple[str, str], ...]  # a red flag's: (the person's words, what they said of it)
    missing: tuple[str, ...]  # a red flag partly said: what it also needs, in plain words
    why: str  # a red flag's matched words in one line ("" for every other hit)

    @property
    def place(self) -> str:
        """Where the hit lives: "Relief > Heat and Cold", or "Relief" in a topic's own text."""
        same = self.section.lower() == self.tab.lower()  # "Symptoms", not "Symptoms > Symptoms"
        return f"{self.tab} > {self.section}" if self.section and not same else self.tab


class Answer(Record):
    """A search's whole answer: the hits, whether what to do in an emergency heads them (an
    emergency sign the words reach ranks first), and whether to offer the red-flag check (the
    words name a symptom but reach no sign)."""

    __slots__ = ("hits", "action", "offer_check")
    hits: tuple[Hit, ...]
    action: bool
    offer_check: bool


class SearchIndex:
    """An inverted index over the content; ``answer`` (and ``query``, its hits) ranks hits."""

    def __init__(self, content: Content) -> None:
        # the lines' words and stems, the postings and the compiled red flags by meaning: from the
        # parse cache when the content file is unchanged, else worked out (index_data) and kept there
        data = load_search_data(content, lambda: index_data(content))
        self.entries = content_entries(content, data["raws"])
        for entry, stems in zip(self.entries, data["stems"]):
            entry.stems = stems
        self.stem_of: dict[str, str] = data["stem_of"]  # every word indexed or a synonym's -> its stem
        self.postings: dict[str, list[int]] = data["postings"]
        self.vocabulary: list[str] = data["vocabulary"]  # every word of an entry, sorted
        self.generic: set[str] = data["generic"]
        self.subject: set[str] = data["subject"]  # the guide's title words: "back", "cramp", "spasm"
        self.average_length: float = data["average_length"]
        # synonym key stems -> (key stems, key stems without stop words, targets), longest key
        # first; without stop words "down my leg" still meets the key "down the leg"
        self.synonyms: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]] = data["synonyms"]
        self.one_word: dict[str, tuple[str, ...]] = data["one_word"]  # raw one-word key -> targets
        self.one_word_keys: list[str] = data["one_word_keys"]
        # the words a typo may be of, by length, as space-separated text (quick to reload)
        self.typo_words: dict[int, str] = data["typo_words"]
        self.typo_keys: dict[int, str] = data["typo_keys"]
        self.compiled_meaning: dict = data["meaning"]  # type: ignore[type-arg]
        self.canonical = {e.sign: n for n, e in enumerate(self.entries) if e.sign and e.item_id == e.sign}
        self.content = content
        self.reader: Reader | None = None
        # synonym targets stay text until a query meets their key: most never will
        self.phrases_of: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
        self.memo: dict[tuple[str, bool, bool], WordMatch] = {}

    def meaning(self) -> Reader:
        """The red flags by meaning (the compiled parts vocabulary)."""
        if self.reader is None:
            self.reader = Reader(self.compiled_meaning, self.knows)
        return self.reader

    def knows(self, raw: str) -> bool:
        """Whether the guide or its synonyms use ``raw`` as typed (so it is no typo)."""
        return raw in self.stem_of or raw in STOP_WORDS or stem(raw) in self.postings

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
        return list(self.answer(text, limit).hits)

    def answer(self, text: str, limit: int = 10) -> Answer:
        """The hits for ``text`` (the signs its words reach first), with whether the emergency
        action heads them and whether to offer the red-flag check."""
        raws = words_of(text)[:MAX_WORDS]
        if not raws or limit < 1:
            return Answer(hits=(), action=False, offer_check=False)
        reader = self.meaning()
        understood = reader.read(text)
        groups = self.groups(raws)
        active = [g for g in groups if not g.stop] or groups
        for group in active:
            self.match_group(group, last=group is groups[-1])
        # lines holding every word that tells: "what causes back spasms" asks about causes, and a
        # line need not say "back spasm" too (it is what the whole guide is about)
        telling = [g for g in active if not self.says_little(g)] or active
        smallest = min(telling, key=lambda g: len(g.match.codes)).match.codes
        full = [e for e in smallest if all(e in g.match.codes for g in telling)]
        scored = self.score_full(full, raws, active, telling) if full else []
        if len(full) < limit + LEAD:  # below the lines holding every telling word, those holding
            within = set(full)  # some, rare words first (when there is room for them)
            scored += [pair for pair in self.score_partial(active) if pair[1] not in within]
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        readings = {r.sign: r for r in understood.readings}
        reached = reached_first(understood.readings, self.urgency_rank)
        # a sign the content gives no parts for is reached by its own words, every telling word
        # of the query in them (as content files without [reach] have always worked)
        own = self.own_words_reached(full, active, reader)
        if own:
            reached = sorted(reached + [(sign, own_score(self.urgency_rank(sign), len(active))) for sign in own],
                             key=lambda pair: -pair[1])
        ranked = arrange(reached, scored, partly_said(understood.readings, self.urgency_rank),
                         self.entries, self.canonical)
        hits: list[Hit] = []
        seen: set[tuple[str, str]] = set()
        signs: set[str] = set()
        for score, e in ranked:
            entry = self.entries[e]
            # one topic may say a sentence twice; two lists may name one sign
            if (entry.topic.id, entry.line) in seen or entry.sign in signs:
                continue
            seen.add((entry.topic.id, entry.line))
            if entry.sign:
                signs.add(entry.sign)
            score = min(score, hits[-1].score) if hits else score  # a sign shown early keeps the order
            hits.append(self.hit(entry, score, active, readings.get(entry.sign or ""), entry.sign in own))
            if len(hits) == limit:
                break
        return Answer(hits=tuple(hits), action=opens_on_emergency(hits),
                      offer_check=offers_check(understood) and not own)

    def own_words_reached(self, full: list[int], active: list[Group], reader: Reader) -> list[str]:
        """The signs without parts in the content whose own words hold every word of the query,
        one of them telling (not "back" or "pain" alone)."""
        if not any(not self.says_little(g) for g in active):
            return []
        with_parts = reader.signs_with_parts
        signs = {self.entries[e].sign for e in full if self.entries[e].kind == "red-flag"}
        return sorted(s for s in signs if s and s not in with_parts)

    def urgency_rank(self, sign: str) -> int:
        """0 for an emergency sign, 1 for a see-a-doctor one (by the list that names it first)."""
        e = self.canonical.get(sign)
        return 0 if e is not None and self.entries[e].urgency == "emergency" else 1

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
        # a word a red flag's parts use as typed is that word, never a typo of the guide's
        # ("heart" is the chest, not a mistyped "heat")
        if not match.codes and own and edit_limit(raw) and not self.meaning().lay_word(raw):
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
        letters = set(raw)
        limit = edit_limit(raw)
        for size in range(len(raw) - limit, len(raw) + limit + 1):
            for bucket, is_key in ((self.typo_words, False), (self.typo_keys, True)):
                for word in bucket.get(size, "").split():
                    most = min(limit, edit_limit(word))
                    # each edit changes the set of letters by two at most: a cheap test first
                    if len(letters ^ set(word)) > 2 * most or not within_edits(raw, word, most):
                        continue
                    if is_key:
                        for target in self.phrases(self.one_word[word]):
                            self.add_phrase(match, target, FUZZY * 2)
                    else:
                        match.add(self.postings[self.stem_of[word]], FUZZY * 2 + 1)
                        match.stems.add(self.stem_of[word])

    def score_full(self, full: list[int], raws: list[str], active: list[Group],
                   telling: list[Group] | None = None) -> list[tuple[float, int]]:
        """Entries matching every group that tells: the phrase, then all words, then words with
        typos; the query's other words ("back", "spasm") count toward the share of a line marked."""
        telling = telling or active
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
            codes = [g.match.codes[e] for g in telling]
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
        """No entry matches every group: rank those matching some, the words that tell weighing most."""
        import math  # only on this path

        total = len(self.entries) + 1
        # squared idf: one rare word ("sneezing") outweighs two the whole content uses ("back pain")
        weights = [math.log(total / (len(g.match.codes) + 0.5)) ** 2 for g in active]
        for n, group in enumerate(active):
            # the guide's subject ("back", "cramp", "spasm") and words most lines hold tell little
            if self.says_little(group):
                weights[n] *= COMMON_WEIGHT
        exact = [w for g, w in zip(active, weights)
                 if not self.says_little(g) and any(c >> 1 == EXACT for c in g.match.codes.values())]
        for n, group in enumerate(active):
            # a word found only as the start of a longer one, or mistyped, never outweighs an exact
            # word of the query ("need" is not "needling")
            if exact and not any(c >> 1 == EXACT for c in group.match.codes.values()):
                weights[n] = min(weights[n], min(exact)) / 2
        whole = (sum(weights) or 1.0) * SHORTEST
        gained: dict[int, float] = {}
        direct: dict[int, bool] = {}
        for group, weight in zip(active, weights):
            for e, code in group.match.codes.items():
                gained[e] = gained.get(e, 0.0) + (weight if code >> 1 > FUZZY else weight / 2)
                direct[e] = direct.get(e, True) and bool(code & 1)
        marks = highlight_stems(active)
        entries, average = self.entries, self.average_length
        # as BM25 does: a word in a short line says more than the same word in a long sentence
        return [(PARTIAL * got * length_norm(len(entries[e].stems), average) / whole
                 + within_tier(entries[e], direct[e], True, marks) / 10, e)
                for e, got in gained.items()]

    def says_little(self, group: Group) -> bool:
        """Whether the group's words are the guide's subject, ones most lines hold, or the words a
        question is made of ("get", "need", "more")."""
        if not group.targets and all(r in QUESTION_WORDS or r in STOP_WORDS for r in group.raws):
            return True
        common = self.generic | self.subject
        return is_generic(group, common) or (bool(group.match.stems) and group.match.stems <= common)

    def hit(self, entry: Entry, score: float, active: list[Group], reading: Reading | None,
            own: bool = False) -> Hit:
        stems = entry.stems
        marked = [False] * len(stems)
        by_group: list[tuple[Group, list[int]]] = []  # each group and the line's words it marks
        for group in active:
            here = [i for i, s in enumerate(stems) if s in group.match.stems]
            for phrase in group.match.phrases:
                start = find_run(stems, phrase)
                if start >= 0:
                    here += range(start, start + len(phrase))
            for i in here:
                marked[i] = True
            if here:
                by_group.append((group, sorted(set(here))))
        line_spans = word_spans(entry.line)
        spans = tuple(span for span, on in zip(line_spans, marked) if on)
        matched: tuple[tuple[str, str], ...] = ()
        missing: tuple[str, ...] = ()
        if entry.kind == "red-flag":
            if reading is not None:
                matched = tuple((words, label) for words, label, _name in reading.matched)
                missing = tuple(label for label, _name in reading.missing)
            else:  # found by the sign's own words, not by its parts: the person's words, and
                # the sign's words they reached where those differ ("put my back out")
                matched = tuple(own_words_match(" ".join(group.raws), [entry.line[slice(*line_spans[i])] for i in at])
                                for group, at in by_group)
        return Hit(kind=entry.kind, topic_id=entry.topic.id, topic=entry.topic.title,
                   section_id=entry.block_id, section=entry.block_title, item_id=entry.item_id,
                   line=entry.line, urgency=entry.urgency, score=round(score, 2), spans=spans,
                   tab=entry.topic.tab, reached=own or (reading is not None and reading.reached),
                   matched=matched, missing=missing, why=why_line(matched, missing))


def own_words_match(said: str, reached: list[str]) -> tuple[str, str]:
    """(the person's words, what they matched) for a sign found by its own words."""
    shown = " ".join(reached)
    same = [w.lower() for w in words_of(said)] == [w.lower() for w in words_of(shown)]
    return said, OWN_WORDS if same else f'{OWN_WORDS} "{shown}"'


def own_score(urgency: int, words: int) -> float:
    """The score of a sign reached by its own words (content without parts for it): as a
    one-part reading explaining the query's words."""
    return FIRST + (EMERGENCY_LIFT if urgency == 0 else 0) + PART_SAID + words


def length_norm(length: int, average: float) -> float:
    """BM25's weight of one occurrence in a line of ``length`` words (k1 = 1.2, b = 0.75)."""
    return (BM25_K1 + 1) / (1 + BM25_K1 * (1 - BM25_B + BM25_B * length / (average or 1.0)))


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


def index_data(content: Content) -> dict:  # type: ignore[type-arg]
    """What the index needs beyond the lines themselves, as plain data the parse cache can keep."""
    entries = content_entries(content)
    stem_of: dict[str, str] = {}

    def stem_word(word: str) -> str:
        s = stem_of.get(word)
        if s is None:
            s = stem_of[word] = stem(word)
        return s

    postings: dict[str, list[int]] = {}
    all_stems = []
    for n, entry in enumerate(entries):
        stems = tuple(map(stem_word, entry.raws))
        all_stems.append(stems)
        for s in set(stems):
            postings.setdefault(s, []).append(n)
    vocabulary = sorted(stem_of)
    synonyms: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]] = {}
    one_word: dict[str, tuple[str, ...]] = {}
    for key, texts in content.synonyms.items():
        targets = tuple(texts)
        # most keys are one plain word: they skip the tokenizer
        raws = [key] if key.isalpha() and key.isascii() and key.islower() else words_of(key)
        if not raws:
            continue
        full = tuple(map(stem_word, raws))
        bare = full if len(raws) == 1 else tuple(stem_word(w) for w in raws if w not in STOP_WORDS)
        synonyms.setdefault(full[0], []).append((full, bare, targets))
        if len(bare) > 1 and bare[0] != full[0]:
            synonyms.setdefault(bare[0], []).append((full, bare, targets))
        if len(raws) == 1:
            one_word[raws[0]] = targets
    for keys in synonyms.values():
        if len(keys) > 1:
            keys.sort(key=lambda k: -len(k[0]))
    return {
        "raws": [e.raws for e in entries], "stems": all_stems, "stem_of": stem_of, "postings": postings, "vocabulary": vocabulary,
        "generic": generic_stems(postings, len(entries)),
        "subject": {stem_word(w) for w in words_of(content.meta.title)},
        "average_length": sum(map(len, all_stems)) / max(1, len(all_stems)),
        "synonyms": synonyms, "one_word": one_word, "one_word_keys": sorted(one_word),
        "typo_words": by_length(vocabulary), "typo_keys": by_length(sorted(one_word)),
        "meaning": compile_meaning(content),
    }


def by_length(words: list[str]) -> dict[int, str]:
    """The words long enough to be mistyped, by length, space-separated."""
    out: dict[int, list[str]] = {}
    for word in words:
        if edit_limit(word):
            out.setdefault(len(word), []).append(word)
    return {size: " ".join(found) for size, found in out.items()}


def build_index(content: Content) -> SearchIndex:
    """The search index of ``content``."""
    return SearchIndex(content)
