"""The one tokenizer (search and the schema use it): folding, sentences, a light stemmer, edit distance.

`re` only (argparse has imported it already).
"""
from __future__ import annotations

import re
from bisect import bisect_left

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing costs start-up time on the lookup path
    from collections.abc import Callable

# What a person types around the words that matter; dropped unless the query is nothing else.
STOP_WORDS = frozenset(
    "a about all am an and any are arent as at be been best but by can cannot cant could "
    "couldnt did didnt do does doesnt doing dont for from had has hasnt have havent help helps "
    "how i if im in is isnt it its ive just me my myself of on or our please should so some "
    "tell than that the their them these they this those to too us use used using versus vs was "
    "wasnt way ways we were what whats when where which while who why will with wont would "
    "wouldnt you your".split()
)
# Words a question is made of that say little of what it is about ("why do i get cramps when
# stressed", "do i need more sleep"): a line matching only them ranks below one matching the
# word that tells.
QUESTION_WORDS = frozenset(
    "get gets getting got need needs needed more most much many very really still also lot lots "
    "bit thing things something anything stuff ok okay normal bad good better worse make makes "
    "go going take stop stops".split()
)
ASCII_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")  # on lower-cased ASCII text
# Any script's letters and digits, with combining accents; compiled (and cached by re) only
# when text beyond ASCII turns up.
WORD = r"(?:[^\W_]|[\u0300-\u036f])+(?:['\u2019](?:[^\W_]|[\u0300-\u036f])+)*"
SENTENCE_STOPS = (".", "!", "?")


def fold(word: str) -> str:
    """A word without case, accents or apostrophes: "Child's" -> "childs", "Ciática" -> "ciatica"."""
    word = word.lower().replace("'", "").replace("\u2019", "")
    if word.isascii():
        return word
    import unicodedata  # only text beyond ASCII pays for it

    word = unicodedata.normalize("NFKD", word).casefold()
    return "".join(ch for ch in word if ch.isalnum() and not unicodedata.combining(ch))


def words_of(text: str) -> list[str]:
    """The folded words of ``text``, in order."""
    if text.isascii():
        return [w.replace("'", "") for w in ASCII_WORD.findall(text.lower())]
    return [w for w in map(fold, re.findall(WORD, text)) if w]


def word_spans(text: str) -> list[tuple[int, int]]:
    """Where each of ``words_of(text)`` sits in ``text``."""
    if text.isascii():
        return [m.span() for m in ASCII_WORD.finditer(text.lower())]
    return [m.span() for m in re.finditer(WORD, text) if fold(m.group())]


def stem(word: str) -> str:
    """A light stemmer: spasms -> spasm; stretching, stretches -> stretch; stiffness -> stiff."""
    if len(word) <= 3 or word[-1] not in "degls" or not word.isalpha():
        return word  # no rule below touches a word ending otherwise
    for suffix in ("ness", "ful"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    if word.endswith(("ies", "ied")) and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "shes", "xes")):  # longer -ches, -zzes: the s and e rules below
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    elif word.endswith("ing") and len(word) >= 6:
        word = undouble(word[:-3])
    elif word.endswith("ed") and not word.endswith("eed") and len(word) >= 5:
        word = undouble(word[:-2])
    if word.endswith("e") and len(word) > 4:  # sneeze, sneezing -> sneez
        word = word[:-1]
    return word


def undouble(word: str) -> str:
    """"swimm" -> "swim", "gett" -> "get"; "stiff", "roll" and "press" stay."""
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeioulsfz":
        return word[:-1]
    return word


def sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences: each ends with . ! or ? (a quote may close it) before a capital."""
    out: list[str] = []
    words = paragraph.split()
    start = 0
    for n in range(1, len(words)):
        head = words[n][0]
        if words[n - 1].rstrip("\"\u201d')").endswith(SENTENCE_STOPS) and (
            head.isupper() or head.isdigit() or head in "\"\u201c("
        ):
            out.append(" ".join(words[start:n]))
            start = n
    if start < len(words):
        out.append(" ".join(words[start:]))
    return out


def edit_limit(word: str) -> int:
    """Typos forgiven: none under 4 letters, one for 4 to 6, two for longer words."""
    return 0 if len(word) < 4 else 1 if len(word) <= 6 else 2


def within_edits(a: str, b: str, limit: int, swap: Callable[[str, str], int] | None = None) -> bool:
    """Whether a and b are at most ``limit`` edits apart (Damerau-Levenshtein, adjacent swaps);
    ``swap`` prices putting one letter for another (default: one edit)."""
    if abs(len(a) - len(b)) > limit:
        return False
    before: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        ca = a[i - 1]
        for j in range(1, len(b) + 1):
            cost = (ca != b[j - 1]) if swap is None else swap(ca, b[j - 1])
            best = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, before[j - 2] + 1)
            row[j] = best
        if min(row) > limit:
            return False
        before, prev = prev, row
    return prev[-1] <= limit


def with_prefix(words: list[str], prefix: str) -> list[str]:
    """The words of sorted ``words`` that start with ``prefix``."""
    i = bisect_left(words, prefix)
    out = []
    while i < len(words) and words[i].startswith(prefix):
        out.append(words[i])
        i += 1
    return out


def match_skipping(stems: list[str], stop: list[bool], start: int, key: tuple[str, ...]) -> int:
    """Where ``key`` ends in ``stems`` from ``start``, stop words skipped; 0 if it is not there."""
    i = start
    for want in key:
        while i < len(stems) and stop[i]:
            i += 1
        if i == len(stems) or stems[i] != want:
            return 0
        i += 1
    return i


def find_run(stems: tuple[str, ...], run: tuple[str, ...], raws: tuple[str, ...] = (),
             last: str | None = None) -> int:
    """Where ``run`` sits side by side in ``stems``, or -1; with ``raws`` and ``last``, the
    run's last word may be a prefix (``last``) of the word there."""
    n = len(run)
    head = run[:-1]
    for i in range(len(stems) - n + 1):
        if stems[i : i + n - 1] == head and (
            stems[i + n - 1] == run[-1] or (last is not None and raws[i + n - 1].startswith(last))
        ):
            return i
    return -1


def us_spelling(word: str) -> str:
    """One spelling for UK and US forms of a folded word: anaesthesia, haematuria, diarrhoea,
    tumour, paralysed, immobilised, centre -> anesthesia, hematuria, diarrhea, tumor, paralyzed,
    immobilized, center. Applied to both sides of a comparison, so a rare clash does no harm."""
    if len(word) < 5 or not word.isalpha():
        return word
    if "ae" in word:
        word = word.replace("ae", "e")
    if word.startswith("oe") or "oea" in word:  # oedema, oesophagus, diarrhoea (not "pooed", "toes")
        word = word.replace("oe", "e")
    if word.endswith(("our", "ours")) and len(word) >= 6:
        word = word.replace("our", "or")
    for uk, us in (("ys", "yz"), ("is", "iz")):
        for tail in ("e", "ed", "es", "ing", "ation"):
            if word.endswith(uk + tail) and len(word) >= len(uk + tail) + 4:
                return word[: -len(uk + tail)] + us + tail
    if word.endswith("tre") and len(word) >= 6:
        word = word[:-3] + "ter"
    return word


# One word for each way of saying "not" and "cannot": "isn't helping" is "not helping", "unable
# to move" is "can't move" (meaning-matching only; the guide's own search keeps every word).
NEGATIONS = {w: "not" for w in "isnt arent wasnt werent doesnt dont didnt havent hasnt hadnt aint wont "
             "wouldnt shouldnt".split()}
NEGATIONS.update({w: "cant" for w in "cannot couldnt unable".split()})


def key_word(word: str) -> str:
    """How meaning-matching compares a folded word: "not"/"cant" for each negation, one
    spelling (UK/US), then its stem."""
    negation = NEGATIONS.get(word)
    if negation:
        return negation
    if word in ("disk", "disks"):  # the one US spelling the stemmer cannot join
        return "disc"
    return stem(us_spelling(word))


# Neighbours on a QWERTY keyboard: a slip of the finger swaps a letter for one of these.
KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
VOWELS = frozenset("aeiouy")
NEAR: dict[str, str] = {}  # filled on the first slip looked for: most lookups never look


def near_keys() -> dict[str, str]:
    """Each letter -> the letters around it (same row and the rows above and below)."""
    where = {ch: (r, c) for r, row in enumerate(KEY_ROWS) for c, ch in enumerate(row)}
    # each row sits about half a key right of the one above: below a key are the two left of it
    offsets = {-1: (0, 1), 0: (-1, 1), 1: (-1, 0)}
    return {a: "".join(b for b, (r2, c2) in where.items()
                       if b != a and abs(r2 - r) <= 1 and c2 - c in offsets[r2 - r])
            for a, (r, c) in where.items()}


def within_slips(a: str, b: str, limit: int) -> bool:
    """Whether ``a`` is ``b`` typed with at most ``limit`` slips: a letter left out, one too
    many, two swapped, or a letter for its neighbour on the keyboard or a vowel for a vowel.
    Stricter than within_edits: "fewer" is not a slip of "fever", nor "chilly" of "chills"."""
    if not NEAR:
        NEAR.update(near_keys())
    return within_edits(a, b, limit, slip)


def slip(x: str, y: str) -> int:
    """What typing ``x`` for ``y`` costs: nothing when they are the same letter, one slip for a
    neighbouring key or a vowel for a vowel, more than any limit otherwise."""
    if x == y:
        return 0
    return 1 if y in NEAR.get(x, "") or (x in VOWELS and y in VOWELS) else 99
