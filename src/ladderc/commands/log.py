"""`ladderc log [PATH] [--since REV]`: the ladder's history, as effective dates and the changes under each."""

from __future__ import annotations

import sys
from pathlib import Path

HELP = "tell a ladder's history from git: its effective dates and what each commit changed"


def add_arguments(parser) -> None:
    from ladderc.options import add_rule_selection

    parser.add_argument("path", nargs="?", type=Path, default=None, metavar="PATH",
                        help="a ladder, a folder of ladders or a file in a ladder (default: ./ladders/)")
    parser.add_argument("--since", default=None, metavar="REV",
                        help="only the commits after this revision (a tag, a branch, a commit)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument("--no-pay", dest="pay", action="store_false", help="leave every band and amount out")
    add_rule_selection(parser)


def run(args) -> int:
    from ladderc.options import compile_options
    from ladderc.review import LOG_FORMATS, ladder_history

    found = ladder_history(Path.cwd(), args.path, compile_options(args), args.since, args.pay)
    sys.stdout.write(LOG_FORMATS[args.format](found))
    return 0
