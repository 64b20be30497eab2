"""Start-up cost of the lookup commands, as ratios to `python -c pass`, with peak memory.

    python benchmarks/lookup_bench.py [--runs N] [--no-bytecode]

Runs `backref search ice`, `backref show relief`, `backref redflags` and `backref episode`
(with an open episode holding a relief tick), `backref show relief`, `backref search ice` and
`backref status --short` with two content packs installed in content.d (and `show relief`
with a ticked state file, for information) alternately with `python -c pass` from the same
interpreter, N rounds each (default 25), and prints the median wall time, its ratio to the
baseline and the peak RSS of each. Targets: ratio <= 3.0, RSS <= 25 MiB. It never asserts:
timings are for people to read, not a gate.

All runs share a fresh temporary content cache (warmed by one run first) and state path.
Bytecode is cached in a temporary PYTHONPYCACHEPREFIX, as after `pip install`; with
--no-bytecode every run compiles backref from source (PYTHONDONTWRITEBYTECODE=1).
"""
from __future__ import annotations

# Only these at the top (timing.py imports no more): the timing loop re-runs this file as a
# lean worker (python -I -S), because a child's peak RSS counts the memory of the process
# that spawned it.
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # timing.py, in the worker too
from timing import BASELINE, Samples, backref_command, print_sample  # noqa: E402

RATIO_TARGET = 3.0
RSS_TARGET_MIB = 25.0


def worker(runs: int) -> None:
    """The timing loop: stdin has one case a line (state path, data folder, then argv,
    tab-separated); each round runs `python -c pass` right before every case. Prints
    'case wall cpu rss code' per run."""
    cases = [line.rstrip("\n").split("\t") for line in sys.stdin if line.strip()]
    baseline = [sys.executable, "-c", "pass"]
    for _ in range(runs):
        for index, (state, data, *argv) in enumerate(cases):
            env = {**os.environ, "BACKREF_STATE": state, "BACKREF_DATA_DIR": data}
            for name, command in ((BASELINE, baseline), (str(index), argv)):
                print_sample(name, command, env)


def problem_of(argv: list[str], env: dict[str, str]) -> str | None:
    """Why ``argv`` cannot be timed (it fails), or None; the run also warms caches."""
    import subprocess

    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode not in (0, 1) or "Traceback" in done.stderr:
        lines = done.stderr.strip().splitlines() or [f"exit {done.returncode}"]
        return lines[-1][:70]
    return None


PACKS = {
    "physio.toml": """[pack]
title = "Physiotherapy plan"
source = "An exercise plan from a physiotherapist"
[[topics]]
id = "physio"
title = "Physiotherapy plan"
tab = "Physio"
[[topics.sections]]
id = "physio-morning"
title = "Morning exercises"
kind = "checklist"
scope = "daily"
items = [{ id = "physio-cat-camel", text = "Cat-camel, 10 slow reps" },
         { id = "physio-bridge", text = "Bridge, 8 reps" }]
""",
    "extra.toml": """[pack]
title = "Extras"
source = "My own notes"
[[sections]]
topic = "prevention"
id = "extra-habits"
title = "My extra habits"
kind = "checklist"
items = [{ id = "extra-walk", text = "Walk 20 minutes at lunch" }]
""",
}


def packs_folder(tmp: str) -> str:
    """A data folder whose content.d holds two packs."""
    data = os.path.join(tmp, "with-packs")
    os.makedirs(os.path.join(data, "content.d"))
    for name, text in PACKS.items():
        with open(os.path.join(data, "content.d", name), "w", encoding="utf-8") as fh:
            fh.write(text)
    return data


def bench_env(tmp: str, bytecode: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("BACKREF_CONTENT", "PYTHONDONTWRITEBYTECODE")}
    env["BACKREF_CACHE_DIR"] = os.path.join(tmp, "cache")
    env["BACKREF_STATE"] = os.path.join(tmp, "state", "state.toml")
    env["BACKREF_DATA_DIR"] = os.path.join(tmp, "data")  # no content.d: no packs
    if bytecode:
        env["PYTHONPYCACHEPREFIX"] = os.path.join(tmp, "pycache")
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def main() -> int:
    import argparse
    import subprocess
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=25, help="rounds per command (default 25)")
    parser.add_argument("--no-bytecode", action="store_true", help="compile backref from source on every run")
    opts = parser.parse_args()
    backref = backref_command()
    with tempfile.TemporaryDirectory(prefix="backref-bench-") as tmp:
        env = bench_env(tmp, bytecode=not opts.no_bytecode)
        ticked = os.path.join(tmp, "ticked", "state.toml")
        plain, packs = env["BACKREF_DATA_DIR"], packs_folder(tmp)
        cases = [
            ("backref search ice", env["BACKREF_STATE"], plain, backref + ["search", "ice"]),
            ("backref show relief", env["BACKREF_STATE"], plain, backref + ["show", "relief"]),
            ("backref redflags", env["BACKREF_STATE"], plain, backref + ["redflags"]),
            ("backref episode", ticked, plain, backref + ["episode"]),
            ("show relief, 2 packs", env["BACKREF_STATE"], packs, backref + ["show", "relief"]),
            ("search ice, 2 packs", env["BACKREF_STATE"], packs, backref + ["search", "ice"]),
            ("status --short, 2 packs", ticked, packs, backref + ["status", "--short"]),
            ("show relief, 2 ticks (info)", ticked, plain, backref + ["show", "relief"]),
        ]
        problem_of([sys.executable, "-c", "pass"], env)
        problem_of(backref + ["tick", "apply-ice-20-min", "stay-hydrated"], {**env, "BACKREF_STATE": ticked})
        skipped = {name: why for name, state, data, argv in cases
                   if (why := problem_of(argv, {**env, "BACKREF_STATE": state, "BACKREF_DATA_DIR": data}))}
        cases = [case for case in cases if case[0] not in skipped]
        lines = "".join("\t".join([state, data, *argv]) + "\n" for _, state, data, argv in cases)
        done = subprocess.run([sys.executable, "-I", "-S", os.path.abspath(__file__), "--worker", str(opts.runs)],
                              input=lines, env=env, capture_output=True, text=True, check=True)
    samples = Samples(done.stdout)
    base = samples.median(BASELINE)[0]
    mode = "bytecode compiled from source each run" if opts.no_bytecode else "bytecode cached"
    print(f"lookup start-up: median of {opts.runs} runs each ({mode}); command: {' '.join(backref)}")
    print(f"{'command':<30} {'median ms':>10} {'ratio':>7} {'peak RSS MiB':>13}  verdict")
    print(f"{'python -c pass':<30} {base * 1000:>10.1f} {1.0:>7.2f} {samples.median(BASELINE)[2]:>13.1f}")
    for index, (name, *_) in enumerate(cases):
        median, _cpu, peak = samples.median(str(index))
        ratio = median / base
        verdict = "ok" if ratio <= RATIO_TARGET and peak <= RSS_TARGET_MIB else "OVER TARGET"
        if samples.failed(str(index)) is not None:
            verdict = f"exit {samples.failed(str(index))}!"
        print(f"{name:<30} {median * 1000:>10.1f} {ratio:>7.2f} {peak:>13.1f}  {verdict}")
    for name, why in skipped.items():
        print(f"{name:<30} {'skipped':>10}  ({why})")
    print(f"targets: ratio <= {RATIO_TARGET}, peak RSS <= {RSS_TARGET_MIB:.0f} MiB "
          "(RSS is floored at the lean timing loop's own, about that of python -c pass)")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        worker(int(sys.argv[2]))
    else:
        sys.exit(main())
