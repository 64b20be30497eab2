"""The lay-phrasings corpus (tests/data/phrasings): load a part, score search on it, the split.

    python benchmarks/phrasings.py --check

``score(path)`` runs the current search over a part and returns its figures, each as
(passed, total); ``misses(path)`` lists the phrasings that fail one (benchmarks/phrasings_bench.py
prints both, and refuses to list held-out misses). What counts:

- a red-flag hit stands for its sign: a flag marked ``same_as`` another is that other sign;
- emergency and see-a-doctor phrasings: one of the expected signs among the top 3 hits, and for
  emergency ones, whether the first hit is an emergency red flag (any) and the right one;
- everyday questions: a hit of one of the expected topics among the top 3, an emergency red
  flag never counting as one; a false alarm is an everyday question, or a see-a-doctor
  phrasing, whose first hit is an emergency red flag.

The corpus was split once, before any vocabulary was written for it: stratified by kind, first
expected id and (for everyday questions) form, SHARE of each stratum held out, with SEED. The
split depends only on the set of phrasings, never on their order in a file, so ``--check``
can re-derive it from the union of the two parts and say whether the files still are that
split. The held-out part is never read when changing vocabulary; its results are figures only.
Standard library only.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tomllib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backref.core.content import Content
    from backref.core.search import Hit, SearchIndex

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLDER = os.path.join(ROOT, "tests", "data", "phrasings")
DEV = os.path.join(FOLDER, "dev.toml")
HELD_OUT = os.path.join(FOLDER, "held_out.toml")
SEED = 19
SHARE = 0.30
KINDS = ("emergency", "see-doctor", "everyday")
FORMS = ("keywords", "sentence")


@dataclass(frozen=True)
class Phrasing:
    text: str
    kind: str  # emergency | see-doctor | everyday
    expect: tuple[str, ...]  # sign ids (red flags) or topic ids (everyday); any one counts
    form: str | None  # everyday only: keywords | sentence
    source: str

    @property
    def stratum(self) -> tuple[str, str, str]:
        return (self.kind, self.expect[0], self.form or "")


def load(path: str) -> list[Phrasing]:
    """The phrasings of one file; ValueError naming the entry if one is malformed."""
    with open(path, "rb") as f:
        data = tomllib.load(f)
    out: list[Phrasing] = []
    for n, entry in enumerate(data.get("phrasing", [])):
        where = f"{os.path.basename(path)}: phrasing {n + 1}"
        text, kind, expect = entry.get("text"), entry.get("kind"), entry.get("expect")
        form, source = entry.get("form"), entry.get("source")
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{where}: no text")
        if kind not in KINDS:
            raise ValueError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
        if not isinstance(expect, list) or not expect or not all(isinstance(e, str) for e in expect):
            raise ValueError(f"{where}: expect must be a non-empty list of ids")
        if (kind == "everyday") != (form is not None) or (form is not None and form not in FORMS):
            raise ValueError(f"{where}: form is {' | '.join(FORMS)} for everyday questions, absent otherwise")
        if not isinstance(source, str) or not source.strip():
            raise ValueError(f"{where}: no source")
        out.append(Phrasing(text, kind, tuple(expect), form, source))
    return out


def split(phrasings: list[Phrasing], seed: int = SEED, share: float = SHARE) -> tuple[list[Phrasing], list[Phrasing]]:
    """(development, held out): ``share`` of each stratum, rounded, held out; order-independent."""
    strata: dict[tuple[str, str, str], list[Phrasing]] = {}
    for p in phrasings:
        strata.setdefault(p.stratum, []).append(p)
    rng = random.Random(seed)
    dev: list[Phrasing] = []
    held: list[Phrasing] = []
    for key in sorted(strata):
        members = sorted(strata[key], key=lambda p: p.text)
        rng.shuffle(members)
        cut = round(share * len(members))
        held += members[:cut]
        dev += members[cut:]
    order = {k: n for n, k in enumerate(KINDS)}
    def ordered(ps: list[Phrasing]) -> list[Phrasing]:
        return sorted(ps, key=lambda p: (order[p.kind], p.expect[0], p.form or "", p.text))
    return ordered(dev), ordered(held)


HEADERS = {
    "dev": (
        "# Lay-phrasings corpus, development part: tune search and write vocabulary against this file.",
    ),
    "held-out": (
        "# Lay-phrasings corpus, HELD-OUT part. Never read this file when changing vocabulary or",
        "# search, and never add its phrasings to content.toml: its results are reported as figures",
        "# only (python benchmarks/phrasings_bench.py --split held-out).",
    ),
}


def quote(text: str) -> str:
    """``text`` as a TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def dump(phrasings: list[Phrasing], part: str) -> str:
    """A part as TOML, with the header saying what it is and how it was split."""
    lines = list(HEADERS[part]) + [
        "# Split once, before any vocabulary was written for it: stratified by kind, first expected id",
        f"# and (everyday) form, {SHARE:.0%} of each stratum held out, seed {SEED}; see benchmarks/phrasings.py.",
        "# Sources and how the phrasings were written: SOURCES.md beside this file.",
        "# kind: emergency | see-doctor | everyday. expect: sign ids (red flags) or topic ids (everyday);",
        "# any one of them in the top 3 counts. form (everyday only): keywords | sentence.",
        "",
    ]
    for p in phrasings:
        lines += ["[[phrasing]]", f"text = {quote(p.text)}", f"kind = {quote(p.kind)}",
                  "expect = [" + ", ".join(quote(e) for e in p.expect) + "]"]
        if p.form:
            lines.append(f"form = {quote(p.form)}")
        lines += [f"source = {quote(p.source)}", ""]
    return "\n".join(lines)


def write_split(phrasings: list[Phrasing], dev_path: str = DEV, held_path: str = HELD_OUT) -> None:
    dev, held = split(phrasings)
    for path, part, ps in ((dev_path, "dev", dev), (held_path, "held-out", held)):
        with open(path, "w", encoding="utf-8") as f:
            f.write(dump(ps, part))


def check(dev_path: str = DEV, held_path: str = HELD_OUT) -> list[str]:
    """What differs between the files and the split their union gives (empty when none)."""
    dev, held = load(dev_path), load(held_path)
    want_dev, want_held = split(dev + held)
    problems = []
    if wrong := set(dev) & set(want_held):
        problems.append(f"{len(wrong)} phrasings of dev.toml belong to the held-out part")
    if wrong := set(held) & set(want_dev):
        problems.append(f"{len(wrong)} phrasings of held_out.toml belong to the development part")
    return problems


# (key, what it counts): the figures score() returns, in the order the benchmark prints them
FIGURES = (
    ("emergency_top3", "emergency: a right sign in the top 3"),
    ("emergency_first", "emergency: an emergency sign first"),
    ("emergency_right_first", "emergency: a right sign first"),
    ("see_doctor_top3", "see a doctor: a right sign in the top 3"),
    ("everyday_keywords_top3", "everyday, keywords: a right topic in the top 3"),
    ("everyday_sentence_top3", "everyday, sentences: a right topic in the top 3"),
    ("everyday_top3", "everyday, both: a right topic in the top 3"),
    ("false_alarm_everyday", "false alarms: everyday questions opening on an emergency sign"),
    ("false_alarm_see_doctor", "false alarms: see-a-doctor phrasings opening on an emergency sign"),
)
# the figures that count failures: a phrasing fails them by being True (the rest by being False)
FALSE_ALARMS = ("false_alarm_everyday", "false_alarm_see_doctor")
MISSES_BY = ("emergency_top3", "emergency_first", "see_doctor_top3", "everyday_top3") + FALSE_ALARMS


@dataclass(frozen=True)
class Outcome:
    phrasing: Phrasing
    top: tuple[Hit, ...]  # the first three hits
    figures: dict[str, bool]  # the figures this phrasing counts in, and whether it passed each

    @property
    def failed(self) -> list[str]:
        return [k for k in MISSES_BY if k in self.figures and self.figures[k] != (k not in FALSE_ALARMS)]


def default_index() -> SearchIndex:
    from backref.core.load import load_content
    from backref.core.search import build_index

    return build_index(load_content(os.path.join(ROOT, "content.toml"), use_cache=False))


def signs_of(content: Content) -> dict[str, str]:
    """Every red flag's id -> the sign it is (its own id, or the id it is the same_as)."""
    return {flag_id: sign for sign, ids in content.same_ids().items() for flag_id in ids}


def judge(phrasing: Phrasing, hits: list[Hit], sign_of: dict[str, str]) -> dict[str, bool]:
    """The figures ``phrasing`` counts in, given the hits search gave it, and whether it passed."""
    def sign(hit: Hit) -> str | None:
        return sign_of.get(hit.item_id or "", hit.item_id) if hit.kind == "red-flag" else None

    def emergency(hit: Hit) -> bool:
        return hit.kind == "red-flag" and hit.urgency == "emergency"

    top = hits[:3]
    first_alarm = bool(hits) and emergency(hits[0])
    if phrasing.kind == "everyday":
        right = any(h.topic_id in phrasing.expect and not emergency(h) for h in top)
        return {f"everyday_{phrasing.form}_top3": right, "everyday_top3": right, "false_alarm_everyday": first_alarm}
    wanted = {sign_of.get(e, e) for e in phrasing.expect}
    in_top = any(sign(h) in wanted for h in top)
    if phrasing.kind == "see-doctor":
        return {"see_doctor_top3": in_top, "false_alarm_see_doctor": first_alarm}
    return {"emergency_top3": in_top, "emergency_first": first_alarm,
            "emergency_right_first": bool(hits) and sign(hits[0]) in wanted}


def outcomes(path: str, index: SearchIndex | None = None) -> list[Outcome]:
    """Each phrasing of the part at ``path`` run through search (the shipped content's index
    unless one is given), with what it counts in."""
    index = index or default_index()
    sign_of = signs_of(index.content)
    out = []
    for p in load(path):
        hits = index.query(p.text, 10)
        out.append(Outcome(p, tuple(hits[:3]), judge(p, hits, sign_of)))
    return out


def tally(results: list[Outcome]) -> dict[str, tuple[int, int]]:
    """Each figure as (n, total): how many of the phrasings it counts passed it (for a false
    alarm figure, raised the alarm); a figure no phrasing counts in is (0, 0)."""
    figures = {key: (0, 0) for key, _ in FIGURES}
    for r in results:
        for key, yes in r.figures.items():
            n, total = figures[key]
            figures[key] = (n + yes, total + 1)
    return figures


def score(path: str, index: SearchIndex | None = None) -> dict[str, tuple[int, int]]:
    """The figures of the part at ``path``: each key of FIGURES -> (n, total), see tally()."""
    return tally(outcomes(path, index))


def misses(path: str, index: SearchIndex | None = None) -> list[Outcome]:
    """The phrasings of the part at ``path`` that fail a figure (see Outcome.failed)."""
    return [r for r in outcomes(path, index) if r.failed]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="say whether dev.toml and held_out.toml are still the seeded split of their union")
    args = parser.parse_args(argv)
    if not args.check:
        parser.print_help()
        return 0
    problems = check()
    for line in problems:
        print(f"phrasings: {line}", file=sys.stderr)
    if not problems:
        print(f"phrasings: dev.toml and held_out.toml are the seed-{SEED} split of their union")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
