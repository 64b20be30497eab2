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
    RedFlag,
    RedFlagList,
    Section,
    Timer,
    Topic,
    Urgency,
)
from backref.core.errors import ContentError


def default_content_path() -> str:
    """content.toml inside the installed package, else at the root of a checkout."""
    # os.path rather than importlib.resources: the latter costs ~15 ms of imports
    # on every lookup, and the package is always installed as plain files.
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    shipped = os.path.join(package, "content.toml")
    if os.path.exists(shipped):
        return shipped
    return os.path.join(os.path.dirname(package), "content.toml")


def active_content_path(explicit: str | None = None) -> str:
    """The content file in use: an explicit path, then $BACKREF_CONTENT, then the shipped one."""
    return explicit or os.environ.get("BACKREF_CONTENT") or default_content_path()


def load_content(path: str | None = None, *, use_cache: bool = True) -> Content:
    """Read, validate and build the content at ``path``; raise ContentError if unusable."""
    import stat

    from backref.core import cache

    path = os.path.abspath(path or active_content_path())
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ContentError([f"{path}: no such file"]) from None
    except OSError as exc:
        raise ContentError([f"{path}: cannot read: {exc.strerror}"]) from None
    # only a regular file has a stable identity to cache by (a pipe is read afresh)
    use_cache = use_cache and stat.S_ISREG(st.st_mode)
    raw = cache.read("content", path, st) if use_cache else None
    if raw is None:
        from backref.core.schema import parse_and_validate

        raw = parse_and_validate(path)
        if use_cache:
            cache.write("content", path, st, raw)
    return build_content(raw, path)


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
                RedFlag(id=f["id"], text=f["text"], urgency=rl["urgency"], same_as=f.get("same_as"))
                for f in rl["flags"]
            ),
        )
        for rl in raw.get("red_flags", ())
    )
    synonyms = {k: tuple(v) for k, v in raw.get("synonyms", {}).items()}
    return Content(meta=meta, topics=topics, red_flag_lists=lists, synonyms=synonyms, path=path,
                   urgency=build_urgency(raw.get("urgency", {})), lay=build_lay(raw.get("lay", {})),
                   meaning=build_meaning(raw))


def build_urgency(raw: dict) -> dict[str, Urgency]:  # type: ignore[type-arg]
    """What the file says per urgency (Content.urgency_of fills in what it leaves out)."""
    return {
        urgency: Urgency(label=t["label"], heading=t["heading"], action=t["action"],
                         number=t.get("number", ""), short_action=t.get("short_action", ""),
                         short_number=t.get("short_number", ""), source=t["source"])
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
