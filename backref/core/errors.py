"""The errors a person can fix: each is reported as one line (or one per problem) and exit code 2."""


class UserError(Exception):
    """Raised with a one-line message; the CLI prints it on stderr and exits 2."""


class ContentError(Exception):
    """Content that cannot be used; each line of ``errors`` names its place."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors
