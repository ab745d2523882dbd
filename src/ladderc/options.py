"""The options commands share, and how a command's options become the compiler's.

Every command that compiles a ladder takes the same `PATH...`, `--select`, `--ignore` and
`--max-file-size`; `compile_options` turns them into `compiler.Options`. The argparse types here
(`positive`, `iso_date`, `folder_url`, `report_size`, `names_from`) make a bad value a usage error before any
work starts. Only argparse-level imports at module level: `cli` imports this for every command.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime

PATHS_HELP = "ladder directories, folders of ladders, or files in a ladder (default: ./ladders/)"


def add_paths(parser: argparse.ArgumentParser) -> None:
    """`PATH...`: the ladders a command reads."""
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=PATHS_HELP)


def add_rule_selection(parser: argparse.ArgumentParser) -> None:
    """The options that every command compiling a ladder shares."""
    parser.add_argument("--select", action="append", default=[], metavar="RULES",
                        help="only these rules (codes, names or code prefixes, comma-separated)")
    parser.add_argument("--ignore", action="append", default=[], metavar="RULES",
                        help="skip these rules (codes, names or code prefixes, comma-separated)")
    parser.add_argument("--max-file-size", type=int, default=None, metavar="BYTES",
                        help="refuse YAML files larger than this (default: 10 MB)")


def split(values: Iterable[str]) -> tuple[str, ...]:
    """`["a,b", " c"]` -> `("a", "b", "c")`: a repeatable, comma-separated option's words."""
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def compile_options(args: argparse.Namespace):
    """The `compiler.Options` of the rule selection options `add_rule_selection` added."""
    from ladderc.compiler import Options
    from ladderc.loader import DEFAULT_MAX_FILE_SIZE

    return Options(max_file_size=args.max_file_size or DEFAULT_MAX_FILE_SIZE,
                   select=split(args.select), ignore=split(args.ignore))


def reporter_name(chosen: str | None) -> str:
    """The reporter `--format` chose, else github under GitHub Actions, else text."""
    return chosen or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")


def exit_code(diagnostics, strict: bool) -> int:
    """1 when a finding is at error severity (or any warning, with --strict), else 0."""
    from ladderc.diagnostics import ERROR, WARNING

    failing = {ERROR, WARNING} if strict else {ERROR}
    return 1 if any(x.severity in failing for x in diagnostics) else 0


def positive(text: str) -> int:
    """A whole number of at least 1."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got '{text}'")
    return int(text)


def iso_date(text: str) -> datetime.date:
    """A calendar date written YYYY-MM-DD, and nothing else: every date option's type (`import --effective`,
    `export --initial-load`), so they all refuse a bad date with the same message, on every Python."""
    import datetime
    import re

    # Python 3.11's fromisoformat also reads 20260101 and 2026-W01-1; 3.10's does not: one form on both.
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got '{text}'")
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:  # the form is right, the day is not on the calendar
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got '{text}' ({error})") from None


def folder_url(text: str) -> str:
    """An http(s) URL with a host, ending in '/' (a folder); anything else is a usage error."""
    from urllib.parse import urlsplit

    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise argparse.ArgumentTypeError(f"{text!r} is not an http(s) URL of a folder, like https://example.com/careers/")
    return text if text.endswith("/") else text + "/"


def report_size(value: str) -> int:
    """A report's byte limit: 0 for none, else at least 2000; `60,000` and `60_000` read as numbers."""
    try:
        size = int(value.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of bytes") from None
    if size < 0 or 0 < size < 2000:
        raise argparse.ArgumentTypeError(f"{size} is too small for a report (0 for no limit, or at least 2000)")
    return size


def names_from(known: tuple[str, ...], what: str) -> Callable[[str], tuple[str, ...]]:
    """An argparse type: comma-separated names, each one of `known` (a `what`)."""
    def names(value: str) -> tuple[str, ...]:
        chosen = split([value])
        unknown = [v for v in chosen if v not in known]
        if unknown:
            raise argparse.ArgumentTypeError(f"unknown {what} '{unknown[0]}' (choose from {', '.join(known)})")
        return chosen

    return names
