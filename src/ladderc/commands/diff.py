"""`ladderc diff [BASE] [HEAD] [PATH]`: what a change does to the ladders, for review of a pull request.

BASE is a git revision (default: the merge-base with the branch's upstream; when that cannot be
found, as in a shallow clone, diff stops with exit 2 rather than guess); HEAD is
a revision or, by default, the working tree. Both are compiled like `ladderc check` would and
compared by id: `ladderc.review.review`.
"""

from __future__ import annotations

import sys
from pathlib import Path

HELP = "show what a change does to the ladders: levels, pay, transitions, expectations, findings"


def add_arguments(parser) -> None:
    from ladderc.diff_report import FORMATS
    from ladderc.options import add_rule_selection, names_from, report_size
    from ladderc.review import DEFAULT_MAX_BYTES, FAIL_ON

    parser.usage = "ladderc diff [BASE] [HEAD] [PATH] [options]"
    parser.add_argument("words", nargs="*", metavar="BASE HEAD PATH",
                        help="BASE: a git revision (default: merge-base with the upstream branch; exit 2 when it "
                             "cannot be found, as in a shallow clone); "
                             "HEAD: a revision (default: the working tree); PATH: a ladder, a folder of ladders "
                             "or a file in a ladder (default: ./ladders/)")
    parser.add_argument("--format", choices=sorted([*FORMATS, "github"]), default="text",
                        help="output format (default: text); github appends the full markdown report to "
                             "$GITHUB_STEP_SUMMARY and prints annotations on the changed lines")
    parser.add_argument("--max-bytes", type=report_size, default=DEFAULT_MAX_BYTES, metavar="N",
                        help=f"markdown: fit the report into N bytes, cutting detail tables and saying what was "
                             f"left out (default: {DEFAULT_MAX_BYTES:,}, a GitHub comment; 0: no limit)")
    parser.add_argument("--full-report", default="", metavar="WHERE",
                        help="markdown: where the full report is (a URL or a sentence), named when the report is cut")
    parser.add_argument("--fail-on", type=names_from(FAIL_ON, "finding"), default=(), metavar="FINDINGS",
                        help=f"exit 1 when the change has any of these (comma-separated): {', '.join(FAIL_ON)}")
    add_rule_selection(parser)


def run(args) -> int:
    from ladderc.diff_report import FORMATS
    from ladderc.options import compile_options
    from ladderc.review import github, review, verdict

    found = review(Path.cwd(), args.words, compile_options(args), args.max_bytes, args.full_report)
    sys.stdout.write(github(found) if args.format == "github" else FORMATS[args.format](found))
    failing = verdict(found, args.fail_on)
    if failing:
        sys.stderr.write(f"ladderc diff: failing on {', '.join(failing)}\n")
        return 1
    return 0
