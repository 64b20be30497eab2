"""Keystroke-to-results-painted time of / search, measured inside the app.

The app (built as the CLI builds it) runs headless at 80x24; search is opened and
queries are typed a key at a time. This script wraps SearchScreen's input handler from
outside to record, for each keystroke, the time from the input's change to the refresh
that painted the new results.
Target (search issue): p90 <= 50 ms.

    .venv/bin/python benchmarks/tui_search_latency.py
"""
from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
from time import perf_counter

from backref.core.load import load_content
from backref.tui.app import make_app
from backref.tui.screens.search import SearchScreen

QUERIES = ["ice", "sciatica", "pins and needles", "stretch", "heat pad", "bladder", "posture at desk",
           "ibuprofen", "mattress", "can't get out of bed", "kidney stones", "fever", "yoga", "stress"]


async def measure() -> list[float]:
    latencies: list[float] = []
    handle = SearchScreen.on_input_changed

    def timed(screen: SearchScreen, event: object) -> None:
        started = perf_counter()
        handle(screen, event)  # type: ignore[arg-type]
        screen.call_after_refresh(lambda: latencies.append(perf_counter() - started))

    SearchScreen.on_input_changed = timed  # type: ignore[method-assign,assignment]
    state = os.path.join(tempfile.mkdtemp(prefix="backref-bench-"), "state.toml")
    app = make_app(load_content(), state)
    async with app.run_test(size=(80, 24)) as pilot:
        for query in QUERIES:
            await pilot.press("slash")
            for key in query:
                await pilot.press("space" if key == " " else key)
                await pilot.pause()
            await pilot.press("escape")
    return latencies


def main() -> None:
    times = sorted(t * 1000 for t in asyncio.run(measure()))
    p90 = times[max(0, int(len(times) * 0.9) - 1)]
    print(f"keystrokes: {len(times)}")
    print(f"keystroke -> results painted: p50 {statistics.median(times):.1f} ms, p90 {p90:.1f} ms, "
          f"max {times[-1]:.1f} ms  (target p90 <= 50 ms)")


if __name__ == "__main__":
    main()
