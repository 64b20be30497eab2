"""`backref timer`: list the timed items; `backref timer ITEM`: count one down, with a bell at the end.

Not a quick lookup: a countdown runs for minutes, so Rich's progress bar is imported here (on a
terminal only). Textual is never imported. Time is measured on the monotonic clock; the
wall-clock start goes to the state file.
"""
from __future__ import annotations

import errno
import os
import signal
import sys
import time
from contextlib import contextmanager

from backref.cli.output import output_width, print_error, print_lines, print_notices
from backref.cli.store import open_store
from backref.cli.terminal import dumb_terminal
from backref.core import wording
from backref.core.errors import UserError
from backref.core.render import fitted, wrap
from backref.core.state import StateStore, StateWriteError, local_now
from backref.core.timers import (
    CANCELLED,
    DONE,
    HOLD,
    RUNNING,
    Countdown,
    cautions,
    check_reps,
    chosen_seconds,
    due_text,
    episode_started,
    line_interval,
    next_due,
    resolve_timed,
    run_record,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Iterator

    from backref.core.content import Content, Item

BELL = "\a"
REFRESH = 0.25  # seconds between redraws of the progress bar


def run_timer(args: argparse.Namespace, content: Content) -> int:
    """`backref timer [ITEM] [--minutes M | --seconds S] [--reps N]`."""
    if not args.item:
        if args.minutes is not None or args.seconds is not None or args.reps != 1:
            raise UserError("--minutes, --seconds and --reps need an ITEM (see 'backref timer' for the timed items)")
        print_lines(timed_item_lines(content, output_width(args)))
        return 0
    item = resolve_timed(content, args.item)
    seconds = chosen_seconds(item, args.minutes, args.seconds)
    rest = item.timer.rest_seconds if item.timer and args.reps > 1 else 0
    check_reps(args.reps, seconds, rest)
    store = open_store(args.state, content)
    countdown = Countdown(item, seconds, reps=args.reps, rest_seconds=rest,
                          clock=time.monotonic, started=local_now())
    width = output_width(args)
    print_lines(header_lines(content, countdown, width))
    save(store, countdown, RUNNING)
    try:
        with stopped_by(signal.SIGTERM, signal.SIGHUP):
            if sys.stdout.isatty() and dumb_terminal() is None:
                show_bar(countdown)
            else:
                show_lines(countdown, lambda line: print_lines([line]), ring, sleep_while_read)
    except (KeyboardInterrupt, Stopped, OSError) as exc:
        # the run is kept as cancelled whatever ended it: Ctrl-C, a kill, a hang-up, a reader gone
        save(store, countdown, CANCELLED)
        # a terminal that hung up fails the bar's last write (EIO): the signal is the story
        cause = exc.__context__ if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError) else exc
        if not isinstance(cause, (KeyboardInterrupt, Stopped)):
            raise
        if cause is not exc:
            silence_terminal()
        try:
            print_error(wording.timer_stopped(item.text))
        except OSError:
            silence_terminal()
        return 128 + cause.signum if isinstance(cause, Stopped) else 130
    save(store, countdown, DONE)
    ring()
    print_lines([part for line in footer_lines(content, store, countdown) for part in fitted(line, width)])
    return 0


class Stopped(BaseException):
    """The timer was ended by a signal (SIGTERM, SIGHUP): raised so that the bar gives the
    terminal back its cursor and the run is kept as cancelled, not left running."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def stopped_by(*signums: int) -> Iterator[None]:
    """While inside, each of ``signums`` raises Stopped; the handlers before are put back after."""
    def stop(signum: int, _frame: object) -> None:
        raise Stopped(signum)

    previous = {signum: signal.signal(signum, stop) for signum in signums}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def silence_terminal() -> None:
    """Point stdout and stderr at /dev/null once the terminal has gone, so that nothing left to
    write (Python's own flush at exit included) fails."""
    null = os.open(os.devnull, os.O_WRONLY)
    for fd in (1, 2):
        os.dup2(null, fd)
    os.close(null)


def sleep_while_read(seconds: float) -> None:
    """time.sleep, then BrokenPipeError when stdout is a pipe whose reader has gone (`| head -1`):
    the countdown stops then, not at its next line minutes later."""
    time.sleep(seconds)
    import select

    try:
        watch = select.poll()
        watch.register(sys.stdout.fileno(), 0)
        gone = any(events & (select.POLLERR | select.POLLHUP) for _fd, events in watch.poll(0))
    except (OSError, ValueError, AttributeError):
        return
    if gone:
        raise BrokenPipeError(errno.EPIPE, "the reader of standard output has gone")


def ring() -> None:
    """The bell, on whichever of stdout and stderr is a terminal; piped output is plain text,
    so with neither there is none (written apart from the text, which never carries control
    characters)."""
    for stream in (sys.stdout, sys.stderr):
        if stream.isatty():
            stream.write(BELL)
            stream.flush()
            return


def save(store: StateStore, countdown: Countdown, status: str) -> None:
    """Keep the run in the state file; a timer still runs when it cannot be saved (said once)."""
    try:
        store.record_timer(countdown.item.id, run_record(countdown, status, local_now()))
    except StateWriteError as exc:
        if status == RUNNING:
            print_error(str(exc))
    print_notices(store.notices)


# -- what is printed around the countdown ------------------------------------------------

def timing_text(item: Item) -> str:
    """'20 minutes, every 2 hours for the first 48 hours' for an item with a timer."""
    timer = item.timer
    assert timer is not None
    return wording.timing(timer.seconds, timer.unit, timer.every_seconds, timer.window_seconds)


def timed_item_lines(content: Content, width: int) -> list[str]:
    """Each timed item: its id, its text and timing, where the guide says it, what goes with it."""
    timed = content.timed_items()
    if not timed:
        return wrap(wording.TIMER_NONE, width)
    lines = wrap(wording.TIMER_LIST_HEAD, width)
    for topic, section, item in timed:
        assert item.timer is not None
        lines.append("")
        lines.extend(wrap(f"{item.id}: {item.text} - {timing_text(item)}", width, "  ", "    "))
        lines.extend(wrap(f"{topic.tab} > {section.title}{said_by(content, item)}", width, "    "))
        for line in safety_lines(content, item):
            lines.extend(wrap(line, width, "    "))
    return lines


def said_by(content: Content, item: Item) -> str:
    """' - the guide: "Hold 30 seconds"' when the timing is said by other items than this one."""
    assert item.timer is not None
    others = [content.item(ref) for ref in item.timer.sources if ref != item.id]
    words = "; ".join(f'"{other.text}"' for other in others if other is not None)
    return f" - the guide: {words}" if words else ""


def safety_lines(content: Content, item: Item) -> list[str]:
    """The content's cautions for this item, and the guide's next step after a repeating window."""
    lines = []
    kept = cautions(content, item)
    if kept:
        lines.append("with: " + "; ".join(c.text for c in kept))
    if item.timer is not None and item.timer.then and item.timer.window_seconds:
        then = content.item(item.timer.then)
        if then is not None:
            lines.append(wording.window_over(item.timer.window_seconds, then.text))
    return lines


def header_lines(content: Content, countdown: Countdown, width: int) -> list[str]:
    """The item and its length, its cautions first and foremost, and whose the rest is."""
    item = countdown.item
    length = wording.duration(countdown.seconds, item.timer.unit if item.timer else "")
    if countdown.reps > 1:
        length += f" x {countdown.reps}"
    lines = wrap(f"{item.text}: {length}", width)
    for line in safety_lines(content, item):
        lines.extend(wrap(line, width, "  "))
    rests = [length for kind, length in countdown.phases if kind != HOLD]
    if rests:
        lines.extend(wrap(f"{wording.TIMER_REST} {wording.duration(rests[0])} between holds "
                          f"({wording.TIMER_REST_NOTE})", width, "  "))
    return lines


def footer_lines(content: Content, store: StateStore, countdown: Countdown) -> list[str]:
    """The final line, and when a repeating timing is next due in the open episode."""
    lines = [wording.timer_done(countdown.item.text, countdown.seconds, countdown.reps)]
    timer = countdown.item.timer
    if timer is not None:
        now = local_now()
        due = next_due(timer, episode_started(store), countdown.started, now)
        if due is not None:
            lines.append(due_text(content, countdown.item, due, now))
    return lines


# -- the countdown itself -----------------------------------------------------------------

def show_lines(countdown: Countdown, write: Callable[[str], None], bell: Callable[[], None],
               sleep: Callable[[float], None]) -> None:
    """Piped: a line at the start of each phase and every minute (10 s, 1 s for short phases) in it;
    a bell when a hold ends and more follow."""
    start = 0
    last = len(countdown.phases) - 1
    for index, (kind, length) in enumerate(countdown.phases):
        step = line_interval(length)
        for mark in range(0, length, step):
            wait_until(countdown, start + mark, sleep)
            write(countdown.status_text())
        start += length
        wait_until(countdown, start, sleep)
        if kind == HOLD and index < last:
            bell()
            write(wording.timer_done(countdown.item.text, countdown.seconds, 1))


def wait_until(countdown: Countdown, elapsed: float, sleep: Callable[[float], None]) -> None:
    """Sleep until ``elapsed`` seconds of the countdown have passed (on its own clock)."""
    while countdown.elapsed() < elapsed:
        sleep(min(1.0, elapsed - countdown.elapsed()))


def show_bar(countdown: Countdown) -> None:
    """On a terminal: a progress bar per phase, redrawn a few times a second; Rich shows the
    cursor again however it ends (Ctrl-C included)."""
    from rich.progress import BarColumn, Progress, TaskID, TextColumn

    # markup=False: the item's text is content, never markup
    progress = Progress(TextColumn("{task.description}", markup=False), BarColumn(),
                        TextColumn("{task.fields[left]}", markup=False), auto_refresh=False)

    def add(index: int) -> TaskID:
        kind, length = countdown.phases[index]
        label = countdown.item.text if kind == HOLD else wording.TIMER_REST
        if kind == HOLD and countdown.reps > 1:
            label += f"  {wording.rep_label(countdown.phase().rep, countdown.reps)}"
        return progress.add_task(label, total=length, left="")

    index = 0
    task = add(index)
    with progress:
        while True:
            phase = countdown.phase()
            if phase.index != index:
                progress.update(task, completed=countdown.phases[index][1], left="done")
                if countdown.phases[index][0] == HOLD:
                    progress.console.bell()  # not print: Live would show it as a line
                index = phase.index
                task = add(index)
            progress.update(task, completed=phase.length - phase.left,
                            left=f"{wording.time_left(phase.left)} left")
            progress.refresh()
            if countdown.finished:
                return
            time.sleep(min(REFRESH, max(0.01, phase.left)))
