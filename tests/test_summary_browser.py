"""The HTML summary as a browser draws it: a headless Chromium's screenshot of the page is not
blank, and holds the severity charts, drawn in black and grey only (it prints the same in
black and white)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from conftest import Clock
from test_summary import html_of, run

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
BROWSER = next((found for name in BROWSERS if (found := shutil.which(name))), None)

pytestmark = [pytest.mark.usefixtures("clock"),
              pytest.mark.skipif(BROWSER is None, reason=f"no headless browser found (looked for {', '.join(BROWSERS)})")]


def screenshot(page: Path, tmp_path: Path, size: tuple[int, int] = (900, 1400)) -> Image.Image:
    """The page as headless Chromium draws it at ``size``, as an RGB image."""
    assert BROWSER is not None
    png = page.with_suffix(".png")
    done = subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
         f"--user-data-dir={tmp_path / 'profile'}", f"--window-size={size[0]},{size[1]}", f"--screenshot={png}",
         page.as_uri()], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and png.exists(), done.stderr[-2000:]
    with Image.open(png) as image:
        return image.convert("RGB")


@pytest.fixture
def log(capsys: pytest.CaptureFixture[str], tmp_path: Path, clock: Clock) -> Path:
    """Two episodes, the first ended, the second open with two ratings and a note, and a check."""
    state = tmp_path / "s" / "state.toml"
    for when, argv in (("2026-11-02T09:00", ["episode", "start", "--at", "2026-11-01T08:00", "--severity", "6"]),
                       ("2026-11-02T18:00", ["episode", "note", "--severity", "3", "easier"]),
                       ("2026-11-03T09:00", ["episode", "end"]),
                       ("2026-11-15T09:00", ["episode", "start", "--severity", "5"]),
                       ("2026-11-19T20:00", ["episode", "note", "--severity", "9", "worse at night"])):
        clock.set(when)
        assert run(capsys, state, *argv)[0] == 0
    clock.set("2026-11-20T12:00")
    return state


def dark(image: Image.Image) -> int:
    """How many pixels are closer to black than to white."""
    histogram = image.convert("L").histogram()
    return sum(histogram[:128])


def test_a_browser_draws_the_page_with_its_charts_in_black_and_white(
    capsys: pytest.CaptureFixture[str], log: Path, tmp_path: Path
) -> None:
    page = html_of(capsys, log)
    with_charts = tmp_path / "with.html"
    with_charts.write_text(page, encoding="utf-8")
    without = tmp_path / "without.html"  # the same page and layout, its charts hidden
    without.write_text(page.replace("</head>", "<style>svg { visibility: hidden; }</style></head>"), encoding="utf-8")
    drawn, bare = screenshot(with_charts, tmp_path), screenshot(without, tmp_path)
    assert dark(bare) > 5000  # not blank: the headline, the tables and their words are drawn
    # the charts are there: what they add is a good many dark pixels (axis, lines, points, numbers)
    assert dark(drawn) - dark(bare) > 1500
    # where they are: the first chart's box, below the headline and the table of episodes
    box = ImageChops.difference(drawn, bare).getbbox()
    assert box is not None and box[1] > 300 and box[2] - box[0] > 300
    # and none of it is colour: every pixel of the page is a grey
    r, g, b = drawn.split()
    spread = ImageChops.subtract(ImageChops.lighter(ImageChops.lighter(r, g), b),
                                 ImageChops.darker(ImageChops.darker(r, g), b))
    assert spread.getextrema()[1] < 40
