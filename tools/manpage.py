"""Write backref/backref.1, the manual page: the commands from the parser (argparse-manpage),
then the README's Keys, Exit codes, Environment and Files sections.

    python tools/manpage.py           # write it (after changing the parser or those sections)
    python tools/manpage.py --check   # exit 1 if the shipped page is stale

The page is the same whatever the terminal: the parser's help is wrapped at a fixed width and
the date is the version's, not today's.
"""
from __future__ import annotations

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGE = os.path.join(ROOT, "backref", "backref.1")
README = os.path.join(ROOT, "README.md")
# README heading -> the page's section
SECTIONS = {"Keys": "KEYS", "Exit codes": "EXIT STATUS", "Environment": "ENVIRONMENT", "Files": "FILES"}
WIDTH = 78


def roff_text(text: str) -> str:
    """Markdown inline text as roff: `code` in bold, backslashes and hyphens escaped."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    text = re.sub(r"`([^`]+)`", lambda m: f"\\fB{m.group(1)}\\fR", text)
    text = re.sub(r"\*\*([^*]+)\*\*", r"\\fB\1\\fR", text)
    return text


def roff_lines(text: str) -> list[str]:
    """``text`` as roff source lines: a line starting with '.' or "'" is guarded."""
    return [f"\\&{line}" if line[:1] in (".", "'") else line for line in text.splitlines()]


def markdown_to_roff(markdown: str) -> list[str]:
    """The few Markdown shapes the README's reference sections use: paragraphs, bullet lists,
    a two-column table and fenced code."""
    out: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            out.append(".PP")
            out.extend(roff_lines(roff_text(" ".join(paragraph))))
            paragraph.clear()

    lines = markdown.strip("\n").splitlines()
    n = 0
    while n < len(lines):
        line = lines[n]
        if line.startswith("```"):
            flush()
            out += [".PP", ".nf", ".RS 4"]
            n += 1
            while n < len(lines) and not lines[n].startswith("```"):
                out.extend(roff_lines(lines[n].replace("\\", "\\e").replace("-", "\\-")))
                n += 1
            out += [".RE", ".fi"]
        elif line.startswith("|"):
            flush()
            cells = [c.strip() for c in line.strip("|").split("|")]
            if not set("".join(cells)) <= set("- :") and n > 0 and lines[n - 1].startswith("|"):
                out += [".TP", *roff_lines(roff_text(cells[0])), *roff_lines(roff_text(" | ".join(cells[1:])))]
        elif line.startswith("- "):
            flush()
            item = [line[2:]]
            while n + 1 < len(lines) and lines[n + 1].startswith("  "):
                n += 1
                item.append(lines[n].strip())
            out += [".IP \\(bu 2", *roff_lines(roff_text(" ".join(item)))]
        elif not line.strip():
            flush()
        else:
            paragraph.append(line.strip())
        n += 1
    flush()
    return out


def readme_sections(readme: str) -> dict[str, str]:
    """Each '## ' or '### ' section of the README by its heading, up to the next heading."""
    found: dict[str, str] = {}
    for m in re.finditer(r"^#{2,3} ([^\n]+)\n(.*?)(?=^#{1,3} |\Z)", readme, re.M | re.S):
        found[m.group(1).strip()] = m.group(2)
    return found


def page_text() -> str:
    """The whole manual page, as roff."""
    sys.path.insert(0, ROOT)
    os.environ["COLUMNS"] = str(WIDTH)
    from argparse_manpage.manpage import Manpage

    from backref import __version__
    from backref.cli import parser as cli_parser

    cli_parser.terminal_columns = lambda default=80: WIDTH + 2  # type: ignore[assignment]
    parser = cli_parser.build_parser(every=True)
    page = Manpage(parser, format="single-commands-section")
    page.date = __version__
    page.source = f"backref {__version__}"
    page.manual = "backref manual"
    page.description = "an offline reference and checklists for back cramps and spasms"
    with open(README, encoding="utf-8") as fh:
        sections = readme_sections(fh.read())
    for heading, name in SECTIONS.items():
        page.add_section(name, "=", "\n".join(markdown_to_roff(sections[heading])))
    # argparse-manpage titles the commands by their argparse group, and the epilog "comments"
    text = str(page).replace(".SH\nPOSITIONAL ARGUMENTS\n", ".SH COMMANDS\n", 1)
    return text.replace(".SH COMMENTS\nexamples:\n", ".SH EXAMPLES\n", 1)


def main() -> int:
    text = page_text()
    if sys.argv[1:] == ["--check"]:
        with open(PAGE, encoding="utf-8") as fh:
            if fh.read() != text:
                print(f"{PAGE} is stale: run python tools/manpage.py", file=sys.stderr)
                return 1
        return 0
    with open(PAGE, "w", encoding="utf-8") as fh:
        fh.write(text)
    print(f"wrote {PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
