"""Safety first: which red flags lead an answer, where signs only partly said are shown, when
the emergency action heads the answer and when the red-flag check is offered. search.py ranks
with these; what counts as safe ordering changes here.

- A sign whose parts the query says in full comes before everything else: emergency signs first,
  then the more specific reading (more parts said), then the one explaining more of the words.
- A sign only partly said (a telling part, but not the rest: "pins and needles" without a place)
  never leads: it comes after the best lines of the guide, so everyday words never open on an
  emergency, yet the sign stays in view with what it also needs.
- A red flag the guide's own words found (not its parts) is shown like a partly said sign.

Only cheap imports: `backref search` runs this on every query.
"""
from __future__ import annotations

from backref.core.words import STOP_WORDS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from backref.core.entries import Entry
    from backref.core.groups import Group
    from backref.core.meaning import Reading, Understanding
    from backref.core.search import Hit

# Words this share of the guide's lines hold ("back", "pain", "spasm") say little of a query.
GENERIC_SHARE = 0.07
LEAD = 2  # lines of the guide shown before any sign only partly said
EARLY = 2  # partly said signs shown right after them; the rest follow the guide's other lines
FIRST = 4000.0  # scores of the signs reached: above every tier of the guide's lines
EMERGENCY_LIFT = 2000.0  # an emergency sign reached above every see-a-doctor one
PART_SAID = 100.0  # each part of the combination said (a query explains at most 32 words)


def generic_stems(postings: dict[str, list[int]], lines: int) -> set[str]:
    """The stems at least GENERIC_SHARE of ``lines`` hold."""
    least = GENERIC_SHARE * lines
    return {s for s, found in postings.items() if len(found) >= least}


def is_generic(group: Group, generic: set[str]) -> bool:
    """Whether the group's words (or all its synonyms' words) are ones most lines share."""
    if all(s in generic or r in STOP_WORDS for r, s in zip(group.raws, group.stems)):
        return True
    return bool(group.targets) and all(s in generic for phrase in group.targets for s in phrase)


def reached_first(readings: Sequence[Reading], urgency: Callable[[str], int]) -> list[tuple[str, float]]:
    """The signs said in full, as (sign, score) in the order they lead: emergency first, then the
    more specific reading, then the one explaining more of the query's words. The score says the
    same: FIRST above every tier, EMERGENCY_LIFT for an emergency, PART_SAID for each part of the
    combination said, one for each word it explains."""
    reached = [(r.sign, FIRST + (EMERGENCY_LIFT if urgency(r.sign) == 0 else 0) + PART_SAID * r.size + r.covered)
               for r in readings if r.reached]
    reached.sort(key=lambda pair: -pair[1])
    return reached


def partly_said(readings: Sequence[Reading], urgency: Callable[[str], int]) -> list[str]:
    """The signs only partly said, most nearly said first; among equals the one whose reading is
    the sign's first (defining) combination, then emergency first."""
    partial = [r for r in readings if not r.reached]
    partial.sort(key=lambda r: (-r.share, r.combo, urgency(r.sign)))
    return [r.sign for r in partial]


def arrange(reached: list[tuple[str, float]], scored: list[tuple[float, int]], partial: list[str],
            entries: list[Entry], canonical: dict[str, int]) -> list[tuple[float, int]]:
    """(score, entry) in the order shown: the signs reached, the guide's best LEAD lines, EARLY
    partly said signs, the guide's other lines, then the rest, red flags the guide's words found
    but no part of theirs ("progressive" in "worse when sitting") last."""
    lines = [(score, e) for score, e in scored if entries[e].kind != "red-flag"]
    found = [(score, e) for score, e in scored if entries[e].kind == "red-flag"]
    first_found: dict[str, int] = {}
    for _score, e in found:
        first_found.setdefault(entries[e].sign or "", e)
    # a sign is shown as its first list names it; a copy of a copy, as the line found
    top = [(score, canonical.get(s, first_found.get(s, -1))) for s, score in reached]
    shown = {s for s, _score in reached}
    later = [canonical[s] for s in partial if s in canonical and s not in shown]
    shown.update(partial)
    last: list[int] = []
    for _score, e in found:  # a red flag found by its own words, not its parts
        sign = entries[e].sign
        if sign not in shown:
            shown.add(sign or "")
            last.append(canonical.get(sign or "", e))
    lead = lines[:LEAD]
    after = lead[-1][0] if lead else 0.0
    ranked = [(score, e) for score, e in top if e >= 0]
    ranked += lead
    ranked += [(after, e) for e in later[:EARLY]]
    ranked += lines[LEAD:]
    ranked += [(min(after, lines[-1][0]) if lines else after, e) for e in later[EARLY:] + last]
    return ranked


def opens_on_emergency(hits: Sequence[Hit]) -> bool:
    """Whether what to do in an emergency heads the answer: an emergency sign whose parts the
    query said in full ranks first, or the emergency list itself does (its title or note: what
    "emergency", "is it serious" or "000" look for)."""
    if not hits or hits[0].urgency != "emergency":
        return False
    return hits[0].reached if hits[0].kind == "red-flag" else hits[0].kind in ("section", "paragraph")


def offers_check(understood: Understanding) -> bool:
    """Whether the answer ends by offering the red-flag check: the query names a symptom (a
    place, a feeling, pain, can't) but says no sign in full. It never says nothing matched."""
    return understood.symptom and not any(r.reached for r in understood.readings)
