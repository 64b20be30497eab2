"""Content packs: a person's own .toml files (content.d, --pack FILE) that add topics, sections,
items, red flags, plain words or synonyms to the content in use.

A pack names its source (``[pack] title, source``) and is checked as content.toml is, against
the content and the packs before it: an id already used elsewhere names both files. A pack only
adds: it has no ``[urgency]`` table, adds no words to another file's red flags, and lists a red
flag that stands for another (``same_as``) only at that flag's own urgency, so no urgency is ever
lowered and no shipped red flag removed. Imported only when the merged-content cache misses.
"""
from __future__ import annotations

import copy
import os

from backref.core.errors import ContentError
from backref.core.schema import Checker, parse_toml

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Raw = dict[str, Any]

PACK_TOP = {"pack": (True, dict), "topics": (False, list), "sections": (False, list),
            "red_flags": (False, list), "synonyms": (False, dict), "lay": (False, dict)}
PACK_META = {"title": (True, str), "source": (True, str), "version": (False, str)}
ADDS = ("topics", "sections", "red_flags", "synonyms", "lay")


class PackChecker(Checker):
    """The checks of content.toml for one pack, with every id of ``merged`` (the content and the
    packs before it) already seen, so a reused id names its first file."""

    def __init__(self, pack: Raw, merged: Raw, origins: dict[str, str], name: str) -> None:
        self.errors: list[str] = []
        self.seen = {"topic": {}, "section": {}, "item": {}}
        self.item_texts: dict[str, str] = {}
        self.timers: list[tuple[dict, str]] = []  # type: ignore[type-arg]
        self.urgency_of_flag: dict[str, str] = {}
        self.seed(merged, origins)
        if self.table(pack, PACK_TOP, ""):
            self.check_pack(pack, merged, name)

    def seed(self, merged: Raw, origins: dict[str, str]) -> None:
        """Every id the content and earlier packs use, as '<file>: <place>'."""
        def place(kind: str, value: str, where: str) -> str:
            return origins.get(f"{kind}:{value}") or f"{origins['']}: {where}"

        for t, topic in enumerate(merged["topics"]):
            self.seen["topic"][topic["id"]] = place("topic", topic["id"], f"topics[{t}]")
            for s, section in enumerate(topic.get("sections", ())):
                self.seen["section"][section["id"]] = place("section", section["id"], f"topics[{t}].sections[{s}]")
                for i, item in enumerate(section.get("items", ())):
                    self.seen["item"][item["id"]] = place("item", item["id"], f"topics[{t}].sections[{s}].items[{i}]")
                    self.item_texts[item["id"]] = item["text"]
        for n, rl in enumerate(merged.get("red_flags", ())):
            self.seen["section"][rl["id"]] = place("section", rl["id"], f"red_flags[{n}]")
            for f, flag in enumerate(rl["flags"]):
                self.seen["item"][flag["id"]] = place("item", flag["id"], f"red_flags[{n}].flags[{f}]")
                self.urgency_of_flag[flag["id"]] = rl["urgency"]

    def check_pack(self, pack: Raw, merged: Raw, name: str) -> None:
        if isinstance(pack.get("pack"), dict):
            self.table(pack["pack"], PACK_META, "pack")
        if not any(pack.get(key) for key in ADDS):
            self.fail("file", f"adds nothing: give it one of {', '.join(ADDS)}")
        topics = pack.get("topics", [])
        for t, topic in enumerate(topics if isinstance(topics, list) else []):
            self.topic(topic, f"topics[{t}]")
        sections = pack.get("sections", [])
        for s, section in enumerate(sections if isinstance(sections, list) else []):
            where = f"sections[{s}]"
            if not isinstance(section, dict):
                self.fail(where, "must be a table")
                continue
            topic = section.get("topic")
            if topic is None:
                self.fail(where, "'topic' is required: the id of the topic it is added to")
            elif not isinstance(topic, str):
                self.fail(f"{where}.topic", "must be a string")
            else:
                self.refers(topic, "topic", f"{where}.topic")
            self.section({k: v for k, v in section.items() if k != "topic"}, where)
        flag_lists = pack.get("red_flags", [])
        flag_lists = flag_lists if isinstance(flag_lists, list) else []
        for n, rl in enumerate(flag_lists):
            self.flag_list(rl, f"red_flags[{n}]")
        self.same_as_urgency(flag_lists)
        for timer, where in self.timers:
            self.timer(timer, where)
        if isinstance(pack.get("synonyms"), dict):
            everything = {"topics": merged["topics"] + (topics if isinstance(topics, list) else [])
                          + [{"sections": sections}],
                          "red_flags": merged.get("red_flags", []) + flag_lists}
            self.synonyms(pack["synonyms"], everything)
        if isinstance(pack.get("lay"), dict):
            own = {k: v for k, v in pack["lay"].items() if k not in self.urgency_of_flag}
            for flag_id in pack["lay"]:
                if flag_id in self.urgency_of_flag:
                    self.fail(f"lay.{flag_id}", f"{flag_id!r} is a red flag of {self.seen['item'][flag_id]}: "
                              "a pack gives plain words only to its own red flags")
            self.lay(own, flag_lists)

    def same_as_urgency(self, flag_lists: list) -> None:  # type: ignore[type-arg]
        """A flag marked same_as another names it at that flag's urgency: never a lower one."""
        urgency = dict(self.urgency_of_flag)
        for rl in flag_lists:
            if isinstance(rl, dict) and isinstance(rl.get("flags"), list):
                urgency.update((str(f.get("id")), str(rl.get("urgency"))) for f in rl["flags"] if isinstance(f, dict))
        for n, rl in enumerate(flag_lists):
            if not isinstance(rl, dict) or not isinstance(rl.get("flags"), list):
                continue
            for f, flag in enumerate(rl["flags"]):
                target = flag.get("same_as") if isinstance(flag, dict) else None
                if not isinstance(target, str):
                    continue
                if target not in urgency:
                    self.fail(f"red_flags[{n}].flags[{f}].same_as", f"no red flag has id {target!r}")
                elif urgency[target] != rl.get("urgency"):
                    self.fail(f"red_flags[{n}].flags[{f}].same_as",
                              f"{target!r} is a red flag of urgency {urgency[target]}: list it under that urgency")


def read_pack(path: str) -> Raw:
    """The parsed pack at ``path`` (ContentError naming the file when it cannot be read as TOML)."""
    # only a regular file: a FIFO in content.d that someone holds open must not hang every command
    return parse_toml(path, "a [pack] table and what it adds", pipes=False, name=path)


def add_pack(merged: Raw, origins: dict[str, str], pack: Raw, path: str) -> Raw:
    """Check ``pack`` against ``merged`` and add it (a new table: ``merged`` is left as it was);
    ContentError with every problem, each line naming the file, when it cannot be added."""
    name = os.path.basename(path)
    errors = PackChecker(pack, merged, origins, name).errors
    if errors:
        raise ContentError([f"{path}: {e}" for e in errors])
    out = copy.deepcopy(merged)
    topics = {t["id"]: t for t in out["topics"]}

    def remember(kind: str, value: str, where: str) -> None:
        origins[f"{kind}:{value}"] = f"{path}: {where}"

    def remember_section(section: Raw, where: str) -> None:
        remember("section", section["id"], where)
        for i, item in enumerate(section.get("items", ())):
            remember("item", item["id"], f"{where}.items[{i}]")

    for t, topic in enumerate(pack.get("topics", ())):
        out["topics"].append(copy.deepcopy(topic))
        topics[topic["id"]] = out["topics"][-1]
        remember("topic", topic["id"], f"topics[{t}]")
        for s, section in enumerate(topic.get("sections", ())):
            remember_section(section, f"topics[{t}].sections[{s}]")
    for s, section in enumerate(pack.get("sections", ())):
        added = {k: copy.deepcopy(v) for k, v in section.items() if k != "topic"}
        topics[section["topic"]].setdefault("sections", []).append(added)
        remember_section(section, f"sections[{s}]")
    for n, rl in enumerate(pack.get("red_flags", ())):
        out.setdefault("red_flags", []).append(copy.deepcopy(rl))
        remember("section", rl["id"], f"red_flags[{n}]")
        for f, flag in enumerate(rl["flags"]):
            remember("item", flag["id"], f"red_flags[{n}].flags[{f}]")
    synonyms = out.setdefault("synonyms", {})
    for word, targets in pack.get("synonyms", {}).items():
        synonyms[word] = list(dict.fromkeys([*synonyms.get(word, []), *targets]))
    out.setdefault("lay", {}).update(copy.deepcopy(pack.get("lay", {})))
    out.setdefault("packs", []).append({
        "path": path, "title": pack["pack"]["title"], "source": pack["pack"]["source"],
        "topics": [t["id"] for t in pack.get("topics", ())],
        "sections": [s["id"] for s in pack.get("sections", ())],
    })
    return out


def merge_packs(base: Raw, base_path: str, paths: list[str]) -> tuple[Raw, list[str]]:
    """The content ``base`` with every pack of ``paths`` that can be added, in order, and one
    notice for each that cannot (it is skipped; the rest still load)."""
    merged = base
    origins = {"": base_path}
    notices: list[str] = []
    for path in paths:
        try:
            merged = add_pack(merged, origins, read_pack(path), path)
        except ContentError as exc:
            more = len(exc.errors) - 1
            first = exc.errors[0] + (f" (and {more} more: backref check)" if more else "")
            notices.append(f"pack skipped: {first}")
    return merged, notices


def check_packs(base: Raw, base_path: str, paths: list[str]) -> tuple[list[str], Raw, list[str]]:
    """(every problem of every pack, each line naming its file; the content with the packs that
    could be added; their paths)."""
    merged = base
    origins = {"": base_path}
    errors: list[str] = []
    added: list[str] = []
    for path in paths:
        try:
            merged = add_pack(merged, origins, read_pack(path), path)
            added.append(path)
        except ContentError as exc:
            errors.extend(exc.errors)
    return errors, merged, added
