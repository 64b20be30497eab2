"""`python -m backref` (and the `backref` script)."""
import os
import signal
import sys

# Whether Ctrl-C raises KeyboardInterrupt: only while main() runs, where every command handles
# it. Before (imports) and after (exit), and while the first one is being handled, it ends the
# process at once with 130: a traceback can never be printed for it.
armed = False


def on_interrupt(signum: int, frame: object) -> None:
    global armed
    if armed:
        armed = False
        raise KeyboardInterrupt
    os._exit(130)


# At import, not in run(): the `backref` script imports this module as its first own line, and
# every import after it (the CLI's own) can be interrupted.
signal.signal(signal.SIGINT, on_interrupt)


def run() -> int:
    """main(), with Ctrl-C at any moment exiting 130 without a traceback, and closed standard
    streams taken for what they are rather than crashed on."""
    global armed
    fill_closed_streams()
    try:
        from backref.cli.main import main

        armed = True
        return main()
    except KeyboardInterrupt:
        return 130
    finally:
        armed = False


def script() -> None:
    """The `backref` command (and `python -m backref`): run(), then end the process."""
    leave(run())


def leave(code: int) -> None:
    """End the process with ``code``. When nothing is left to do at exit (no exit handler, no
    other thread), flush the standard streams and end at once: tearing down every module and
    object took about 7 ms of a 30 ms lookup, against a budget of 3x `python -c pass`."""
    import atexit

    threading = sys.modules.get("threading")
    pending = getattr(atexit, "_ncallbacks", lambda: 1)()  # CPython's count; elsewhere, exit as usual
    if pending or (threading is not None and threading.active_count() > 1):
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # every command flushes what it prints: nothing is left here
            code = code or (2 if stream is sys.stdout else 0)
    os._exit(code)


def fill_closed_streams() -> None:
    """Put /dev/null on a closed stdin, stdout or stderr (`backref <&-`), so that no file backref
    opens later takes the number and receives what is printed. stdin then reads as empty and
    stderr discards; sys.stdout stays None, so a command can say it has nowhere to print."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")


if __name__ == "__main__":
    script()
