"""`ladderc diff [BASE] [HEAD] [PATH]`: what a change does to the ladders, for review of a pull request.

BASE is a git revision (default: the merge-base with the branch's upstream; when that cannot be
found, as in a shallow clone, diff stops with exit 2 rather than guess); HEAD is
a revision or, by default, the working tree. A revision's files are read from git's object store
(nothing is written to disk) and compiled like `ladderc check` would, a file both sides share
parsed once; then the two ladders are compared by id.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path, PurePosixPath

HELP = "show what a change does to the ladders: levels, pay, transitions, expectations, findings"
FAIL_ON = ("pay-decrease", "removed-level", "new-errors", "shorter-trial")


DEFAULT_MAX_BYTES = 60_000  # a GitHub comment holds 65,536 characters; room is left for the sticky marker


def _size(value: str) -> int:
    try:
        size = int(value.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of bytes") from None
    if size < 0 or 0 < size < 2000:
        raise argparse.ArgumentTypeError(f"{size} is too small for a report (0 for no limit, or at least 2000)")
    return size


def _fail_on(value: str) -> tuple[str, ...]:
    chosen = tuple(v.strip() for v in value.split(",") if v.strip())
    unknown = [v for v in chosen if v not in FAIL_ON]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown finding '{unknown[0]}' (choose from {', '.join(FAIL_ON)})")
    return chosen


def add_arguments(parser) -> None:
    from ladderc.commands.check import add_rule_selection
    from ladderc.diff_report import FORMATS

    parser.usage = "ladderc diff [BASE] [HEAD] [PATH] [options]"
    parser.add_argument("words", nargs="*", metavar="BASE HEAD PATH",
                        help="BASE: a git revision (default: merge-base with the upstream branch; exit 2 when it "
                             "cannot be found, as in a shallow clone); "
                             "HEAD: a revision (default: the working tree); PATH: a ladder, a folder of ladders "
                             "or a file in a ladder (default: ./ladders/)")
    parser.add_argument("--format", choices=sorted([*FORMATS, "github"]), default="text",
                        help="output format (default: text); github appends the full markdown report to "
                             "$GITHUB_STEP_SUMMARY and prints annotations on the changed lines")
    parser.add_argument("--max-bytes", type=_size, default=DEFAULT_MAX_BYTES, metavar="N",
                        help=f"markdown: fit the report into N bytes, cutting detail tables and saying what was "
                             f"left out (default: {DEFAULT_MAX_BYTES:,}, a GitHub comment; 0: no limit)")
    parser.add_argument("--full-report", default="", metavar="WHERE",
                        help="markdown: where the full report is (a URL or a sentence), named when the report is cut")
    parser.add_argument("--fail-on", type=_fail_on, default=(), metavar="FINDINGS",
                        help=f"exit 1 when the change has any of these (comma-separated): {', '.join(FAIL_ON)}")
    add_rule_selection(parser)


def split_words(repo: Path, words: list[str]) -> tuple[str | None, str | None, Path]:
    """(BASE, HEAD, PATH) from up to three words: the last is the path when it names one."""
    from ladderc.compiler import DEFAULT_ROOT
    from ladderc.errors import UsageError
    from ladderc.gitrev import is_revision

    if len(words) > 3:
        raise UsageError(f"too many arguments: {' '.join(words[3:])} (expected [BASE] [HEAD] [PATH])")
    path = None
    if len(words) == 3:
        path = words.pop()
    elif words and os.path.exists(words[-1]):
        if is_revision(repo, words[-1]):
            raise UsageError(f"'{words[-1]}' is both a revision and a path; write the path as ./{words[-1]}")
        path = words.pop()
    return (words[0] if words else None), (words[1] if len(words) > 1 else None), Path(path or DEFAULT_ROOT)


def scope_of(repo: Path, path: Path) -> PurePosixPath:
    """The repository directory to compare: PATH itself, or the ladder holding the file PATH."""
    from ladderc.compiler import find_ladders
    from ladderc.errors import UsageError

    if path.is_file():
        path = find_ladders([path])[0]
    try:
        relative = path.resolve().relative_to(repo.resolve())
    except ValueError:
        raise UsageError(f"{path} is outside the git repository at {repo}") from None
    return PurePosixPath(relative.as_posix())


def ladders_under(directory: Path) -> set[PurePosixPath]:
    from ladderc.compiler import LADDER_FILE

    if not directory.is_dir():
        return set()
    return {PurePosixPath(p.parent.relative_to(directory).as_posix()) for p in directory.rglob(LADDER_FILE)}


def run(args) -> int:
    from ladderc.commands.check import options_from
    from ladderc.compiler import LADDER_FILE, gc_paused
    from ladderc.errors import UsageError
    from ladderc.diff import compare
    from ladderc.diff_report import FORMATS, Review
    from ladderc.gitrev import WORKTREE, Revision, commit_of, default_base, repository_root, tree_of
    from ladderc.parse_cache import ParseCache

    repo = repository_root(Path.cwd())
    base_name, head_name, path = split_words(repo, list(args.words))
    base = Revision(base_name, commit_of(repo, base_name)) if base_name else default_base(repo)
    head = Revision(head_name, commit_of(repo, head_name)) if head_name else Revision(WORKTREE, None)
    scope = scope_of(repo, path)
    options = options_from(args)

    # A revision is read from git's object store, never written out; the working tree is read in place.
    trees = [None if r.commit is None else tree_of(repo, r.commit, scope) for r in (base, head)]
    found = [ladders_under(repo / scope) if t is None else
             {PurePosixPath(f.parent.relative_to(repo / scope).as_posix()) for f in t.files if f.name == LADDER_FILE}
             for t in trees]
    if not found[0] and not found[1]:
        raise UsageError(f"no ladder under {scope} at {base.label} or {head.label}")
    diffs, cache = [], ParseCache()  # a file both sides share is read and parsed once
    with gc_paused():  # both sides and their comparison: no collector pass over the first side's objects
        for ladder in sorted(found[0] | found[1]):
            directory = repo / scope / ladder
            (old, old_found), (new, new_found) = [_compile(directory if ladder in names else None, tree, options, cache)
                                                  for tree, names in zip(trees, found)]
            diffs.append(compare(str(scope / ladder), old, new, old_found, new_found))
    review = Review(base, head, tuple(diffs), args.max_bytes, args.full_report)
    if args.format == "github":
        _github(review)
    else:
        sys.stdout.write(FORMATS[args.format](review))
    return _verdict(review, args.fail_on)


def _github(review) -> None:
    """The full report to the job summary, the annotations to stdout (where the runner reads them)."""
    from ladderc.errors import UsageError
    from ladderc.diff_github import annotations, job_summary

    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary:
        raise UsageError("--format github writes the report to $GITHUB_STEP_SUMMARY, which is not set "
                         "(run it in a GitHub Actions step, or use --format markdown)")
    try:
        with open(summary, "a", encoding="utf-8") as out:
            out.write(job_summary(review))
    except OSError as error:
        raise UsageError(f"cannot write the job summary {summary}: {error.strerror or error}") from None
    sys.stdout.write(annotations(review))


def _compile(directory: Path | None, tree, options, cache):
    """(ladder, diagnostics) of one side: the working tree when `tree` is None, else the revision's files."""
    from ladderc.compiler import compile_ladder

    if directory is None:
        return None, []
    result = compile_ladder(directory, options, cache, tree)
    return result.ladder, result.diagnostics


def _verdict(review, fail_on: tuple[str, ...]) -> int:
    counts = {
        "pay-decrease": sum(len(d.pay_decreases) for d in review.ladders),
        "removed-level": sum(len(d.removed_levels) for d in review.ladders),
        "new-errors": sum(len(d.new_errors) for d in review.ladders),
        "shorter-trial": sum(len(d.shorter_trials) for d in review.ladders),
    }
    failing = [f"{name} ({counts[name]})" for name in FAIL_ON if name in fail_on and counts[name]]
    if failing:
        sys.stderr.write(f"ladderc diff: failing on {', '.join(failing)}\n")
        return 1
    return 0
