"""Reading content: which file is in use, and content.toml -> Content (through the parse cache).

Ground floor; the schema (tomllib, re) is imported only when the cache misses.
"""
from __future__ import annotations

import os

from backref.core.content import (
    Content,
    Item,
    LaySign,
    Meaning,
    Meta,
    NumberNote,
    Pack,
    RedFlag,
    RedFlagList,
    Section,
    Timer,
    Topic,
    Urgency,
)
from backref.core.errors import ContentError
from backref.core.locations import content_path, packs_dir


def load_content(path: str | None = None, *, use_cache: bool = True) -> Content:
    """Read, validate and build the content at ``path``; raise ContentError if unusable."""
    path = os.path.abspath(path or content_path())
    return build_content(load_raw(path, content_stat(path), use_cache=use_cache), path)


def content_stat(path: str) -> os.stat_result:
    """The content file's stat; ContentError when there is none."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        raise ContentError([f"{path}: no such file"]) from None
    except OSError as exc:
        raise ContentError([f"{path}: cannot read: {exc.strerror}"]) from None


def load_raw(path: str, st: os.stat_result, *, use_cache: bool = True) -> dict:  # type: ignore[type-arg]
    """The validated table of the content at ``path`` (through the cache when it is a regular file)."""
    import stat

    from backref.core import cache

    # only a regular file has a stable identity to cache by (a pipe is read afresh)
    use_cache = use_cache and stat.S_ISREG(st.st_mode)
    raw = cache.read("content", path, st) if use_cache else None
    if raw is None:
        from backref.core.schema import parse_and_validate

        raw = parse_and_validate(path)
        if use_cache:
            cache.write("content", path, st, raw)
    return raw


def pack_paths(explicit: list[str] | tuple[str, ...] = (), *, folder: bool = True) -> list[str]:
    """The packs to add, in order: content.d's *.toml by name (when ``folder``), then ``explicit``."""
    paths: list[str] = []
    if folder:
        directory = packs_dir()
        try:
            with os.scandir(directory) as entries:
                names = sorted(e.name for e in entries if e.name.endswith(".toml") and not e.name.startswith("."))
        except OSError:  # no content.d (the usual case), or not a folder
            names = []
        paths = [os.path.join(directory, name) for name in names]
    paths += [os.path.abspath(os.path.expanduser(p)) for p in explicit]
    return list(dict.fromkeys(paths))


def load_with_packs(path: str | None, packs: list[str], *, use_cache: bool = True) -> tuple[Content, list[str]]:
    """(the content at ``path`` with every pack of ``packs`` that can be added, one notice per
    pack skipped). The merged result is cached under the identity of every file in it, so a
    pack added, changed or removed (or a changed content file) is read afresh."""
    import stat

    from backref.core import cache
    from backref.core.disk import file_key

    path = os.path.abspath(path or content_path())
    st = content_stat(path)
    if not packs:
        return build_content(load_raw(path, st, use_cache=use_cache), path), []
    identity: list[tuple[object, ...]] = []
    for pack in packs:
        try:
            pack_st = os.stat(pack)
        except OSError:
            use_cache = False  # its notice comes from reading it
            break
        use_cache = use_cache and stat.S_ISREG(pack_st.st_mode)
        identity.append((pack, *file_key(pack_st)))
    use_cache = use_cache and stat.S_ISREG(st.st_mode)
    cached = cache.read("packs", path, st, tuple(identity)) if use_cache else None
    if cached is not None:
        return build_content(cached["raw"], path), list(cached["notices"])
    from backref.core.packs import merge_packs

    merged, notices = merge_packs(load_raw(path, st, use_cache=use_cache), path, packs)
    if use_cache:
        cache.write("packs", path, st, {"raw": merged, "notices": notices}, tuple(identity))
    return build_content(merged, path), notices


def build_content(raw: dict, path: str) -> Content:  # type: ignore[type-arg]
    """Records from a dict that has passed validation."""
    meta = Meta(**raw["meta"])
    topics = tuple(
        Topic(
            id=t["id"],
            title=t["title"],
            tab=t["tab"],
            paragraphs=tuple(t.get("paragraphs", ())),
            sections=tuple(
                Section(
                    id=s["id"],
                    title=s["title"],
                    kind=s["kind"],
                    scope=section_scope(s),
                    paragraphs=tuple(s.get("paragraphs", ())),
                    items=tuple(
                        Item(id=i["id"], text=i["text"], detail=i.get("detail"), timer=build_timer(i.get("timer")))
                        for i in s.get("items", ())
                    ),
                )
                for s in t.get("sections", ())
            ),
        )
        for t in raw["topics"]
    )
    lists = tuple(
        RedFlagList(
            id=rl["id"],
            title=rl["title"],
            urgency=rl["urgency"],
            topic=rl["topic"],
            after=rl.get("after"),
            note=rl.get("note"),
            flags=tuple(
                RedFlag(id=f["id"], text=f["text"], urgency=rl["urgency"], same_as=f.get("same_as"),
                        gloss=f.get("gloss"))
                for f in rl["flags"]
            ),
        )
        for rl in raw.get("red_flags", ())
    )
    synonyms = {k: tuple(v) for k, v in raw.get("synonyms", {}).items()}
    packs = tuple(Pack(path=p["path"], title=p["title"], source=p["source"], topics=tuple(p["topics"]),
                       sections=tuple(p["sections"])) for p in raw.get("packs", ()))
    numbers = {n: NumberNote(number=n, says=t["says"], source=t["source"]) for n, t in raw.get("numbers", {}).items()}
    return Content(meta=meta, topics=topics, red_flag_lists=lists, synonyms=synonyms, path=path,
                   urgency=build_urgency(raw.get("urgency", {})), lay=build_lay(raw.get("lay", {})),
                   packs=packs, numbers=numbers, meaning=build_meaning(raw))


def build_urgency(raw: dict) -> dict[str, Urgency]:  # type: ignore[type-arg]
    """What the file says per urgency (Content.urgency_of fills in what it leaves out)."""
    return {
        # "{label}" in a heading is the label: relabel the urgency and every heading follows
        urgency: Urgency(label=t["label"], heading=t["heading"].replace("{label}", t["label"]), action=t["action"],
                         number=t.get("number", ""), short_action=t.get("short_action", ""),
                         short_number=t.get("short_number", ""), source=t["source"],
                         time_frame=t.get("time_frame", ""), safety_net=t.get("safety_net", ""))
        for urgency, t in raw.items()
    }


def build_lay(raw: dict) -> dict[str, LaySign]:  # type: ignore[type-arg]
    """Red flag id -> its question and plain words."""
    return {
        flag_id: LaySign(
            flag_id=flag_id, question=table["question"], question_source=table["question_source"],
            says=tuple(s for words in table.get("words", ()) for s in words["says"]),
            sources=tuple(words["source"] for words in table.get("words", ())),
            not_alone=tuple(table.get("not_alone", ())),
            differs=table.get("differs", ""), differs_source=table.get("differs_source", ""),
        )
        for flag_id, table in raw.items()
    }



def section_scope(raw: dict) -> str:  # type: ignore[type-arg]
    """A section's scope: ``scope``, else "daily" for the older ``daily = true``, else ""."""
    return str(raw.get("scope") or ("daily" if raw.get("daily") else ""))
def build_timer(raw: dict | None) -> Timer | None:  # type: ignore[type-arg]
    """A Timer from a validated ``timer`` table, or None when the item has none."""
    if raw is None:
        return None
    unit = "minutes" if "minutes" in raw else "seconds"
    every, window = raw.get("every_hours"), raw.get("for_hours")
    return Timer(
        seconds=raw["minutes"] * 60 if unit == "minutes" else raw["seconds"],
        unit=unit,
        every_seconds=every * 3600 if every else None,
        window_seconds=window * 3600 if window else None,
        sources=tuple(raw["from"]),
        cautions=tuple(raw.get("cautions", ())),
        then=raw.get("then"),
        rest_seconds=raw.get("rest_seconds", 0),
    )


def build_meaning(raw: dict) -> Meaning:  # type: ignore[type-arg]
    """The parts vocabulary (``[parts.*]``) and each sign's combinations of parts (``[reach]``)."""
    return Meaning(tables=raw.get("parts", {}), combos=raw.get("reach", {}))
