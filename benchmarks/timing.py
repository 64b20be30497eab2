"""What the start-up benchmarks share: the command they time, how one run is timed, and the
samples their timing loops print. Only os, sys and time: each timing loop imports this into
a lean worker process (python -I -S), whose own memory a child's peak RSS would count.
"""
from __future__ import annotations

import os
import sys
import time

BASELINE = "base"  # the name of the `python -c pass` runs in a timing loop's rows


def backref_command() -> list[str]:
    """The `backref` console script beside this interpreter, else `python -m backref`."""
    script = os.path.join(os.path.dirname(sys.executable), "backref")
    if os.access(script, os.X_OK):
        return [script]
    return [sys.executable, "-m", "backref"]


def run_once(argv: list[str], env: dict[str, str], stdin: str | None = None) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds, peak RSS in MiB, exit code) of one run with its output
    discarded, reading the file ``stdin`` when one is given."""
    actions = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_WRONLY, 0) for fd in (1, 2)]
    if stdin is not None:
        actions.append((os.POSIX_SPAWN_OPEN, 0, stdin, os.O_RDONLY, 0))
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    per_mib = 2**20 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB elsewhere
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / per_mib, os.waitstatus_to_exitcode(status)


def print_sample(name: str, argv: list[str], env: dict[str, str], stdin: str | None = None) -> None:
    """Time one run and print its row: 'name<TAB>wall<TAB>cpu<TAB>rss<TAB>code'."""
    wall, cpu, mib, code = run_once(argv, env, stdin)
    print(f"{name}\t{wall}\t{cpu}\t{mib}\t{code}", flush=True)


class Samples:
    """A timing loop's rows, gathered per name: wall and CPU seconds, peak RSS (MiB), exit codes."""

    def __init__(self, rows: str) -> None:
        self.walls: dict[str, list[float]] = {}
        self.cpus: dict[str, list[float]] = {}
        self.rss: dict[str, list[float]] = {}
        self.codes: dict[str, list[int]] = {}
        for row in rows.splitlines():
            name, wall, cpu, mib, code = row.split("\t")
            self.walls.setdefault(name, []).append(float(wall))
            self.cpus.setdefault(name, []).append(float(cpu))
            self.rss.setdefault(name, []).append(float(mib))
            self.codes.setdefault(name, []).append(int(code))

    def median(self, name: str) -> tuple[float, float, float]:
        """(median wall, median CPU, highest peak RSS) of ``name``'s runs."""
        import statistics

        return statistics.median(self.walls[name]), statistics.median(self.cpus[name]), max(self.rss[name])

    def failed(self, name: str) -> int | None:
        """An exit code other than 0 (done) or 1 (nothing found) that a run of ``name`` gave."""
        return next((code for code in self.codes[name] if code not in (0, 1)), None)
