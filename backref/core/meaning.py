"""Red flags by meaning: which signs a query's words reach, part by part, and which words did it.

A sign is reached when the query's words fill one of its combinations of parts (content.toml
`[reach]`): each part (a place, a sensation, a bodily function, an event, a course) has its lay
words (`[parts.*]`), matched in any order, whatever other words surround them, with stems,
UK/US spellings, and typos of words no other meaning claims. A sign with only some of its parts
said is read as partly reached, with the parts it still needs.

Only cheap imports: `backref search` runs this on every query. The vocabulary, compiled (each
phrase folded and stemmed), is kept in the parse cache beside the content's own entry: stemming
every phrase again would cost more than the whole lookup budget leaves.
"""
from __future__ import annotations

from backref.core.content import parse_combo
from backref.core.records import Record
from backref.core.words import edit_limit, key_word, within_slips, word_spans, words_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from backref.core.content import Content

CACHE_KIND = "search"  # the parse cache's entry beside the content's own
FORMAT = 12  # a new number whenever the kept form changes: an entry of another is worked out again
MAX_WORDS = 32  # as search: longer queries are pasted text
# Words a phrase may have or lack between its own words: "between my legs" is "between the legs".
FILLER = frozenset(
    "a an the my your you his her our their its it i im ive id this that these those of to in on at "
    "into onto is am are was were be been being very really just quite bit like some any also even".split()
)
# A part that tells nothing alone (pain, can't) counts only this near (in words, fillers not
# counted) to a telling part of its sign, in the same sentence, unless the part says otherwise.
NEAR = 4
SENTENCE_MARKS = frozenset(";.!?\n")
NEGATORS = frozenset("no not without never nor neither".split())  # and every "n't" (key "not")
# what a negation reaches past, to the word it denies: "I don't have a fever", "no sign of numbness"
LIGHT_VERBS = frozenset("have has had got get gets feel feeling felt notice noticed experience experiencing "
                        "seem seems think suffer suffering with sign signs".split())
TYPO_LENGTH = 5  # shorter words typed are too easily another word ("bump" is no "bum")
MAX_CHOICES = 4  # matches of one part tried per combination


class PartMatch(Record):
    """Where one part was said: the query's word positions, where they fall among the words that
    are no fillers, and the sentence."""

    __slots__ = ("part", "positions", "first", "last", "sentence")
    part: int
    positions: tuple[int, ...]  # indices into the query's words
    first: int  # the first and last word's place among the query's non-filler words
    last: int
    sentence: int


class Reading(Record):
    """What a query says of one sign: reached (every part of a combination said) or partly."""

    __slots__ = ("sign", "reached", "combo", "size", "matched", "missing", "covered", "share")
    sign: str
    reached: bool
    combo: int  # which of the sign's combinations (0: its first, defining one)
    size: int  # parts in the combination read (more parts: a more specific reading)
    matched: tuple[tuple[str, str, str], ...]  # (the person's words, the part's label, the part's name)
    missing: tuple[tuple[str, str], ...]  # (label, name) of each part the sign still needs
    covered: int  # query words the reading explains
    share: float  # parts said / parts needed (1.0 when reached)


    def renamed(self, sign: str) -> Reading:
        """The same reading, of another sign with the same combinations."""
        return Reading(**{name: getattr(self, name) for name in self.__slots__ if name != "sign"}, sign=sign)


class Understanding(Record):
    """Every sign a query reaches or partly reaches, and whether it names a symptom at all."""

    __slots__ = ("readings", "symptom")
    readings: tuple[Reading, ...]
    symptom: bool  # some word of the query is a lay word of some part (a place, a feeling, pain...)


def compile_meaning(content: Content) -> dict:  # type: ignore[type-arg]
    """The vocabulary as plain text the parse cache keeps and reloads quickly: per first word,
    its phrases ("part.veto.word word? word", tab-separated; "?" marks an optional filler); every
    key word in one space-separated string; the one-word phrases by length, for typos."""
    meaning = content.meaning
    all_parts = meaning.parts
    names = list(all_parts)
    number = {name: n for n, name in enumerate(names)}
    first: dict[str, list[str]] = {}
    vocab: set[str] = set()
    typo: dict[str, list[str]] = {}
    for n, name in enumerate(names):
        part = all_parts[name]
        for texts, veto in ((part.says, 0), (part.not_in, 1)):
            for text in texts:
                phrase = phrase_of(text)
                if not phrase:
                    continue
                coded = " ".join(k + "?" if optional else k for k, optional in phrase)
                head = phrase[0][0]
                first.setdefault(key_word(head[1:]) if head.startswith("=") else head, []).append(f"{n}.{veto}.{coded}")
                # a word of a `not_in` phrase is known as typed too: "screening" of "cancer
                # screening" is never read as a slip of another part's word ("scream")
                vocab.update(k for k, _optional in phrase)
                if veto:
                    continue
                for raw, (k, _optional) in zip(words_of(text), phrase):
                    item = f"{raw}:{k.lstrip('=')}:{int(part.telling)}"
                    slot = f"{raw[0]}{len(raw)}"  # a slip keeps the first letter
                    if len(raw) >= TYPO_LENGTH - 1 and item not in typo.get(slot, ()):
                        typo.setdefault(slot, []).append(item)
    signs = []
    for sign, combos in meaning.reach.items():
        read = []
        for combo in combos:
            need, unless = parse_combo(combo)
            if all(p in number for p in need + unless):
                read.append((tuple(number[p] for p in need), tuple(number[p] for p in unless)))
        signs.append((sign, read))
    parts = [(name, all_parts[name].label, all_parts[name].telling, all_parts[name].near,
              all_parts[name].symptom) for name in names]
    return {"parts": parts, "first": {k: "\t".join(v) for k, v in first.items()},
            "vocab": " " + " ".join(sorted(vocab)) + " ",
            "typo": {slot: " ".join(words) for slot, words in typo.items()}, "signs": signs}


def phrase_of(text: str) -> tuple[tuple[str, bool], ...]:
    """A phrase as (key word, optional) pairs: a filler word inside it may be missing. A phrase
    written "=legs" matches that form only (its key is then "=legs": the folded word itself)."""
    raws = words_of(text)
    last = len(raws) - 1
    if text.startswith("=") and len(raws) == 1:
        return (("=" + raws[0], False),)
    return tuple((key_word(w), 0 < n < last and w in FILLER) for n, w in enumerate(raws))


def load_search_data(content: Content, work_out: Callable[[], dict]) -> dict:  # type: ignore[type-arg]
    """The search index's data (``work_out()``: stems, postings, the compiled meaning), from the
    parse cache when the content file is unchanged; kept there when it is worked out."""
    import os
    import stat

    from backref.core.disk import file_key

    try:
        st = os.stat(content.path)
        # the packs merged into the content are part of what the index holds
        packs = tuple((pack.path, *file_key(os.stat(pack.path))) for pack in content.packs)
    except (OSError, ValueError):
        return work_out()
    if not stat.S_ISREG(st.st_mode):
        return work_out()
    from backref.core import cache

    # with packs, an entry of its own: the content alone and with its packs never push each other out
    kind = f"{CACHE_KIND}-packs" if packs else CACHE_KIND
    data = cache.read(kind, content.path, st, packs)
    if data is None or data.get("format") != FORMAT:
        data = work_out()
        data["format"] = FORMAT
        cache.write(kind, content.path, st, data, packs)
    return data


class Reader:
    """Reads queries against one compiled vocabulary."""

    def __init__(self, compiled: dict, known: Callable[[str], bool]) -> None:  # type: ignore[type-arg]
        self.parts: list[tuple[str, str, bool, int, bool]] = compiled["parts"]
        self.coded: dict[str, str] = compiled["first"]
        self.vocab: str = compiled["vocab"]
        self.typo: dict[str, str] = compiled["typo"]
        self.signs: list[tuple[str, list[tuple[tuple[int, ...], tuple[int, ...]]]]] = compiled["signs"]
        self.known = known  # a word the guide or its synonyms use: never read as a typo
        self.signs_with_parts = {sign for sign, combos in self.signs if combos}
        self.signs_of_part: dict[int, list[int]] = {}  # a part -> the signs whose combinations name it
        for n, (_sign, combos) in enumerate(self.signs):
            for part in sorted({p for need, unless in combos for p in need}):
                self.signs_of_part.setdefault(part, []).append(n)
        self.phrases: dict[str, list[tuple[tuple[tuple[str, bool], ...], int, bool]]] = {}

    def first(self, key: str) -> list[tuple[tuple[tuple[str, bool], ...], int, bool]]:
        """The phrases (of any part, and `not_in`) that start with ``key``, decoded once."""
        found = self.phrases.get(key)
        if found is None:
            found = []
            coded = self.coded.get(key)
            for item in coded.split("\t") if coded else ():
                part, veto, words = item.split(".", 2)
                phrase = tuple((w[:-1], True) if w.endswith("?") else (w, False) for w in words.split(" "))
                found.append((phrase, int(part), veto == "1"))
            self.phrases[key] = found
        return found

    def is_lay(self, key: str) -> bool:
        return f" {key} " in self.vocab

    def lay_word(self, raw: str) -> bool:
        """Whether ``raw`` is, as typed, a word of some part (so never a typo of another word)."""
        return self.is_lay(key_word(raw))

    def read(self, text: str) -> Understanding:
        """Each sign the query reaches or partly reaches, most specific first."""
        raws = words_of(text)[:MAX_WORDS]
        if not raws or not self.parts:
            return Understanding(readings=(), symptom=False)
        spans = word_spans(text)[: len(raws)]
        sentence, sentences, place, places = 0, [], 0, []
        for n, raw in enumerate(raws):
            between = text[spans[n - 1][1] : spans[n][0]] if n else ""
            if any(ch in SENTENCE_MARKS for ch in between):
                sentence += 1
            sentences.append(sentence)
            places.append(place)
            place += raw not in FILLER
        keys = [self.key_of(raw) for raw in raws]
        # punctuation ends a phrase: "weak, back" is no "weak back"
        cut = [bool(n) and any(not ch.isspace() for ch in text[spans[n - 1][1] : spans[n][0]])
               for n in range(len(raws))]
        found, vetoed = self.matches(raws, keys, places, sentences, cut)
        denied = negated(raws, keys, found, cut)
        by_part: dict[int, list[PartMatch]] = {}
        for match in found:
            if not (vetoed.get(match.part, set()) & set(match.positions)) and match.positions[0] not in denied:
                by_part.setdefault(match.part, []).append(match)
        # only the signs some part said belongs to (a content of many signs pays for those only)
        touched = sorted({n for part in by_part for n in self.signs_of_part.get(part, ())})
        readings = []
        same: dict[object, Reading | None] = {}  # signs with the same combinations read the same
        for n in touched:
            sign, combos = self.signs[n]
            key = repr(combos)
            if key not in same:
                same[key] = self.reading(sign, combos, by_part, raws, spans, text)
            read = same[key]
            if read is not None:
                readings.append(read if read.sign == sign else read.renamed(sign))
        return Understanding(readings=tuple(readings), symptom=any(self.parts[p][4] for p in by_part))

    def key_of(self, raw: str) -> str:
        """The word's key; a long word no meaning or the guide knows is read as the nearest lay
        word within a typo or two (same first letter), if there is one."""
        key = key_word(raw)
        if len(raw) < TYPO_LENGTH or raw in FILLER or self.is_lay(key) or self.known(raw):
            return key
        limit = edit_limit(raw)
        letters = set(raw)
        for most in range(1, limit + 1):  # the fewest slips first; then a telling word first
            found = ""
            for size in range(len(raw) - most, len(raw) + most + 1):
                for item in self.typo.get(f"{raw[0]}{size}", "").split():
                    word, word_key, telling = item.split(":")
                    # each slip changes the set of letters by two at most: a cheap test first
                    if len(letters ^ set(word)) <= 2 * most and within_slips(raw, word, min(most, edit_limit(word))):
                        if telling == "1":
                            return word_key
                        found = found or word_key
            if found:
                return found
        return key

    def matches(self, raws: list[str], keys: list[str], places: list[int], sentences: list[int],
                cut: list[bool]) -> tuple[list[PartMatch], dict[int, set[int]]]:
        """Every phrase of every part found in the query, and the positions each part's `not_in`
        phrases cover."""
        found: list[PartMatch] = []
        vetoed: dict[int, set[int]] = {}
        for start, key in enumerate(keys):
            for phrase, part, veto in self.first(key):
                positions = match_phrase(raws, keys, start, phrase, cut, gap=not veto)
                if positions is not None and phrase[0][0].startswith("=") and raws[start] != phrase[0][0][1:]:
                    positions = None  # a form written "=legs": "leg" is not it
                if positions is None:
                    continue
                if veto:
                    vetoed.setdefault(part, set()).update(range(positions[0], positions[-1] + 1))
                else:
                    found.append(PartMatch(part=part, positions=positions, first=places[positions[0]],
                                           last=places[positions[-1]], sentence=sentences[positions[0]]))
        # longer sayings first: a combination tries them before the words inside them
        found.sort(key=lambda m: (-len(m.positions), m.positions[0]))
        return found, vetoed

    def reading(self, sign: str, combos: list[tuple[tuple[int, ...], tuple[int, ...]]],
                by_part: dict[int, list[PartMatch]], raws: list[str], spans: list[tuple[int, int]],
                text: str) -> Reading | None:
        """The best reading of one sign: its most specific combination said in full, else the
        combination most nearly said through a telling part; None when nothing of it is said."""
        parts = self.parts
        full: tuple[tuple[int, int], list[PartMatch], int] | None = None
        partial: tuple[tuple[int, float], list[PartMatch], int] | None = None
        for number, (need, unless) in enumerate(combos):
            if any(u in by_part for u in unless):
                continue
            chosen = assign(need, by_part, parts)
            if chosen is not None:
                covered = len({p for m in chosen for p in m.positions})
                rank = (len(need), covered)
                if full is None or rank > full[0]:
                    full = (rank, chosen, number)
                continue
            said = [p for p in need if p in by_part]
            if any(parts[p][2] for p in said):
                rank2 = (sum(1 for p in said if parts[p][2]), len(said) / len(need))
                if partial is None or rank2 > partial[0]:
                    partial = (rank2, [by_part[p][0] for p in said], number)
        if full is not None:
            (size, covered), chosen, number = full
            return Reading(sign=sign, reached=True, combo=number, size=size, matched=self.said(chosen, spans, text),
                           missing=(), covered=covered, share=1.0)
        if partial is not None:
            (_, share), chosen, number = partial
            need = combos[number][0]
            said_parts = {m.part for m in chosen}
            missing = tuple((parts[p][1], parts[p][0]) for p in need if p not in said_parts)
            return Reading(sign=sign, reached=False, combo=number, size=len(need),
                           matched=self.said(chosen, spans, text), missing=missing,
                           covered=len({p for m in chosen for p in m.positions}), share=share)
        return None

    def said(self, chosen: list[PartMatch], spans: list[tuple[int, int]],
             text: str) -> tuple[tuple[str, str, str], ...]:
        """Each match as (the person's own words, the part's label, the part's name), in query order."""
        out = []
        for match in sorted(chosen, key=lambda m: m.positions[0]):
            words = text[spans[match.positions[0]][0] : spans[match.positions[-1]][1]]
            name, label = self.parts[match.part][:2]
            out.append((words, label, name))
        return tuple(out)


def negated(raws: list[str], keys: list[str], found: list[PartMatch], cut: list[bool]) -> set[int]:
    """The positions a "no", "not", "without" or "never" just before denies ("no numbness",
    "I don't have a fever"): up to the next word that is no filler or light verb, before any
    punctuation. A negation inside a part's own phrase ("no feeling", "not working") denies nothing."""
    inside = {p for match in found if len(match.positions) > 1 for p in match.positions}
    denied: set[int] = set()
    for n, (raw, key) in enumerate(zip(raws, keys)):
        if (key == "not" or raw in NEGATORS) and n not in inside:
            for j in range(n + 1, len(raws)):
                if cut[j]:
                    break
                denied.add(j)
                if raws[j] not in FILLER and raws[j] not in LIGHT_VERBS:
                    break  # "doesn't ease whatever position": only "ease" is denied
    return denied


def match_phrase(raws: list[str], keys: list[str], start: int, phrase: tuple[tuple[str, bool], ...],
                 cut: list[bool], gap: bool = True) -> tuple[int, ...] | None:
    """The query positions of ``phrase`` starting at ``start``, or None: its words in order, with
    the query's filler words and (``gap``) one other word allowed between them, its inner filler
    words optional, and no punctuation inside it."""
    positions = [start]
    j = start + 1
    skipped = not gap  # a `not_in` phrase is said as written, fillers aside
    for want, optional in phrase[1:]:
        if optional:
            if j < len(keys) and keys[j] == want and not cut[j]:
                positions.append(j)
                j += 1
            continue
        while j < len(keys) and keys[j] != want and not cut[j]:
            if raws[j] not in FILLER:
                if skipped:
                    return None
                skipped = True
            j += 1
        if j == len(keys) or cut[j]:
            return None
        positions.append(j)
        j += 1
    return tuple(positions)


def assign(need: tuple[int, ...], by_part: dict[int, list[PartMatch]],
           parts: list[tuple[str, str, bool, int, bool]]) -> list[PartMatch] | None:
    """One match per needed part, no two sharing a word, each part that tells nothing alone near
    a telling part (see fits); the choice covering most words. None when the combination is not
    said in full."""
    if any(p not in by_part for p in need):
        return None
    best: list[PartMatch] | None = None
    best_rank = (-1, 0)

    def walk(n: int, chosen: list[PartMatch], used: set[int]) -> None:
        nonlocal best, best_rank
        if n == len(need):
            if fits(chosen, parts):
                covered = len(used)
                spread = max(max(m.positions) for m in chosen) - min(min(m.positions) for m in chosen)
                rank = (covered, -spread)
                if rank > best_rank:
                    best, best_rank = list(chosen), rank
            return
        for match in by_part[need[n]][:MAX_CHOICES]:
            if used.isdisjoint(match.positions):
                chosen.append(match)
                walk(n + 1, chosen, used | set(match.positions))
                chosen.pop()

    walk(0, [], set())
    return best


def fits(chosen: list[PartMatch], parts: list[tuple[str, str, bool, int, bool]]) -> bool:
    """The nearness rule: a part that tells nothing alone lies within its `near` words of a
    telling part of the combination, in the same sentence (with none telling, all lie that near
    to each other)."""
    telling = [m for m in chosen if parts[m.part][2]]
    others = [m for m in chosen if not parts[m.part][2]]
    if not telling:
        return all(near(a, b, min(parts[a.part][3], parts[b.part][3])) for a in others for b in others)
    return all(any(near(m, t, parts[m.part][3]) for t in telling) for m in others)


def near(a: PartMatch, b: PartMatch, most: int) -> bool:
    """Whether two matches share a sentence and lie at most ``most`` words apart."""
    if a.sentence != b.sentence:
        return False
    gap = b.first - a.last if a.last < b.first else a.first - b.last if b.last < a.first else 0
    return gap <= most
