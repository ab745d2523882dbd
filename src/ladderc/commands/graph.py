"""`ladderc graph [PATH] --format mermaid|dot|graphml|json`: the transition graph for other tools.

The writers are `ladderc.graph_formats`'. A ladder with errors prints its findings to stderr and
no graph.
"""

from __future__ import annotations

import sys
from pathlib import Path

HELP = "print the transition graph (levels, promotions, switches) as mermaid, dot, graphml or json"


def add_arguments(parser) -> None:
    from ladderc.graph_formats import FORMATS
    from ladderc.options import add_rule_selection

    parser.add_argument("paths", nargs="?", type=Path, metavar="PATH",
                        help="a ladder directory or a file in it (default: the one ladder under ./ladders/)")
    parser.add_argument("--format", choices=FORMATS, default="mermaid")
    add_rule_selection(parser)


def run(args) -> int:
    from ladderc.compiler import compile_all
    from ladderc.errors import UsageError
    from ladderc.graph_formats import draw
    from ladderc.options import compile_options
    from ladderc.reporters import REPORTERS

    batch = compile_all([args.paths] if args.paths else [], compile_options(args))
    if len(batch.compilations) != 1:
        raise UsageError(f"found {len(batch.compilations)} ladders; name the one to draw")
    if batch.diagnostics:
        sys.stderr.write(REPORTERS["text"](batch.diagnostics, batch.files))
    if not batch.ok:
        return 1
    sys.stdout.write(draw(batch.compilations[0], args.format))
    return 0
