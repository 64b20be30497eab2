"""Search by meaning: how the current search answers the lay-phrasings corpus.

    python benchmarks/phrasings_bench.py [--split dev|held-out|both] [--misses]

Runs every phrasing of a part of tests/data/phrasings through the search of the shipped
content.toml and prints the figures, each as n/N and %: emergency phrasings with a right
sign in the top 3, with an emergency sign first (and the right one first), see-a-doctor
phrasings with a right sign in the top 3, everyday questions with a right topic in the top 3
(keywords and sentences apart and together), and false alarms (everyday questions, and
see-a-doctor phrasings, whose first hit is an emergency red flag). What counts is said in
benchmarks/phrasings.py. ``--misses`` lists the failing phrasings with their top 3, for the
development part only: held-out results are only ever reported as figures. Never asserts.
"""
from __future__ import annotations

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import phrasings  # noqa: E402 - the module beside this script

PARTS = {"dev": phrasings.DEV, "held-out": phrasings.HELD_OUT}


def percent(n: int, total: int) -> str:
    return f"{100 * n / total:5.1f} %" if total else "    - "


def print_figures(name: str, figures: dict[str, tuple[int, int]]) -> None:
    print(f"{name}:")
    width = max(len(label) for _, label in phrasings.FIGURES)
    for key, label in phrasings.FIGURES:
        n, total = figures[key]
        print(f"  {label:<{width}}  {n:>3}/{total:<3}  {percent(n, total)}")


def print_misses(results: list[phrasings.Outcome]) -> None:
    for r in results:
        p = r.phrasing
        print(f"- {p.text!r}  [{p.kind}{', ' + p.form if p.form else ''}] expect {', '.join(p.expect)}")
        print(f"  fails: {', '.join(r.failed)}")
        if not r.top:
            print("    (no hits)")
        for n, hit in enumerate(r.top, 1):
            urgency = f"[{hit.urgency.upper()}] " if hit.urgency else ""
            ident = hit.item_id or hit.section_id or hit.topic_id
            print(f"    {n}. {urgency}{hit.place}: {hit.line}  ({ident})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--split", choices=("dev", "held-out", "both"), default="both",
                        help="which part to run (default both, each reported apart)")
    parser.add_argument("--misses", action="store_true",
                        help="list the failing phrasings with their top 3 (development part only)")
    args = parser.parse_args(argv)
    if args.misses and args.split != "dev":
        print("phrasings_bench: --misses lists phrasings, and held-out results are only ever reported "
              "as figures: use --misses with --split dev", file=sys.stderr)
        return 2
    names = ["dev", "held-out"] if args.split == "both" else [args.split]
    index = phrasings.default_index()
    for name in names:
        try:
            results = phrasings.outcomes(PARTS[name], index)
        except (OSError, ValueError) as err:
            print(f"phrasings_bench: {err}", file=sys.stderr)
            return 2
        print_figures(f"{name} ({len(results)} phrasings)", phrasings.tally(results))
        if args.misses:
            missed = [r for r in results if r.failed]
            print(f"\n{len(missed)} phrasings fail a figure:")
            print_misses(missed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
