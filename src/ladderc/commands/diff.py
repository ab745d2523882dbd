"""`ladderc diff [BASE] [HEAD] [PATH]`: what a change does to the ladders, for review of a pull request.

BASE is a git revision (default: the merge-base with the branch's upstream; when that cannot be
found, as in a shallow clone, diff stops with exit 2 rather than guess); HEAD is
a revision or, by default, the working tree. Each side is read from git into a temporary
directory and compiled like `ladderc check` would, then the two ladders are compared by id.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path, PurePosixPath

HELP = "show what a change does to the ladders: levels, pay, transitions, expectations, findings"
FAIL_ON = ("pay-decrease", "removed-level", "new-errors", "shorter-trial")


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
    parser.add_argument("--format", choices=sorted(FORMATS), default="text", help="output format (default: text)")
    parser.add_argument("--fail-on", type=_fail_on, default=(), metavar="FINDINGS",
                        help=f"exit 1 when the change has any of these (comma-separated): {', '.join(FAIL_ON)}")
    add_rule_selection(parser)


def split_words(repo: Path, words: list[str]) -> tuple[str | None, str | None, Path]:
    """(BASE, HEAD, PATH) from up to three words: the last is the path when it names one."""
    from ladderc.compiler import DEFAULT_ROOT, UsageError
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
    from ladderc.compiler import UsageError, find_ladders

    if path.is_file():
        path = find_ladders([path])[0]
    try:
        relative = path.resolve().relative_to(repo.resolve())
    except ValueError:
        raise UsageError(f"{path} is outside the git repository at {repo}") from None
    return PurePosixPath(relative.as_posix())


def ladders_under(directory: Path) -> set[PurePosixPath]:
    from ladderc.compiler import LADDER_FILE

    return {PurePosixPath(p.parent.relative_to(directory).as_posix()) for p in directory.rglob(LADDER_FILE)}


def run(args) -> int:
    from ladderc.commands.check import options_from
    from ladderc.diff import compare
    from ladderc.diff_report import FORMATS, Review
    from ladderc.gitrev import WORKTREE, Revision, commit_of, default_base, export_tree, repository_root
    from ladderc.output import scratch_directory
    from ladderc.parse_cache import ParseCache

    repo = repository_root(Path.cwd())
    base_name, head_name, path = split_words(repo, list(args.words))
    base = Revision(base_name, commit_of(repo, base_name)) if base_name else default_base(repo)
    head = Revision(head_name, commit_of(repo, head_name)) if head_name else Revision(WORKTREE, None)
    scope = scope_of(repo, path)
    options = options_from(args)

    with scratch_directory("diff") as temporary:
        sides = []
        for n, revision in enumerate((base, head)):
            if revision.commit is None:
                sides.append((repo, repo / scope))
                continue
            copy = temporary / str(n)
            export_tree(repo, revision.commit, scope, copy)
            sides.append((copy, copy / scope))
        found = [ladders_under(d) if d.is_dir() else set() for _, d in sides]
        if not found[0] and not found[1]:
            from ladderc.compiler import UsageError
            raise UsageError(f"no ladder under {scope} at {base.label} or {head.label}")
        diffs, cache = [], ParseCache()  # the files both sides share are parsed once
        for ladder in sorted(found[0] | found[1]):
            compiled = [_compile(top, directory / ladder if ladder in names else None, repo, options, cache)
                        for (top, directory), names in zip(sides, found)]
            (old, old_found), (new, new_found) = compiled
            diffs.append(compare(str(scope / ladder), old, new, old_found, new_found))
    review = Review(base, head, tuple(diffs))
    sys.stdout.write(FORMATS[args.format](review))
    return _verdict(review, args.fail_on)


def _compile(top: Path, directory: Path | None, repo: Path, options, cache):
    """(ladder, diagnostics) of one side; files of a temporary copy are named as in the repository."""
    from dataclasses import replace

    from ladderc.compiler import compile_ladder
    from ladderc.diagnostics import display_path

    if directory is None:
        return None, []
    result = compile_ladder(directory, options, cache)
    if top == repo:
        return result.ladder, result.diagnostics
    renames = {display_path(f): display_path(repo / f.relative_to(top)) for f in result.files}

    def relocate(x):
        message, hint = x.message, x.hint
        for old, new in renames.items():  # messages cite other findings' positions ("first defined at")
            message, hint = message.replace(old, new), hint.replace(old, new)
        file = repo / Path(x.file).relative_to(top) if Path(x.file).is_relative_to(top) else x.file
        return replace(x, file=file, message=message, hint=hint)

    return result.ladder, [relocate(x) for x in result.diagnostics]


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
