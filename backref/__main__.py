"""`python -m backref` (and the `backref` script)."""
import sys


def run() -> int:
    """main(), with Ctrl-C during start-up (imports included) exiting 130 without a traceback."""
    try:
        from backref.cli.main import main

        return main()
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(run())
