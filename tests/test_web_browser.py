"""`backref serve` in a real browser: headless Chromium (driven by Playwright through the
system's chromium) reads what the page's terminal shows, presses keys, ticks an item.

One server and one browser for the whole file. Skipped, saying why, only where there is no
Chromium or no Playwright (.ci/run installs both).
"""
from __future__ import annotations

import os
import shutil
import tomllib
from pathlib import Path
from typing import Iterator

import pytest

from served import Served, served_env, wait_for

pytest.importorskip("textual_serve", reason="the web extra is not installed: pip install -e '.[test,web]'")
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install -e '.[test,web]'")

CHROMIUM = os.environ.get("BACKREF_TEST_CHROMIUM") or next(
    (found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))), None)
pytestmark = [
    pytest.mark.view,  # the full-screen view, served: left out of the fast loop with the other view tests
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium to drive: apt-get install chromium (.ci/run does)"),
]

PHONE = {"width": 400, "height": 700}
DESKTOP = {"width": 1280, "height": 800}

# Test-only: keep textual.js's client object (it sets `fitAddon` on itself first) so that the
# test can read the terminal's buffer, what xterm.js draws on the canvas.
KEEP_CLIENT = """
Object.defineProperty(Object.prototype, "fitAddon", {configurable: true, set(value) {
  Object.defineProperty(this, "fitAddon", {value, writable: true, configurable: true, enumerable: true});
  window.__textualClient = this;
}});
"""
SCREEN_ROWS = """() => {
  const client = window.__textualClient;
  if (!client) return [];
  const buffer = client.terminal.buffer.active, rows = [];
  for (let y = 0; y < client.terminal.rows; y++) rows.push(buffer.getLine(y).translateToString(true));
  return rows;
}"""
BOX = str.maketrans({c: "\0" for c in "┃│┏┓┗┛"})


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    server = Served(served_env(tmp_path_factory.mktemp("browser")))
    yield server
    assert server.stop() == 130
    assert server.stderr == ""  # Ctrl-C with tabs served and closed: no traceback, no warning


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM)
        yield chromium
        chromium.close()


class Tab:
    """A browser tab on the served page, at ``viewport``; what it fetched."""

    def __init__(self, browser: object, served: Served, viewport: dict[str, int]) -> None:
        self.page = browser.new_page(viewport=viewport)  # type: ignore[attr-defined]
        self.fetched: list[str] = []
        self.page.on("request", lambda request: self.fetched.append(request.url))
        self.page.on("websocket", lambda socket: self.fetched.append(socket.url))
        self.page.add_init_script(KEEP_CLIENT)
        self.page.goto(served.url)

    def rows(self) -> list[str]:
        return list(self.page.evaluate(SCREEN_ROWS))

    def shows(self, *texts: str) -> list[str]:
        """The screen's rows, once every one of ``texts`` is on it."""
        def showing() -> list[str] | None:
            rows = self.rows()
            return rows if all(text in reading(rows) for text in texts) else None

        try:
            return wait_for(showing, f"{texts} on the page's screen", 30)  # type: ignore[return-value]
        except AssertionError as error:
            raise AssertionError("\n".join([str(error), *self.rows()])) from None


def reading(rows: list[str]) -> str:
    """The screen's text in reading order: each boxed column read down, words joined by one space."""
    columns: dict[int, list[str]] = {}
    for row in rows:
        for n, cell in enumerate(row.translate(BOX).split("\0")):
            columns.setdefault(n, []).append(cell)
    return "\n".join(" ".join(" ".join(cells).split()) for cells in columns.values())


@pytest.mark.parametrize(("viewport", "action"), [(PHONE, "short_line"), (DESKTOP, "action_line")],
                         ids=["phone-400x700", "desktop-1280x800"])
def test_the_first_screen_leads_with_the_emergency(browser: object, served: Served, viewport: dict[str, int],
                                                   action: str) -> None:
    from backref.core.load import load_content

    emergency = load_content().urgency_of("emergency")
    tab = Tab(browser, served, viewport)
    try:
        # a phone has the banner's few words; a desktop the pinned panel, with the action in full
        rows = tab.shows(emergency.label, getattr(emergency, action)())
        # at the top: only the title and the tabs' row (with its underline) come before it
        assert any(emergency.label in row for row in rows[:4])
        assert [url for url in tab.fetched if not url.startswith((served.origin, f"ws://{served.host}/"))] == []
    finally:
        tab.page.close()


def test_keys_change_the_tab_and_ticks_from_two_tabs_are_both_kept(browser: object, served: Served) -> None:
    from backref.core.load import load_content

    content = load_content()
    relief, prevention = content.topics[4], content.topics[6]
    first, second = prevention.sections[0].items[:2]
    one = Tab(browser, served, PHONE)
    two = Tab(browser, served, DESKTOP)
    try:
        rows = one.shows(content.urgency_of("emergency").label)
        assert relief.sections[0].title not in reading(rows)
        one.page.keyboard.press("5")  # no click first: the terminal has the focus
        one.shows(relief.sections[0].title)
        for tab, moves in ((one, ["Tab", "Space"]), (two, ["Tab", "ArrowDown", "Space"])):
            tab.shows(content.urgency_of("emergency").label)
            tab.page.keyboard.press("7")
            tab.shows(prevention.title)  # built when first shown: then the keys reach its checklist
            for key in moves:
                tab.page.keyboard.press(key)
        wait_for(lambda: {first.id, second.id} <= ticked(served), "both ticks in the state file")
    finally:
        one.page.close()
        two.page.close()


def ticked(served: Served) -> set[str]:
    """Every item id ticked in the server's state file (checklist ticks and daily ones)."""
    path = Path(served.env["BACKREF_STATE"])
    if not path.exists():
        return set()
    saved = tomllib.loads(path.read_text())
    found = set(saved.get("ticks", {}))
    for day in saved.get("days", {}).values():
        found.update(day)
    return found


FOREIGN_PAGE = """<!DOCTYPE html><title>waiting</title><script>
const socket = new WebSocket(%r);
socket.onopen = () => { document.title = "opened"; };
socket.onclose = () => { if (document.title !== "opened") document.title = "refused"; };
</script>"""


def test_a_page_from_another_origin_cannot_open_the_websocket(browser: object, served: Served) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    # another origin on this machine, answered by the browser itself: nothing is sent anywhere
    page.route("http://127.0.0.1:9/**", lambda route: route.fulfill(
        content_type="text/html", body=FOREIGN_PAGE % f"ws://{served.host}/ws/{served.token}"))
    try:
        before = served.app_processes()
        page.goto("http://127.0.0.1:9/evil")
        wait_for(lambda: page.title() in ("opened", "refused") and page.title(), "the socket to open or close")
        assert page.title() == "refused"
        # no app was started for it (an app of an earlier test's page may still be ending)
        assert not set(served.app_processes()) - set(before)
    finally:
        page.close()
