"""`backref search` start to finish, for every kind of query, as ratios to `python -c pass`.

    python benchmarks/search_lookup_bench.py [--runs N] [--no-bytecode]

The lookup budget (3x `python -c pass`, 25 MiB) holds for every search, not only `search ice`:
this runs keywords, red flags said in a person's own words (reached in full, partly, with a
typo), whole sentences and the longest query read (32 words), alternately with `python -c pass`,
N rounds each (default 15), and prints each one's median wall time, ratio and peak RSS, then
the worst. It uses lookup_bench.py's lean timing loop and temporary cache. It never asserts.
"""
from __future__ import annotations

import os
import sys

QUERIES = [
    "ice",
    "pins and needles",
    "pins and needles between my legs",
    "heart hurts",
    "feverish ice pack",
    "waterworks stopped working",
    "numbnes betwen my legs",  # two typos
    "why do i get cramps in my back when stressed",
    "do i need more sleep to stop spasms",
    "i lifted a heavy box at work yesterday and now i have a sharp pain in my lower back "
    "and my left leg feels a bit numb and tingly when i sit down for too long is that bad",
]


def main() -> int:
    import argparse
    import statistics
    import subprocess
    import tempfile

    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, here)
    import lookup_bench as lb

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="rounds per query (default 15)")
    parser.add_argument("--no-bytecode", action="store_true", help="compile backref from source on every run")
    opts = parser.parse_args()
    backref = lb.backref_command()
    with tempfile.TemporaryDirectory(prefix="backref-bench-") as tmp:
        env = lb.bench_env(tmp, bytecode=not opts.no_bytecode)
        cases = [(q, env["BACKREF_STATE"], backref + ["search", *q.split()]) for q in QUERIES]
        lb.problem_of([sys.executable, "-c", "pass"], env)
        skipped = {name: why for name, state, argv in cases if (why := lb.problem_of(argv, env))}
        cases = [case for case in cases if case[0] not in skipped]
        lines = "".join("\t".join([state, *argv]) + "\n" for _, state, argv in cases)
        done = subprocess.run([sys.executable, "-I", "-S", lb.__file__, "--worker", str(opts.runs)],
                              input=lines, env=env, capture_output=True, text=True, check=True)
    walls: dict[str, list[float]] = {}
    rss: dict[str, list[float]] = {}
    for row in done.stdout.splitlines():
        key, wall, mib, _code = row.split()
        name = lb.BASELINE if key == lb.BASELINE else cases[int(key)][0]
        walls.setdefault(name, []).append(float(wall))
        rss.setdefault(name, []).append(float(mib))
    base = statistics.median(walls[lb.BASELINE])
    print(f"backref search start to finish: median of {opts.runs} runs each; python -c pass {base * 1000:.1f} ms")
    print(f"{'query':<46} {'median ms':>10} {'ratio':>7} {'peak RSS MiB':>13}  verdict")
    worst = 0.0
    for name, _, _ in cases:
        median, peak = statistics.median(walls[name]), max(rss[name])
        ratio = median / base
        worst = max(worst, ratio)
        verdict = "ok" if ratio <= lb.RATIO_TARGET and peak <= lb.RSS_TARGET_MIB else "OVER TARGET"
        shown = name if len(name) <= 45 else name[:42] + "..."
        print(f"{shown:<46} {median * 1000:>10.1f} {ratio:>7.2f} {peak:>13.1f}  {verdict}")
    for name, why in skipped.items():
        print(f"{name[:45]:<46} {'skipped':>10}  ({why})")
    print(f"worst ratio {worst:.2f}; targets: ratio <= {lb.RATIO_TARGET}, peak RSS <= {lb.RSS_TARGET_MIB:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
