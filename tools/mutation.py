"""Mutation testing of backref's core modules: the share of mutants the tests kill, per module.

Slow (about 40-50 minutes for every module on two cores), so never part of CI. Run it from
a checkout with the test extras and mutmut installed:

    .venv/bin/pip install mutmut==3.8.1
    .venv/bin/python tools/mutation.py                   # every core module
    .venv/bin/python tools/mutation.py --module search   # one module (repeat for more)
    .venv/bin/python tools/mutation.py --scores          # the last run's scores again
    .venv/bin/python tools/mutation.py --survivors       # after adding tests: only what survived

mutmut copies the package into ./mutants, changes one thing at a time (a constant, an
operator, a dropped call) and runs the fast tests against each change. A mutant that
no test notices "survived"; `mutmut show NAME` prints its diff. The shared settings
(the fast tests run against each mutant) are in pyproject.toml under [tool.mutmut]; the
modules are chosen here.

A survivor that changes nothing a person could notice (an "equivalent" mutant) is named, with
the reason, in tools/equivalent_mutants/MODULE.txt, one `NAME: reason` per line. The scores
count those apart, and the list at the end shows only the survivors nobody has explained.
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

# The core modules, as dotted names under backref/: the ones whose every mutant should die.
CORE_MODULES = tuple(
    f"backref.core.{path.stem}"
    for path in sorted((Path(__file__).resolve().parent.parent / "backref" / "core").glob("*.py"))
    if path.stem != "__init__"
)

ROOT = Path(__file__).resolve().parent.parent
SITECUSTOMIZE = """\
import os

if os.environ.get("MUTANT_UNDER_TEST"):  # a `python -m backref` started by a test of a mutant
    _here = os.getcwd()
    os.chdir({root!r})
    try:
        import mutmut.configuration

        mutmut.configuration.config()
    finally:
        os.chdir(_here)
"""
KILLED = {"killed", "timeout", "caught by type check", "segfault"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", action="append", metavar="NAME",
                        help="a core module to mutate, e.g. search or backref.core.search (repeatable)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="mutants run at once")
    parser.add_argument("--fresh", action="store_true", help="forget earlier results first")
    parser.add_argument("--scores", action="store_true", help="print the last run's scores, run nothing")
    parser.add_argument("--survivors", action="store_true",
                        help="run again only the mutants the last run did not kill (after adding tests)")
    args = parser.parse_args(argv)
    modules = chosen_modules(args.module or [])
    os.chdir(ROOT)
    if not args.scores:
        shell_signals()
        if args.fresh:
            shutil.rmtree(ROOT / "mutants", ignore_errors=True)
        if args.survivors:
            names = [name for name, status in mutant_statuses()
                     if module_of(name) in modules and status not in KILLED]
            if not names:
                print("mutation: no survivors to run again", file=sys.stderr)
                return print_scores(modules)
        else:
            names = [f"{module}.*" for module in modules]
        run_mutmut(names, args.jobs)
    return print_scores(modules)


def chosen_modules(names: list[str]) -> list[str]:
    if not names:
        return list(CORE_MODULES)
    chosen = []
    for name in names:
        dotted = name if name.startswith("backref.") else f"backref.core.{name.removesuffix('.py')}"
        if dotted not in CORE_MODULES:
            raise SystemExit(f"mutation: {name!r} is not a core module ({', '.join(CORE_MODULES)})")
        chosen.append(dotted)
    return chosen


def shell_signals() -> None:
    """Ctrl-C, hang-up and quit as an interactive shell leaves them. A run started in the background
    (`nohup ... &`) inherits them ignored, and so would every backref a test starts; the tests that
    press Ctrl-C on it would then wait for an exit that never comes."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    signal.signal(signal.SIGQUIT, signal.SIG_DFL)


def run_mutmut(names: list[str], jobs: int) -> None:
    """`mutmut run` over the named mutants (a name may end in `.*`)."""
    env = dict(os.environ)
    # subprocess tests (`python -m backref ...`) must import the mutated copy too; the folder
    # must exist before mutmut starts, or Python remembers it as missing
    (ROOT / "mutants").mkdir(exist_ok=True)
    # ... and find mutmut's settings from whatever directory the test runs them in
    (ROOT / "mutants" / "sitecustomize.py").write_text(SITECUSTOMIZE.format(root=str(ROOT)))
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "mutants"), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    done = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs), *names], env=env)
    if done.returncode != 0:
        print(f"mutation: mutmut exited {done.returncode}", file=sys.stderr)


def mutant_statuses() -> list[tuple[str, str]]:
    """(mutant name, status) of every mutant mutmut has results for."""
    done = subprocess.run([sys.executable, "-m", "mutmut", "results", "--all", "true"],
                          capture_output=True, text=True)
    rows = []
    for line in done.stdout.splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if sep:
            rows.append((name, status))
    return rows


def module_of(mutant: str) -> str:
    """backref.core.search.xǁSearchIndexǁquery__mutmut_3 -> backref.core.search."""
    head, _, _ = mutant.partition(".x")
    return head


def equivalent_mutants() -> dict[str, str]:
    """{mutant name: why it changes nothing a person could notice}, from tools/equivalent_mutants/."""
    named = {}
    for path in sorted((ROOT / "tools" / "equivalent_mutants").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            name, sep, reason = line.partition(":")
            if sep and not line.startswith("#"):
                named[name.strip()] = reason.strip()
    return named


def print_scores(modules: list[str]) -> int:
    rows = [(name, status) for name, status in mutant_statuses() if module_of(name) in modules]
    if not rows:
        print("mutation: no results yet (run without --scores)", file=sys.stderr)
        return 1
    equivalent = equivalent_mutants()
    print(f"{'module':<24} {'killed':>7} {'total':>6} {'score':>7}  {'unexplained':>11}  "
          "equivalent / no tests / not checked")
    unexplained = []
    for module in modules:
        mine = [(name, status) for name, status in rows if module_of(name) == module]
        counts = Counter(status for _, status in mine)
        total = len(mine)
        killed = sum(n for status, n in counts.items() if status in KILLED)
        explained = sum(1 for name, status in mine if status not in KILLED and name in equivalent)
        left = [name for name, status in mine if status not in KILLED and name not in equivalent]
        score = f"{100 * killed / total:6.1f}%" if total else "     -"
        print(f"{module:<24} {killed:>7} {total:>6} {score}  {len(left):>11}  "
              f"{explained} / {counts['no tests']} / {counts['not checked']}")
        unexplained += left
    if unexplained:
        print("\nnot killed and not explained (see each with `mutmut show NAME`):")
        for name in unexplained:
            print(f"  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
