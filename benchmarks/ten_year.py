"""Every command, and the full-screen view's start, on a generated ten-year state file.

    python benchmarks/ten_year.py [--runs N] [--episodes N] [--keep DIR]

Ten years of daily use: about 4,000 episodes (each with readings and notes, places,
triggers and relief ticks), a daily prevention history of 3,650 days, a red-flag check a
week and the timers' last runs, written by backref's own writer. Each command runs as a
person runs it (a fresh process, output discarded), N rounds (default 5); the reads come
before the writes in each round, so every write meets a file it has not cached, and the
first read of each round meets the last round's write. It prints each command's median
wall time and its peak RSS, against the targets: 0.5 s and 100 MB. The view's start is
measured in a pseudo-terminal, until its first screen shows the emergency banner (then it is
sent Ctrl+Q, and the time until it has ended is printed for information), against the same
start on an empty state, in the same run. It never asserts: timings are
for people to read, not a gate.
"""
from __future__ import annotations

# Only these at the top (timing.py imports no more): the timing loop re-runs this file as a
# lean worker (python -I -S), because a child's peak RSS counts the memory of the process
# that spawned it.
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # timing.py, in the worker too
from timing import Samples, print_sample  # noqa: E402

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime

WALL_TARGET = 0.5  # seconds
RSS_TARGET_MB = 100.0

# name -> argv after `backref --state STATE`; reads first, then writes (see the docstring)
READS = [
    ("checklist", ["checklist"]),
    ("checklist --json", ["checklist", "--json"]),
    ("show relief", ["show", "relief", "--no-pager"]),
    ("episode", ["episode"]),
    ("episode list", ["episode", "list"]),
    ("episode list --json", ["episode", "list", "--json"]),
    ("summary", ["summary"]),
    ("summary --format html", ["summary", "--format", "html"]),
    ("summary --since", ["summary", "--since", "2026-01-01"]),
    ("timer", ["timer"]),
    ("search ice", ["search", "ice"]),
    ("redflags", ["redflags"]),
    ("untick (nothing ticked)", ["untick", "stop-activity-immediately"]),
]
WRITES = [
    ("tick", ["tick", "proper-warm-up"]),
    ("untick", ["untick", "proper-warm-up"]),
    ("episode start", ["episode", "start", "--severity", "6", "--trigger", "lifting"]),
    ("episode note", ["episode", "note", "--severity", "5", "a", "little", "better"]),
    ("tick relief", ["tick", "apply-ice-20-min"]),
    ("episode end", ["episode", "end"]),
    ("summary -o", ["summary", "--format", "html", "-o", "{dir}/summary.html"]),
    ("triage (kept)", ["triage"]),
]
TRIAGE_ANSWERS = "n\n" * 30


def worker(folder: str, runs: int) -> None:
    """The timing loop (lean process): prints timing.py's row per run."""
    state = os.path.join(folder, "state.toml")
    answers = os.path.join(folder, "answers.txt")
    with open(answers, "w") as fh:
        fh.write(TRIAGE_ANSWERS)
    env = {**os.environ, "BACKREF_CACHE_DIR": os.path.join(folder, "cache"),
           "XDG_CONFIG_HOME": os.path.join(folder, "config")}
    command = [sys.executable, "-m", "backref", "--state", state]
    for _ in range(runs):
        for name, argv in READS + WRITES:
            full = command + [a.replace("{dir}", folder) for a in argv]
            print_sample(name, full, env, answers if name.startswith("triage") else None)


# -- the ten-year state -------------------------------------------------------------------------

def ten_year_state(episodes: int = 4000, seed: int = 21) -> dict[str, object]:
    """A state as ten years of daily use leave it (deterministic for a seed)."""
    import datetime
    import random

    rng = random.Random(seed)
    end = datetime.datetime(2026, 11, 1, 8, 0, tzinfo=datetime.timezone.utc)
    first = end - datetime.timedelta(days=3650)
    relief = ["apply-ice-20-min", "stop-activity-immediately", "gentle-massage", "knee-to-chest-stretch",
              "pillows-under-knees", "cat-cow-stretch", "heat-after-48-hours"]
    daily = ["proper-warm-up", "core-strengthening", "stay-hydrated", "regular-stretching", "good-posture"]
    triggers = ["lifting", "bending-forward", "sudden-movements", "prolonged-sitting", "stress", "cold weather"]
    places = ["lower-back-most-common", "upper-back", "left side, above the hip"]
    notes = ["worse on the stairs", "ice helped", "slept badly", "better after a walk", "could not bend to tie shoes",
             "sharp when coughing", "eased by the evening", ""]
    span = (end - first).total_seconds() / episodes
    tables = []
    for n in range(episodes):
        started = first + datetime.timedelta(seconds=n * span + rng.uniform(0, span / 4))
        length = datetime.timedelta(hours=rng.uniform(4, span / 3600 * 0.6))
        readings = []
        for r in range(rng.randint(2, 5)):
            reading: dict[str, object] = {"at": stamp(started + length * r / 5), "severity": rng.randint(2, 9)}
            note = rng.choice(notes)
            if note:
                reading["note"] = note
            readings.append(reading)
        table: dict[str, object] = {
            "started": stamp(started), "ended": stamp(started + length),
            "where": rng.sample(places, rng.randint(1, 2)), "triggers": rng.sample(triggers, rng.randint(1, 3)),
            "readings": readings,
            "ticks": {item: stamp(started + length * rng.uniform(0, 0.9)) for item in rng.sample(relief, rng.randint(2, 6))},
        }
        tables.append(table)
    days = {}
    for d in range(3650):
        day = (first + datetime.timedelta(days=d)).date()
        if rng.random() < 0.8:
            days[day.isoformat()] = {item: f"{day.isoformat()}T07:{rng.randint(10, 59)}:00+00:00"
                                     for item in rng.sample(daily, rng.randint(1, 4))}
    checks = [{"at": stamp(first + datetime.timedelta(days=7 * w)), "result": "none",
               "answers": {"rf-bladder-bowel-control": False, "rf-saddle-numbness": False}} for w in range(520)]
    timers = {item: {"status": "done", "seconds": 1200, "reps": 1, "started": stamp(end), "ended": stamp(end)}
              for item in ("apply-ice-20-min", "heat-for-chronic-spasms", "knee-to-chest-stretch")}
    return {"version": 1, "ticks": {"ergonomic-chair": stamp(first)}, "days": days, "checks": checks,
            "timers": timers, "episodes": tables}


def stamp(when: datetime.datetime) -> str:
    return when.isoformat(timespec="seconds")


def write_state(folder: str, episodes: int) -> str:
    from backref.core.state_file import write_state as write

    path = os.path.join(folder, "state.toml")
    write(path, ten_year_state(episodes))
    return path


def tui_start(folder: str, state: str, runs: int) -> dict[str, tuple[float, float, float]]:
    """Median (wall s, peak MB, CPU s) of the view's start with the ten-year state and with none:
    the time until the first screen shows the emergency banner (what a person waits for), and,
    for information, until the process has ended after Ctrl+Q pressed at that moment (which
    adds Textual's own shut-down, about a quarter of a second even for a minimal app)."""
    import pty
    import select
    import statistics
    import subprocess

    from backref.core.load import load_content

    label = load_content().urgency["emergency"].label.encode()  # the banner's first word

    def once(state_path: str) -> tuple[float, float, float, float]:
        controller, terminal = pty.openpty()
        env = dict(os.environ, TERM="xterm-256color", COLUMNS="80", LINES="24",
                   BACKREF_STATE=state_path, BACKREF_CACHE_DIR=os.path.join(folder, "cache"))
        env.pop("NO_COLOR", None)
        env.pop("TEXTUAL_PRESS", None)
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "backref"], stdin=terminal, stdout=terminal,
                                stderr=terminal, env=env, close_fds=True)
        os.close(terminal)
        os.set_blocking(controller, False)
        drawn, shown = b"", 0.0
        while True:
            ready, _, _ = select.select([controller], [], [], 0.005)
            if ready:
                try:
                    drawn += os.read(controller, 65536)
                except OSError:
                    pass
                if not shown and label in drawn:
                    shown = time.perf_counter() - started
                    os.write(controller, b"\x11")  # Ctrl+Q: quit
            _, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if _:
                break
            if not shown and time.perf_counter() - started > 30:
                proc.kill()  # the banner never came: counted as 30 s, never as a start
        ended = time.perf_counter() - started
        os.close(controller)
        return shown or ended, ended, usage.ru_maxrss / 1e3, usage.ru_utime + usage.ru_stime

    empty = os.path.join(folder, "empty.toml")
    once(state)  # warm the caches
    results: dict[str, list[tuple[float, float, float, float]]] = {"ten years": [], "no state": []}
    for _ in range(runs):
        results["ten years"].append(once(state))
        results["no state"].append(once(empty))
    rows: dict[str, tuple[float, float, float]] = {}
    for name, values in results.items():
        peak, cpu = max(m for *_w, m, _c in values), statistics.median(c for *_w, _m, c in values)
        rows[f"view on screen, {name}"] = (statistics.median(v[0] for v in values), peak, cpu)
        rows[f"view start+quit, {name}"] = (statistics.median(v[1] for v in values), peak, cpu)
    return rows


def main() -> None:
    import argparse
    import shutil
    import subprocess
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--episodes", type=int, default=4000)
    parser.add_argument("--keep", metavar="DIR", help="generate the state into DIR and keep it")
    args = parser.parse_args()
    folder = args.keep or tempfile.mkdtemp(prefix="backref-ten-year-")
    os.makedirs(folder, exist_ok=True)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))
    sys.path.insert(0, root)
    os.environ["BACKREF_CACHE_DIR"] = os.path.join(folder, "cache")  # never the person's own
    started = time.perf_counter()
    state = write_state(folder, args.episodes)
    size = os.path.getsize(state)
    print(f"ten-year state: {args.episodes} episodes, {size / 1e6:.1f} MB "
          f"(generated in {time.perf_counter() - started:.1f} s), {args.runs} runs each")
    done = subprocess.run([sys.executable, "-I", "-S", os.path.abspath(__file__), "--worker", folder, str(args.runs)],
                          capture_output=True, text=True, env=os.environ, check=True)
    samples = Samples(done.stdout)
    failed = {name: code for name in samples.walls if (code := samples.failed(name)) is not None}
    rows = []
    for name in samples.walls:
        wall, cpu, mib = samples.median(name)
        rows.append((name, wall, mib * 2**20 / 1e6, cpu))  # MB, as the targets are
    rows += [(name, wall, mb, cpu) for name, (wall, mb, cpu) in tui_start(folder, state, args.runs).items()]
    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} cores: on a busy machine wall time runs past CPU time")
    print(f"{'command':30} {'median':>9} {'CPU':>9} {'peak RSS':>10}   targets: {WALL_TARGET} s, {RSS_TARGET_MB:.0f} MB")
    for name, wall, mb, cpu in rows:
        ok = "ok" if wall <= WALL_TARGET and mb <= RSS_TARGET_MB else "OVER"
        if name.startswith("view start+quit"):
            ok = "(information: with Textual's shut-down)"
        code = f"  (exit {failed[name]})" if name in failed else ""
        print(f"{name:30} {wall * 1000:7.0f} ms {cpu * 1000:6.0f} ms {mb:7.1f} MB   {ok}{code}")
    over = [name for name, wall, mb, _cpu in rows if (wall > WALL_TARGET or mb > RSS_TARGET_MB)
            and not name.startswith("view start+quit")]
    print(f"over a target: {', '.join(over) if over else 'none'}")
    views = {name: wall for name, wall, _mb, _cpu in rows if name.startswith("view on screen")}
    print(f"view on screen, ten years / no state: "
          f"{views['view on screen, ten years'] / views['view on screen, no state']:.2f}")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(sys.argv[2], int(sys.argv[3]))
    else:
        main()
