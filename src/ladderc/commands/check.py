"""`ladderc check [PATH...]`: validate ladders and report findings."""

from __future__ import annotations

import sys

from ladderc.options import exit_code

HELP = "validate ladders: schema, references, graph, pay parity, readiness"


def add_arguments(parser) -> None:
    from ladderc.options import add_paths, add_rule_selection
    from ladderc.reporters import REPORTERS

    add_paths(parser)
    parser.add_argument("--format", choices=sorted(REPORTERS), default=None,
                        help="output format (default: text, or github under GitHub Actions)")
    parser.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    add_rule_selection(parser)


def run(args) -> int:
    from ladderc.compiler import compile_all
    from ladderc.options import compile_options, reporter_name
    from ladderc.reporters import REPORTERS

    batch = compile_all(args.paths, compile_options(args))
    sys.stdout.write(REPORTERS[reporter_name(args.format)](batch.diagnostics, batch.files, batch.exceptions))
    return exit_code(batch.diagnostics, args.strict)
