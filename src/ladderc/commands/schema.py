"""`ladderc schema [ladder|family]`: print a published JSON Schema."""

from __future__ import annotations

import json
import sys

HELP = "print the JSON Schema of ladder.yaml or of a family file"


def add_arguments(parser) -> None:
    parser.add_argument("which", nargs="?", choices=("ladder", "family"), default="ladder")


def run(args) -> int:
    from ladderc.schema import load_schema

    sys.stdout.write(json.dumps(load_schema(args.which), indent=2, ensure_ascii=False) + "\n")
    return 0
