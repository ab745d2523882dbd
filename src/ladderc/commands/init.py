"""`ladderc init [DIR]`: scaffold a ladder repository that passes `ladderc check` from the start.

What it writes (an example ladder, a pre-commit configuration, a CI workflow) and the promise
never to overwrite a file are `ladderc.scaffolding`'s.
"""

from __future__ import annotations

import sys
from pathlib import Path

HELP = "scaffold a ladder repository: a valid example ladder, pre-commit hook and CI workflow"


def add_arguments(parser) -> None:
    parser.add_argument("directory", nargs="?", type=Path, default=Path("."), metavar="DIR",
                        help="the repository to scaffold (default: the current directory)")
    parser.add_argument("--name", default=None,
                        help="the ladder's id, its folder under ladders/ (default: DIR's name as an id)")


def run(args) -> int:
    from ladderc.scaffolding import scaffold

    for created in scaffold(args.directory, args.name):
        sys.stdout.write(f"created {created.as_posix()}\n")
    sys.stdout.write(f"next: cd {args.directory.as_posix()} && git init && ladderc check\n")
    return 0
