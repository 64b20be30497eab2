"""`backref summary` on a ten-year state: wall time and peak memory, Markdown and HTML.

    python benchmarks/summary_scale.py [--episodes N] [--runs N] [--keep DIR]

Generates a state file as ten years of daily use leave it (default 4,000 episodes, each
with readings, notes, places, triggers and relief ticks; prevention ticked most days; a
red-flag check every ten episodes or so; the last episode open), then runs, alternately
with `python -c pass`, `backref summary` (Markdown on stdout) and `backref summary
--format html -o FILE`, each with the state's parse cache cold (deleted before the run)
and warm. Prints the median wall time, its ratio to `python -c pass`, and the peak RSS of
each. Targets (issue 21): under 0.5 s and 100 MB on about 4,000 episodes. It never asserts:
timings are for people to read, not a gate.
"""
from __future__ import annotations

# Only these at the top (timing.py imports no more): the timing loop re-runs this file as a
# lean worker (python -I -S), because a child's peak RSS counts the memory of the process
# that spawned it.
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # timing.py, in the worker too
from timing import BASELINE, Samples, backref_command, print_sample  # noqa: E402

WALL_TARGET = 0.5
RSS_TARGET_MIB = 100.0


def write_ten_year_state(path: str, episodes: int = 4000, seed: int = 10) -> None:
    """A state file as ``episodes`` episodes over ten years leave it, ending now (the last open)."""
    import datetime
    import random

    import tomli_w

    from backref.core.load import load_content

    content = load_content()
    relief = [i.id for _t, s in content.checklist_sections() if s.per_episode for i in s.items]
    daily = [i.id for _t, s in content.checklist_sections() if s.scope == "daily" for i in s.items]
    flags = [f.id for rl in content.red_flag_lists for f in rl.flags if not getattr(f, "same_as", None)]
    places = ["lower-back-most-common", "mid-back", "left side", "both sides, worse on the right"]
    triggers = ["bending-forward", "getting-out-of-bed", "cold-exposure", "lifting the shopping", "gardening"]
    notes = ["after gardening", "worse at night", "ice helped a little", "could not get out of bed",
             "better after a walk", "stiff in the morning, easing by lunch"]
    rng = random.Random(seed)
    now = datetime.datetime.now().astimezone().replace(microsecond=0)
    first = now - datetime.timedelta(days=3650)
    step = (now - first) / episodes

    def stamp(when: datetime.datetime) -> str:
        return when.isoformat(timespec="seconds")

    tables = []
    for n in range(episodes):
        started = first + step * n + datetime.timedelta(minutes=rng.randrange(0, 120))
        length = step * rng.uniform(0.2, 0.8)
        count = rng.randint(1, 6)
        readings = []
        for k in range(count):
            reading: dict[str, object] = {"at": stamp(started + length * k / count), "severity": rng.randint(1, 10)}
            if rng.random() < 0.4:
                reading["note"] = rng.choice(notes)
            readings.append(reading)
        table: dict[str, object] = {"started": stamp(started)}
        if rng.random() < 0.7:
            table["where"] = rng.sample(places, rng.randint(1, 2))
        if rng.random() < 0.6:
            table["triggers"] = rng.sample(triggers, rng.randint(1, 2))
        table["readings"] = readings
        table["ticks"] = {item: stamp(started + length * rng.random()) for item in rng.sample(relief, rng.randint(0, 4))}
        if n < episodes - 1:
            table["ended"] = stamp(started + length)
        tables.append(table)
    days = {}
    for d in range(3650):
        day = first + datetime.timedelta(days=d)
        if rng.random() < 0.7:
            days[day.date().isoformat()] = {item: stamp(day) for item in rng.sample(daily, rng.randint(1, 3))}
    checks = []
    for n in range(0, episodes, 10):
        answers = {flag: False for flag in flags}
        at = tables[n]["started"]
        record: dict[str, object] = {"at": at, "answers": answers, "result": "none"}
        if rng.random() < 0.1:
            yes = flags[-1]
            answers[yes] = True
            record.update(result="see-doctor", sign=yes)
        checks.append(record)
    state = {"version": 1, "checks": checks, "ticks": {}, "days": days, "episodes": tables}
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "wb") as out:
        tomli_w.dump(state, out)


def clear_cache(folder: str) -> None:
    for name in os.listdir(folder) if os.path.isdir(folder) else ():
        if name.startswith("state"):
            os.remove(os.path.join(folder, name))


def worker(runs: int) -> None:
    """The timing loop: stdin has one case a line ('cold' or 'warm', then argv, tab-separated);
    each round runs `python -c pass` right before every case. Prints 'case wall cpu rss code' per run."""
    cases = [line.rstrip("\n").split("\t") for line in sys.stdin if line.strip()]
    baseline = [sys.executable, "-c", "pass"]
    env = dict(os.environ)
    for _ in range(runs):
        for index, (cache, *argv) in enumerate(cases):
            if cache == "cold":
                clear_cache(env["BACKREF_CACHE_DIR"])
            for name, command in ((BASELINE, baseline), (str(index), argv)):
                print_sample(name, command, env)


def main() -> int:
    import argparse
    import subprocess
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=4000, help="episodes in the state (default 4000)")
    parser.add_argument("--runs", type=int, default=5, help="rounds per command (default 5)")
    parser.add_argument("--keep", metavar="DIR", help="generate the state and the pages in DIR and keep them")
    opts = parser.parse_args()
    backref = backref_command()
    with tempfile.TemporaryDirectory(prefix="backref-bench-") as tmp:
        where = opts.keep or tmp
        state = os.path.join(where, "state.toml")
        page = os.path.join(where, "summary.html")
        write_ten_year_state(state, opts.episodes)
        env = {k: v for k, v in os.environ.items() if k not in ("BACKREF_CONTENT", "PYTHONDONTWRITEBYTECODE")}
        env.update(BACKREF_CACHE_DIR=os.path.join(tmp, "cache"), BACKREF_STATE=state,
                   PYTHONPYCACHEPREFIX=os.path.join(tmp, "pycache"), XDG_CONFIG_HOME=os.path.join(tmp, "config"))
        cases = [(f"summary ({cache} cache)", cache, backref + ["summary"]) for cache in ("cold", "warm")]
        cases += [(f"summary --format html -o ({cache} cache)", cache,
                   backref + ["summary", "--format", "html", "-o", page]) for cache in ("cold", "warm")]
        for _name, _cache, argv in cases:  # warm the bytecode and check each runs
            done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if done.returncode != 0:
                print(f"{' '.join(argv[1:])}: exit {done.returncode}: {done.stderr.strip()[-200:]}")
                return 1
        lines = "".join("\t".join([cache, *argv]) + "\n" for _, cache, argv in cases)
        done = subprocess.run([sys.executable, "-I", "-S", os.path.abspath(__file__), "--worker", str(opts.runs)],
                              input=lines, env=env, capture_output=True, text=True, check=True)
        sizes = {"state": os.path.getsize(state), "html": os.path.getsize(page)}
    samples = Samples(done.stdout)
    base, base_cpu, base_peak = samples.median(BASELINE)
    print(f"summary on {opts.episodes} episodes over ten years (state {sizes['state'] / 2**20:.1f} MiB, "
          f"HTML {sizes['html'] / 2**20:.1f} MiB); median of {opts.runs} runs; command: {' '.join(backref)}")
    print(f"{'command':<36} {'wall ms':>8} {'ratio':>7} {'CPU ms':>8} {'peak RSS MiB':>13}  verdict")
    print(f"{'python -c pass':<36} {base * 1000:>8.1f} {1.0:>7.2f} {base_cpu * 1000:>8.1f} {base_peak:>13.1f}")
    for index, (name, _, _) in enumerate(cases):
        median, cpu, peak = samples.median(str(index))
        verdict = "ok" if median <= WALL_TARGET and peak <= RSS_TARGET_MIB else "OVER TARGET"
        print(f"{name:<36} {median * 1000:>8.1f} {median / base:>7.2f} {cpu * 1000:>8.1f} {peak:>13.1f}  {verdict}")
    print(f"targets: under {WALL_TARGET * 1000:.0f} ms and {RSS_TARGET_MIB:.0f} MiB (issue 21's ten-year state); "
          "CPU time is the steadier figure on a busy machine")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        worker(int(sys.argv[2]))
    else:
        sys.exit(main())
