"""Parse content.toml and check it against the schema, collecting every problem.

Only imported when the content cache misses, so tomllib and re are paid for only
after content.toml changes. Synonyms are checked with search's own tokenizer.
"""
from __future__ import annotations

import os
import re
import stat
import tomllib

from backref.core.content import KINDS, SCOPES, URGENCIES, parse_combo
from backref.core.disk import read_file
from backref.core.errors import ContentError
from backref.core.words import words_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Raw = dict[str, Any]  # a table as tomllib returns it

# key -> (required, type, what it must be)
META = {"title": (True, str), "source": (True, str), "version": (True, str), "disclaimer": (True, str)}
TOPIC = {"id": (True, str), "title": (True, str), "tab": (True, str),
         "paragraphs": (False, list), "sections": (False, list)}
SECTION = {"id": (True, str), "title": (True, str), "kind": (True, str), "daily": (False, bool),
           "scope": (False, str),
           "paragraphs": (False, list), "items": (False, list)}
ITEM = {"id": (True, str), "text": (True, str), "detail": (False, str), "timer": (False, dict)}
TIMER = {"minutes": (False, int), "seconds": (False, int), "every_hours": (False, int),
         "for_hours": (False, int), "from": (True, list), "cautions": (False, list),
         "then": (False, str), "rest_seconds": (False, int)}
# how the guide may write each timing's unit after its number ("20 min", "Hold 30 seconds")
UNIT_WORDS = {"minutes": "min|mins|minute|minutes", "seconds": "s|sec|secs|second|seconds",
              "every_hours": "h|hr|hrs|hour|hours", "for_hours": "h|hr|hrs|hour|hours"}
FLAG_LIST = {"id": (True, str), "title": (True, str), "urgency": (True, str), "topic": (True, str),
             "after": (False, str), "note": (False, str), "flags": (True, list)}
FLAG = {"id": (True, str), "text": (True, str), "same_as": (False, str), "gloss": (False, str),
        "gloss_source": (False, str)}
TOP = {"meta": (True, dict), "topics": (True, list), "red_flags": (False, list),
       "synonyms": (False, dict), "urgency": (False, dict), "lay": (False, dict), "numbers": (False, dict),
       "parts": (False, dict), "reach": (False, dict)}
URGENCY = {"label": (True, str), "heading": (True, str), "action": (True, str), "number": (False, str),
           "short_action": (False, str), "short_number": (False, str), "source": (True, str),
           "time_frame": (False, str), "time_frame_source": (False, str), "safety_net": (False, str),
           "safety_net_source": (False, str)}
LAY = {"question": (True, str), "question_source": (True, str), "words": (False, list),
       "not_alone": (False, list), "not_alone_source": (False, str), "differs": (False, str),
       "differs_source": (False, str)}
NUMBER = {"says": (True, str), "source": (True, str)}
# a text and the key that must name whose words it is
SOURCED = (("gloss", "gloss_source"), ("differs", "differs_source"), ("time_frame", "time_frame_source"),
           ("safety_net", "safety_net_source"))
LAY_WORDS = {"source": (True, str), "says": (True, list)}
PART = {"label": (True, str), "telling": (False, bool), "near": (False, int), "symptom": (False, bool),
        "words": (True, list), "not_in": (False, list)}
TYPE_NAMES = {str: "a string", list: "an array", dict: "a table", bool: "true or false",
              int: "a whole number"}
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
TAB_MAX = 12


def parse_and_validate(path: str) -> Raw:
    """The validated table of the file at ``path``, or ContentError listing every problem."""
    return validated(parse_toml(path, "[meta] and [[topics]] tables"), path)


def validated(raw: Raw, path: str) -> Raw:
    """``raw`` (a parsed content file) when it passes every check, else ContentError listing each problem."""
    errors = Checker(raw).errors
    if errors:
        name = os.path.basename(path)
        raise ContentError([f"{name}: {e}" for e in errors])
    return raw


def parse_toml(path: str, expected: str, *, pipes: bool = True, name: str | None = None) -> Raw:
    """The TOML table of the file at ``path`` (read bounded; a pipe, when ``pipes``, to its end),
    or ContentError in one line naming the file (``name``, else its base name); ``expected``
    says what an empty file lacks."""
    name = name or os.path.basename(path)
    try:
        data = read_file(path, pipes=pipes)
    except IsADirectoryError:
        raise ContentError([f"{path}: is a directory, not a content file"]) from None
    except OSError as exc:
        raise ContentError([f"{path}: cannot read: {exc.strerror}"]) from None
    if not data and stat.S_ISFIFO(os.stat(path).st_mode):
        raise ContentError([f"{path}: a pipe with nothing written to it (no writer?)"])
    if not data.strip():
        raise ContentError([f"{name}: the file is empty; expected {expected}"])
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ContentError([f"{name}: not UTF-8 text (byte {exc.start})"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ContentError([toml_error_line(name, str(exc))]) from None
    except RecursionError:  # tomllib parses nested arrays and inline tables recursively
        raise ContentError([f"{name}: arrays or tables nested too deeply to read"]) from None
    return raw


def toml_error_line(name: str, message: str) -> str:
    """'content.toml:12:5: Invalid value' from tomllib's 'Invalid value (at line 12, column 5)'."""
    m = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if m:
        return f"{name}:{m.group(1)}:{m.group(2)}: {message[: m.start()]}"
    m = re.search(r"\s*\(at end of document\)$", message)
    if m:
        return f"{name}: at end of file: {message[: m.start()]}"
    return f"{name}: {message}"


class Checker:
    """Walks the parsed table once; ``errors`` holds 'path: problem' lines."""

    def __init__(self, raw: Raw) -> None:
        self.errors: list[str] = []
        self.seen: dict[str, dict[str, str]] = {"topic": {}, "section": {}, "item": {}}
        self.item_texts: dict[str, str] = {}  # checked once every item is known
        self.timers: list[tuple[dict, str]] = []  # type: ignore[type-arg]
        if self.table(raw, TOP, ""):
            self.check(raw)

    def fail(self, where: str, problem: str) -> None:
        self.errors.append(f"{where}: {problem}" if where else problem)

    def table(self, value: object, schema: dict, where: str) -> bool:  # type: ignore[type-arg]
        """Required keys, types, no unknown keys, no empty strings; False if not a table."""
        if not isinstance(value, dict):
            self.fail(where, "must be a table")
            return False
        for key in value:
            if key not in schema:
                known = ", ".join(schema)
                self.fail(where, f"unknown key {key!r} (known: {known})")
        for key, (required, kind) in schema.items():
            here = f"{where}.{key}" if where else key
            if key not in value:
                if required:
                    self.fail(where or "file", f"{key!r} is required")
                continue
            v = value[key]
            if not isinstance(v, kind) or (kind is int and isinstance(v, bool)):
                self.fail(here, f"must be {TYPE_NAMES[kind]}")
            elif kind is str and not v.strip():
                self.fail(here, "must not be empty")
        return True

    def strings(self, value: object, where: str) -> None:
        if isinstance(value, list):
            for n, s in enumerate(value):
                if not isinstance(s, str) or not s.strip():
                    self.fail(f"{where}[{n}]", "must be a non-empty string")

    def unique(self, space: str, value: object, where: str) -> None:
        if not isinstance(value, str) or not value.strip():
            return
        if not SLUG.match(value):
            self.fail(f"{where}.id", f"{value!r} must be a slug: lower-case letters, digits and '-'")
        first = self.seen[space].get(value)
        if first:
            self.fail(f"{where}.id", f"duplicate id {value!r} (first used at {first})")
        else:
            self.seen[space][value] = where

    def known(self, value: object, allowed: tuple[str, ...], where: str, what: str) -> None:
        """``value``, when a string, is one of ``allowed``."""
        if isinstance(value, str) and value not in allowed:
            self.fail(where, f"unknown {what} {value!r} (known: {', '.join(allowed)})")

    def refers(self, value: object, space: str, where: str) -> None:
        """``value``, when a string, is the id of a ``space`` ("topic", "section") seen already."""
        if isinstance(value, str) and value not in self.seen[space]:
            self.fail(where, f"no {space} has id {value!r}")

    def check(self, raw: Raw) -> None:
        # a missing [meta] or topics, or one of the wrong type, is named by table() already
        if isinstance(raw.get("meta"), dict):
            self.table(raw["meta"], META, "meta")
        topics = raw.get("topics")
        if topics == []:
            self.fail("topics", "at least one topic is required")
        for t, topic in enumerate(topics if isinstance(topics, list) else []):
            self.topic(topic, f"topics[{t}]")
        flag_lists = raw.get("red_flags", [])
        for n, rl in enumerate(flag_lists if isinstance(flag_lists, list) else []):
            self.flag_list(rl, f"red_flags[{n}]")
        self.same_as(flag_lists if isinstance(flag_lists, list) else [])
        for timer, where in self.timers:
            self.timer(timer, where)
        if isinstance(raw.get("synonyms"), dict):
            self.synonyms(raw["synonyms"], raw)
        if isinstance(raw.get("urgency"), dict):
            self.urgency(raw["urgency"])
        if isinstance(raw.get("lay"), dict):
            self.lay(raw["lay"], flag_lists if isinstance(flag_lists, list) else [])
        if isinstance(raw.get("numbers"), dict):
            self.numbers(raw["numbers"])
        if isinstance(raw.get("parts"), dict):
            self.parts(raw["parts"])
        if isinstance(raw.get("reach"), dict):
            parts = raw.get("parts")
            self.reach(raw["reach"], parts if isinstance(parts, dict) else {},
                       flag_lists if isinstance(flag_lists, list) else [])

    def parts(self, table: dict) -> None:  # type: ignore[type-arg]
        """Each part of a sign's meaning: a label, and lay words (each list with its source)."""
        for name, part in table.items():
            where = f"parts.{name}"
            if not SLUG.match(name):
                self.fail(where, f"{name!r} must be a slug: lower-case letters, digits and '-'")
            if not self.table(part, PART, where):
                continue
            self.strings(part.get("not_in"), f"{where}.not_in")
            if isinstance(part.get("near"), int) and not 0 <= part["near"] <= 32:
                self.fail(f"{where}.near", "must be a whole number from 0 to 32")
            words = part.get("words")
            if isinstance(words, list) and not words:
                self.fail(f"{where}.words", "must list at least one table of words")
            for n, says in enumerate(words if isinstance(words, list) else []):
                if self.table(says, LAY_WORDS, f"{where}.words[{n}]"):
                    self.strings(says.get("says"), f"{where}.words[{n}].says")
                    for s in says.get("says", []) if isinstance(says.get("says"), list) else []:
                        if isinstance(s, str) and s.strip() and not words_of(s):
                            self.fail(f"{where}.words[{n}].says", f"{s!r} holds no word")

    def reach(self, table: dict, parts: dict, flag_lists: list) -> None:  # type: ignore[type-arg]
        """Each sign's combinations name known parts: "saddle-place + loss-of-feeling"."""
        signs = own_signs(flag_lists)
        for sign, combos in table.items():
            where = f"reach.{sign}"
            if sign not in signs:
                self.fail(where, f"no red flag (other than a same_as copy) has id {sign!r}")
            if not isinstance(combos, list) or not combos:
                self.fail(where, "must be a non-empty array of combinations such as \"place + feeling\"")
                continue
            for n, combo in enumerate(combos):
                if not isinstance(combo, str) or not combo.strip():
                    self.fail(f"{where}[{n}]", "must be a non-empty string")
                    continue
                need, unless = parse_combo(combo)
                if not need:
                    self.fail(f"{where}[{n}]", f"{combo!r} names no part before 'unless'")
                unknown = [p for p in need + unless if p not in parts]
                if unknown:
                    self.fail(f"{where}[{n}]", f"{combo!r}: no part named {', '.join(map(repr, unknown))}")

    def urgency(self, table: dict) -> None:  # type: ignore[type-arg]
        """What to do per urgency; an action naming {number} says who to call by default."""
        for urgency, words in table.items():
            where = f"urgency.{urgency}"
            self.known(urgency, URGENCIES, where, "urgency")
            if not self.table(words, URGENCY, where):
                continue
            for action, number in (("action", "number"), ("short_action", "short_number")):
                if "{number}" in str(words.get(action, "")) and not words.get(number):
                    self.fail(where, f"the {action} names {{number}}: {number!r} is required")
            self.sourced(words, where)

    def lay(self, table: dict, flag_lists: list) -> None:  # type: ignore[type-arg]
        """Plain words belong to a red flag that is no same_as copy, each list with its source."""
        # plain words are read for red flags only: an item's would never be used
        signs = own_signs(flag_lists)
        for flag_id, sign in table.items():
            where = f"lay.{flag_id}"
            if flag_id not in signs:
                self.fail(where, f"no red flag (other than a same_as copy) has id {flag_id!r}")
            if not self.table(sign, LAY, where):
                continue
            self.strings(sign.get("not_alone"), f"{where}.not_alone")
            if sign.get("not_alone") and not sign.get("not_alone_source"):
                self.fail(where, "'not_alone' needs 'not_alone_source'")
            self.sourced(sign, where)
            words = sign.get("words", [])
            for n, says in enumerate(words if isinstance(words, list) else []):
                if self.table(says, LAY_WORDS, f"{where}.words[{n}]"):
                    self.strings(says.get("says"), f"{where}.words[{n}].says")

    def sourced(self, table: dict, where: str) -> None:  # type: ignore[type-arg]
        """Each text of SOURCED in ``table`` comes with the key that names whose words it is."""
        for text, source in SOURCED:
            if text in table and source not in table:
                self.fail(where, f"{text!r} needs {source!r}")

    def numbers(self, table: dict) -> None:  # type: ignore[type-arg]
        """What a phone number is: the key is the number, in digits."""
        for number, note in table.items():
            where = f"numbers.{number!r}"
            if not number.isdigit():
                self.fail(where, "the key must be a phone number in digits, such as \"000\"")
            self.table(note, NUMBER, where)

    def topic(self, topic: object, where: str) -> None:
        if not self.table(topic, TOPIC, where):
            return
        assert isinstance(topic, dict)
        self.unique("topic", topic.get("id"), where)
        tab = topic.get("tab")
        if isinstance(tab, str) and len(tab) > TAB_MAX:
            self.fail(f"{where}.tab", f"{tab!r} is longer than {TAB_MAX} characters")
        self.strings(topic.get("paragraphs"), f"{where}.paragraphs")
        # a topic may hold no sections: "when to see a doctor" is made of red-flag lists
        sections = topic.get("sections", [])
        for s, section in enumerate(sections if isinstance(sections, list) else []):
            self.section(section, f"{where}.sections[{s}]")

    def section(self, section: object, where: str) -> None:
        if not self.table(section, SECTION, where):
            return
        assert isinstance(section, dict)
        self.unique("section", section.get("id"), where)
        kind = section.get("kind")
        self.known(kind, KINDS, f"{where}.kind", "kind")
        if section.get("daily") and kind != "checklist":
            self.fail(f"{where}.daily", "only a checklist section can be daily")
        scope = section.get("scope")
        self.known(scope, SCOPES, f"{where}.scope", "scope")
        if scope is not None and kind != "checklist":
            self.fail(f"{where}.scope", "only a checklist section has a scope")
        if section.get("daily") and isinstance(scope, str) and scope != "daily":
            self.fail(f"{where}.daily", f"daily = true contradicts scope = {scope!r}")
        self.strings(section.get("paragraphs"), f"{where}.paragraphs")
        items = section.get("items", [])
        if not items and not section.get("paragraphs"):
            self.fail(where, "needs items or paragraphs")
        if kind == "checklist" and not items:
            self.fail(where, "a checklist needs items")
        for i, item in enumerate(items if isinstance(items, list) else []):
            if self.table(item, ITEM, f"{where}.items[{i}]"):
                self.unique("item", item.get("id"), f"{where}.items[{i}]")
                if isinstance(item.get("id"), str) and isinstance(item.get("text"), str):
                    self.item_texts[item["id"]] = item["text"]
                # a timer that is no table is named by the item's own check
                if isinstance(item.get("timer"), dict) and self.table(item["timer"], TIMER, f"{where}.items[{i}].timer"):
                    self.timers.append((item["timer"], f"{where}.items[{i}].timer"))

    def flag_list(self, rl: object, where: str) -> None:
        if not self.table(rl, FLAG_LIST, where):
            return
        assert isinstance(rl, dict)
        self.unique("section", rl.get("id"), where)
        self.known(rl.get("urgency"), URGENCIES, f"{where}.urgency", "urgency")
        self.refers(rl.get("topic"), "topic", f"{where}.topic")
        self.refers(rl.get("after"), "section", f"{where}.after")
        flags = rl.get("flags")
        if isinstance(flags, list) and not flags:
            self.fail(f"{where}.flags", "must list at least one red flag")
        for f, flag in enumerate(flags if isinstance(flags, list) else []):
            if self.table(flag, FLAG, f"{where}.flags[{f}]"):
                self.unique("item", flag.get("id"), f"{where}.flags[{f}]")
                self.sourced(flag, f"{where}.flags[{f}]")

    def timer(self, timer: Raw, where: str) -> None:
        """Exactly one duration; every number traceable to the words of the items in ``from``;
        ``cautions`` and ``then`` name items."""
        numbers = {k: v for k, v in timer.items() if k in UNIT_WORDS and isinstance(v, int)}
        if ("minutes" in timer) == ("seconds" in timer):
            self.fail(where, "needs exactly one of 'minutes' or 'seconds'")
        if "for_hours" in timer and "every_hours" not in timer:
            self.fail(where, "'for_hours' needs 'every_hours' (a repeating timing)")
        if "then" in timer and "for_hours" not in timer:
            self.fail(f"{where}.then", "needs 'for_hours' (the step after that many hours)")
        for key in ("minutes", "seconds", "every_hours", "for_hours", "rest_seconds"):
            value = timer.get(key)
            if isinstance(value, int) and not isinstance(value, bool) and value < 1:
                self.fail(f"{where}.{key}", "must be 1 or more")
        sources = timer.get("from")
        if isinstance(sources, list) and not sources:
            self.fail(f"{where}.from", "must name at least one item whose words give the timing")
        texts = []
        for n, ref in enumerate(sources if isinstance(sources, list) else []):
            if self.item_ref(ref, f"{where}.from[{n}]"):
                texts.append(self.item_texts[ref].lower())
        if texts and len(texts) == len(sources):  # type: ignore[arg-type]
            for key, value in numbers.items():
                said = re.compile(rf"(?<![\d.]){value}\s*(?:{UNIT_WORDS[key]})\b")
                if not any(said.search(text) for text in texts):
                    self.fail(f"{where}.{key}", f"{value} is not said by the items in 'from' "
                              f"(no '{value} {UNIT_WORDS[key].split('|')[-1]}' in their text)")
        cautions = timer.get("cautions", [])
        for n, ref in enumerate(cautions if isinstance(cautions, list) else []):
            self.item_ref(ref, f"{where}.cautions[{n}]")
        if "then" in timer:
            self.item_ref(timer["then"], f"{where}.then")

    def item_ref(self, ref: object, where: str) -> bool:
        """``ref`` is the id of an item of some section; says so when it is not."""
        if isinstance(ref, str) and ref in self.item_texts:
            return True
        self.fail(where, f"no item has id {ref!r}")
        return False

    def same_as(self, flag_lists: list) -> None:  # type: ignore[type-arg]
        for n, rl in enumerate(flag_lists):
            if not isinstance(rl, dict) or not isinstance(rl.get("flags"), list):
                continue
            for f, flag in enumerate(rl["flags"]):
                target = flag.get("same_as") if isinstance(flag, dict) else None
                if isinstance(target, str) and target not in self.seen["item"]:
                    self.fail(f"red_flags[{n}].flags[{f}].same_as", f"no red flag has id {target!r}")

    def synonyms(self, table: dict, raw: Raw) -> None:  # type: ignore[type-arg]
        words = set(words_of(" ".join(all_strings(raw.get("topics", [])) + all_strings(raw.get("red_flags", [])))))
        for key, targets in table.items():
            where = f"synonyms.{key!r}" if not SLUG.match(key) else f"synonyms.{key}"
            if not words_of(key):
                self.fail(where, "the key must contain a word")
            if not isinstance(targets, list) or not targets:
                self.fail(where, "must be a non-empty array of strings")
                continue
            for target in targets:
                if not isinstance(target, str) or not words_of(target):
                    self.fail(where, "must be a non-empty array of strings")
                    continue
                unknown = [w for w in words_of(target) if w not in words]
                if unknown:
                    self.fail(where, f"{target!r}: {', '.join(unknown)!s} occurs nowhere in the content")


def own_signs(flag_lists: list) -> set[object]:  # type: ignore[type-arg]
    """The ids of the red flags that are no same_as copy (plain words and parts belong to them)."""
    return {f.get("id") for rl in flag_lists if isinstance(rl, dict) and isinstance(rl.get("flags"), list)
            for f in rl["flags"] if isinstance(f, dict) and not f.get("same_as")}


def all_strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in ("id", "same_as", "after", "topic", "kind", "timer", "gloss_source") for s in all_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in all_strings(v)]
    return []
