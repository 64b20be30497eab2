"""Start-up of the full-screen view against a minimal Textual app, in the same run.

Each app runs in a pseudo-terminal with TEXTUAL_PRESS=ctrl+q, so it quits as soon as
it is ready; the wall time from spawn to exit is measured. They alternate, and the
medians and ratios are printed: backref with Textual's pure-Python geometry
(TEXTUAL_SPEEDUPS=0), and, where the textual-speedups package is installed, backref
with its compiled geometry. Target (TUI issue): ratio <= 1.3.

    .venv/bin/python benchmarks/tui_startup.py [RUNS]
"""
from __future__ import annotations

import importlib.util
import os
import pty
import select
import statistics
import subprocess
import sys
import tempfile
import time

MINIMAL = '''
from textual.app import App
from textual.widgets import Footer, Header, Label, TabbedContent, TabPane

class Minimal(App):
    def compose(self):
        yield Header()
        with TabbedContent():
            for n in range(10):
                with TabPane(f"Tab {n}"):
                    yield Label(f"pane {n}")
        yield Footer()

Minimal().run()
'''


def run_in_pty(argv: list[str], env: dict[str, str]) -> float:
    """Seconds from spawn until the program exits, draining its terminal output."""
    controller, terminal = pty.openpty()
    os.set_blocking(controller, False)
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=terminal, stdout=terminal, stderr=terminal, env=env, close_fds=True)
    os.close(terminal)
    while proc.poll() is None:
        ready, _, _ = select.select([controller], [], [], 0.05)
        if ready:
            try:
                os.read(controller, 65536)
            except OSError:
                pass
    elapsed = time.perf_counter() - started
    os.close(controller)
    if proc.returncode != 0:
        raise SystemExit(f"{argv} exited {proc.returncode}")
    return elapsed


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    tmp = tempfile.mkdtemp(prefix="backref-bench-")
    minimal = os.path.join(tmp, "minimal.py")
    with open(minimal, "w") as fh:
        fh.write(MINIMAL)
    env = dict(os.environ, TEXTUAL_PRESS="ctrl+q", TERM="xterm-256color", COLUMNS="80", LINES="24",
               BACKREF_STATE=os.path.join(tmp, "state.toml"), BACKREF_CACHE_DIR=os.path.join(tmp, "cache"))
    env.pop("NO_COLOR", None)
    ours = [sys.executable, "-m", "backref"]
    base = [sys.executable, minimal]
    plain = dict(env, TEXTUAL_SPEEDUPS="0")
    cases = {"minimal": (base, plain), "backref": (ours, plain)}
    if importlib.util.find_spec("textual_speedups") is not None:
        cases["backref+speedups"] = (ours, env)
        cases["minimal+speedups"] = (base, env)
    for argv, case_env in cases.values():  # warm the caches once
        run_in_pty(argv, case_env)
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, (argv, case_env) in cases.items():
            times[name].append(run_in_pty(argv, case_env))
    med = {name: statistics.median(values) for name, values in times.items()}
    print(f"runs: {runs} each, alternating, 80x24 pseudo-terminal")
    for name in cases:
        p90 = sorted(times[name])[max(0, int(runs * 0.9) - 1)]
        print(f"{name:17} median {med[name] * 1000:7.1f} ms   p90 {p90 * 1000:7.1f} ms   "
              f"ratio to minimal {med[name] / med['minimal']:.2f}")
    print(f"ratio backref/minimal: {med['backref'] / med['minimal']:.2f}  (target <= 1.30)")
    if "backref+speedups" in med:
        print(f"textual-speedups: backref {med['backref+speedups'] / med['backref']:.2f}x of without")
    else:
        print("textual-speedups is not installed: pip install textual-speedups for the third column")


if __name__ == "__main__":
    main()
