"""UserError: a problem the user can fix, reported as one line with exit code 2."""


class UserError(Exception):
    """Raised with a one-line message; the CLI prints it on stderr and exits 2."""
