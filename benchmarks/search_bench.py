"""Search speed: index build time, and per-query time over 62 realistic queries.

    python benchmarks/search_bench.py [--rounds N]

Two corpora: the real content.toml, and the same content x100 (every topic copied with
fresh ids, made here and never saved). Each query runs N rounds (default 5) with the
index's per-word cache emptied first, so every run pays for its own lookups, as a new
query typed into the search box does. Prints p50 and p95 per corpus against the
targets (p95 <= 2 ms real, <= 20 ms x100), and the ratio to a naive baseline measured
in the same process: a scan of every line for every query word. Never asserts.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from backref.core.content import Content, Item, LaySign, Meaning, RedFlag, RedFlagList, Section, Topic
from backref.core.load import load_content
from backref.core.search import SearchIndex, build_index

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGETS_MS = {"real": 2.0, "x100": 20.0}
COPIES = 100

QUERIES = [
    "ice", "heat", "sciatica", "sciatca", "pins and needles", "ice pack", "cold pack", "what to do first",
    "can't get out of bed", "back spasm when sneezing", "ibuprofen", "tylenol", "numb groin",
    "peeing myself", "kidney stones", "stretches for lower back", "bad posture at desk", "mattress",
    "how long does a spasm last", "fever and back pain", "muscle relaxer", "physio", "chiropractor",
    "best sleeping position", "slipped disc", "pain shooting down my leg", "lifting heavy boxes",
    "stiff in the morning", "trouble breathing", "chest pain", "pain at night",
    "when should I see a doctor", "emergency", "stress", "drink more water", "core exercises",
    "keeps coming back", "heating pad", "lie down", "back brace", "twisting", "numbness in legs",
    "car accident", "stomach pain", "tired all the time", "threw out my back", "stre", "heat and co",
    "xyzzyq", "back pain", "numb between my legs", "feverish", "cant get comfortable in any position",
    # red flags said in a person's own words, whole sentences and typos (search by meaning)
    "heart hurts", "waterworks stopped working", "pins and needles between my legs", "feverish ice pack",
    "weak knees and back spasm", "numbnes betwen my legs", "why do i get cramps in my back when stressed",
    "do i need more sleep to stop spasms", "i lifted a heavy box at work and now my left leg feels numb",
]


def scaled(content: Content, copies: int) -> Content:
    """``content`` with every topic (and its red-flag lists) copied ``copies`` times, fresh ids."""
    topics: list[Topic] = []
    lists: list[RedFlagList] = []
    lay: dict[str, LaySign] = {}
    reach: dict[str, list[str]] = {}
    for n in range(copies):
        tag = "" if n == 0 else f"-{n}"
        for topic in content.topics:
            topics.append(Topic(
                id=topic.id + tag, title=topic.title, tab=topic.tab, paragraphs=topic.paragraphs,
                sections=tuple(Section(
                    id=s.id + tag, title=s.title, kind=s.kind, scope=s.scope, paragraphs=s.paragraphs,
                    items=tuple(Item(id=i.id + tag, text=i.text, detail=i.detail) for i in s.items),
                ) for s in topic.sections),
            ))
        for rl in content.red_flag_lists:
            lists.append(RedFlagList(
                id=rl.id + tag, title=rl.title, urgency=rl.urgency, topic=rl.topic + tag,
                after=rl.after + tag if rl.after else None, note=rl.note,
                flags=tuple(RedFlag(id=f.id + tag, text=f.text, urgency=f.urgency,
                                    same_as=f.same_as + tag if f.same_as else None) for f in rl.flags),
            ))
        for flag_id, sign in content.lay.items():
            lay[flag_id + tag] = LaySign(flag_id=flag_id + tag, question=sign.question,
                                         question_source=sign.question_source, says=sign.says,
                                         sources=sign.sources, not_alone=sign.not_alone)
        reach.update({sign + tag: list(combos) for sign, combos in content.meaning.reach.items()})
    return Content(meta=content.meta, topics=tuple(topics), red_flag_lists=tuple(lists),
                   synonyms=content.synonyms, path=content.path + ".x100", urgency=content.urgency, lay=lay,
                   meaning=Meaning(tables=content.meaning.tables, combos=reach))


def naive_search(lines: list[str], query: str) -> list[int]:
    """The baseline: every line holding every word of the query, by substring."""
    words = query.lower().split()
    return [n for n, line in enumerate(lines) if all(w in line for w in words)]


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def timed_ms(action: object, *args: object) -> float:
    start = time.perf_counter()
    action(*args)  # type: ignore[operator]
    return (time.perf_counter() - start) * 1000


def bench(name: str, content: Content, rounds: int) -> None:
    builds = [timed_ms(build_index, content) for _ in range(3 if len(content.topics) > 50 else 20)]
    index: SearchIndex = build_index(content)
    first_typo = timed_ms(index.query, "sciatca")
    samples: list[float] = []
    slowest: list[tuple[float, str]] = []
    for query in QUERIES:
        times = []
        for _ in range(rounds):
            index.memo.clear()
            times.append(timed_ms(index.query, query, 10))
        samples += times
        slowest.append((statistics.median(times), query))
    lines = [e.line.lower() for e in index.entries]
    naive = [timed_ms(naive_search, lines, q) for q in QUERIES for _ in range(rounds)]
    p50, p95 = percentile(samples, 0.50), percentile(samples, 0.95)
    target = TARGETS_MS[name]
    print(f"{name}: {len(index.entries)} entries, {len(index.vocabulary)} words")
    print(f"  build      {statistics.median(builds):8.2f} ms (median of {len(builds)})"
          f"   first typo query {first_typo:.2f} ms")
    print(f"  query p50  {p50:8.3f} ms   p95 {p95:8.3f} ms   target p95 <= {target:g} ms"
          f"   p95/target {p95 / target:.2f}   {'ok' if p95 <= target else 'OVER'}")
    print(f"  naive scan p50 {percentile(naive, 0.5):.3f} ms   p95 {percentile(naive, 0.95):.3f} ms"
          f"   index/naive p50 {p50 / percentile(naive, 0.5):.2f}")
    print("  slowest: " + ", ".join(f"{q!r} {t:.2f} ms" for t, q in sorted(slowest, reverse=True)[:3]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="runs of each query (default 5)")
    args = parser.parse_args(argv)
    content = load_content(os.path.join(ROOT, "content.toml"), use_cache=False)
    print(f"python {sys.version.split()[0]}, {len(QUERIES)} queries x {args.rounds} rounds, cache emptied per run")
    bench("real", content, args.rounds)
    bench("x100", scaled(content, COPIES), args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
