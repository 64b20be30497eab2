"""`backref search` start to finish, for every kind of query, as ratios to `python -c pass`.

    python benchmarks/search_lookup_bench.py [--runs N] [--no-bytecode]

The lookup budget (3x `python -c pass`, 25 MiB) holds for every search, not only `search ice`:
this runs keywords, red flags said in a person's own words (reached in full, partly, with
slips of the finger), whole sentences and the longest query read (32 words), each alternately
with `python -c pass`, N rounds (default 20), and prints each one's median wall time, its
ratio, its median CPU time (user + system) and that ratio, and its peak RSS; then the worst.
On a machine other work keeps busy the wall times wander; the CPU ratio is the steadier one.
It uses lookup_bench.py's temporary cache and state, and timing.py's way of timing a run. It never asserts.
"""
from __future__ import annotations

# Only these at the top (timing.py imports no more): the timing loop re-runs this file as a
# lean worker (python -I -S), because a child's peak RSS counts the memory of the process
# that spawned it.
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # timing.py, in the worker too
from timing import BASELINE, Samples, backref_command, print_sample  # noqa: E402

QUERIES = [
    "ice",
    "pins and needles",
    "pins and needles between my legs",
    "heart hurts",
    "feverish ice pack",
    "waterworks stopped working",
    "numbnes betwen my legs",  # two slips of the finger
    "why do i get cramps in my back when stressed",
    "do i need more sleep to stop spasms",
    "i lifted a heavy box at work yesterday and now i have a sharp pain in my lower back "
    "and my left leg feels a bit numb and tingly when i sit down for too long is that bad",
]


def worker(runs: int) -> None:
    """The timing loop: stdin has one case a line (argv, tab-separated); each round runs
    `python -c pass` right before every case. Prints 'case wall cpu rss code' per run."""
    cases = [line.rstrip("\n").split("\t") for line in sys.stdin if line.strip()]
    baseline = [sys.executable, "-c", "pass"]
    for _ in range(runs):
        for index, argv in enumerate(cases):
            for name, command in ((BASELINE, baseline), (str(index), argv)):
                print_sample(name, command, dict(os.environ))


def main() -> int:
    import argparse
    import subprocess
    import tempfile

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import lookup_bench as lb

    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="rounds per query (default 20)")
    parser.add_argument("--no-bytecode", action="store_true", help="compile backref from source on every run")
    opts = parser.parse_args()
    backref = backref_command()
    with tempfile.TemporaryDirectory(prefix="backref-bench-") as tmp:
        env = lb.bench_env(tmp, bytecode=not opts.no_bytecode)
        cases = [(q, backref + ["search", *q.split()]) for q in QUERIES]
        lb.problem_of([sys.executable, "-c", "pass"], env)
        skipped = {name: why for name, argv in cases if (why := lb.problem_of(argv, env))}
        cases = [case for case in cases if case[0] not in skipped]
        lines = "".join("\t".join(argv) + "\n" for _, argv in cases)
        done = subprocess.run([sys.executable, "-I", "-S", os.path.abspath(__file__), "--worker", str(opts.runs)],
                              input=lines, env=env, capture_output=True, text=True, check=True)
    samples = Samples(done.stdout)
    base, base_cpu, _peak = samples.median(BASELINE)
    print(f"backref search start to finish: median of {opts.runs} runs each; "
          f"python -c pass {base * 1000:.1f} ms wall, {base_cpu * 1000:.1f} ms CPU")
    print(f"{'query':<46} {'wall ms':>8} {'ratio':>6} {'CPU ms':>7} {'ratio':>6} {'RSS MiB':>8}  verdict")
    worst = worst_cpu = 0.0
    for index, (name, _) in enumerate(cases):
        wall, cpu, peak = samples.median(str(index))
        ratio, cpu_ratio = wall / base, cpu / base_cpu
        worst, worst_cpu = max(worst, ratio), max(worst_cpu, cpu_ratio)
        verdict = "ok" if min(ratio, cpu_ratio) <= lb.RATIO_TARGET and peak <= lb.RSS_TARGET_MIB else "OVER TARGET"
        shown = name if len(name) <= 45 else name[:42] + "..."
        print(f"{shown:<46} {wall * 1000:>8.1f} {ratio:>6.2f} {cpu * 1000:>7.1f} {cpu_ratio:>6.2f} {peak:>8.1f}  {verdict}")
    for name, why in skipped.items():
        print(f"{name[:45]:<46} {'skipped':>8}  ({why})")
    print(f"worst ratio {worst:.2f} wall, {worst_cpu:.2f} CPU; targets: ratio <= {lb.RATIO_TARGET}, "
          f"peak RSS <= {lb.RSS_TARGET_MIB:.0f} MiB")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        worker(int(sys.argv[2]))
    else:
        sys.exit(main())
