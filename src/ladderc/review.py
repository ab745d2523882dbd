"""Review of a change: the revisions it compares, the ladders compiled at each, and how it is told.

`ladderc diff`, `ladderc log` and `ladderc comment` share this. A revision's files are read from
git's object store (nothing is written to disk) and named where they would lie in the working
tree (`gitrev.tree_of`), so the findings of a revision carry the path a user sees from the start;
the working tree is read in place. One `ParseCache` serves both sides, so a file both share is
parsed once. `review` compares two revisions; `verdict` says which `--fail-on` findings it has;
`ladder_history` and `LOG_FORMATS` tell a history (`ladderc.history`); `post` puts a report on the pull request.
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ladderc.compiler import Options

FAIL_ON = ("pay-decrease", "removed-level", "new-errors", "shorter-trial")
DEFAULT_MAX_BYTES = 60_000  # a GitHub comment holds 65,536 characters; room is left for the sticky marker


def split_words(repo: Path, words: list[str]) -> tuple[str | None, str | None, Path]:
    """(BASE, HEAD, PATH) from up to three words: the last is the path when it names one."""
    from ladderc.compiler import DEFAULT_ROOT
    from ladderc.errors import UsageError
    from ladderc.gitrev import is_revision

    words = list(words)
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


def review(cwd: Path, words: list[str], options: Options | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
           full_report: str = ""):
    """The `diff_report.Review` of `[BASE] [HEAD] [PATH]` in the repository holding `cwd`.

    BASE defaults to the merge-base with the branch's upstream (a UsageError when that cannot be
    found, as in a shallow clone, rather than a guess); HEAD to the working tree.
    """
    from ladderc.compiler import LADDER_FILE, Options, gc_paused
    from ladderc.diff import compare
    from ladderc.diff_phrases import Review
    from ladderc.errors import UsageError
    from ladderc.gitrev import WORKTREE, Revision, commit_of, default_base, repository_root, tree_of
    from ladderc.parse_cache import ParseCache

    options = options or Options()
    repo = repository_root(cwd)
    base_name, head_name, path = split_words(repo, words)
    base = Revision(base_name, commit_of(repo, base_name)) if base_name else default_base(repo)
    head = Revision(head_name, commit_of(repo, head_name)) if head_name else Revision(WORKTREE, None)
    scope = scope_of(repo, path)
    trees = [None if r.commit is None else tree_of(repo, r.commit, scope) for r in (base, head)]
    found = [_ladders_under(repo / scope) if t is None else
             {PurePosixPath(f.parent.relative_to(repo / scope).as_posix()) for f in t.files if f.name == LADDER_FILE}
             for t in trees]
    if not found[0] and not found[1]:
        raise UsageError(f"no ladder under {scope} at {base.label} or {head.label}")
    diffs, cache = [], ParseCache()  # a file both sides share is read and parsed once
    with gc_paused():  # both sides and their comparison: no collector pass over the first side's objects
        for ladder in sorted(found[0] | found[1]):
            directory = repo / scope / ladder
            (old, old_found), (new, new_found) = [_compile(directory if ladder in names else None, tree, options, cache)
                                                  for tree, names in zip(trees, found, strict=False)]
            diffs.append(compare(str(scope / ladder), old, new, old_found, new_found))
    return Review(base, head, tuple(diffs), max_bytes, full_report)


def _ladders_under(directory: Path) -> set[PurePosixPath]:
    from ladderc.compiler import LADDER_FILE

    if not directory.is_dir():
        return set()
    return {PurePosixPath(p.parent.relative_to(directory).as_posix()) for p in directory.rglob(LADDER_FILE)}


def _compile(directory: Path | None, tree, options: Options, cache):
    """(ladder, diagnostics) of one side: the working tree when `tree` is None, else the revision's files."""
    from ladderc.compiler import compile_ladder

    if directory is None:
        return None, []
    result = compile_ladder(directory, options, cache, tree)
    return result.ladder, result.diagnostics


def verdict(review, fail_on: tuple[str, ...]) -> list[str]:
    """The `fail_on` findings the change has, each with its count (`pay-decrease (2)`); empty when none."""
    counts = {
        "pay-decrease": sum(len(d.pay_decreases) for d in review.ladders),
        "removed-level": sum(len(d.removed_levels) for d in review.ladders),
        "new-errors": sum(len(d.new_errors) for d in review.ladders),
        "shorter-trial": sum(len(d.shorter_trials) for d in review.ladders),
    }
    return [f"{name} ({counts[name]})" for name in FAIL_ON if name in fail_on and counts[name]]


def github(review) -> str:
    """Append the full report to the job summary; the annotations, for stdout (where the runner reads them)."""
    from ladderc.diff_github import annotations, job_summary
    from ladderc.errors import UsageError

    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary:
        raise UsageError("--format github writes the report to $GITHUB_STEP_SUMMARY, which is not set "
                         "(run it in a GitHub Actions step, or use --format markdown)")
    try:
        with open(summary, "a", encoding="utf-8") as out:
            out.write(job_summary(review))
    except OSError as error:
        raise UsageError(f"cannot write the job summary {summary}: {error.strerror or error}") from None
    return annotations(review)


def ladder_history(cwd: Path, path: Path | None, options: Options | None = None, since: str | None = None,
            pay: bool = True) -> dict:
    """`ladderc.history.history` of the ladders at `path` (default: ./ladders/), without pay unless `pay`."""
    from dataclasses import replace

    from ladderc.compiler import DEFAULT_ROOT, Options
    from ladderc.errors import UsageError
    from ladderc.gitrev import is_revision, repository_root
    from ladderc.history import change_without_pay, history

    repo = repository_root(cwd)
    if not is_revision(repo, "HEAD"):
        raise UsageError("the repository has no commits yet: there is no history to tell")
    found = history(repo, scope_of(repo, path or DEFAULT_ROOT), options or Options(), since)
    if pay:
        return found
    return {where: [replace(era, changes=tuple(change_without_pay(c) for c in era.changes))
                    for era in eras] for where, eras in found.items()}


def history_text(found: dict) -> str:
    from ladderc.history import story

    if not found:
        return "no commit changed a ladder there\n"
    lines = []
    for path, eras in found.items():
        lines.append(f"ladderc log {path}")
        for era in eras:
            lines.append(f"  effective {era.effective or 'unknown (the ladder does not compile)'}")
            for change in era.changes:
                first, *rest = story(change)
                lines.append(f"    {change.commit[:7]} {change.date} {change.subject}: {first}")
                lines += [f"      {line}" for line in rest]
    return "\n".join(lines) + "\n"


def history_json(found: dict) -> str:
    from ladderc.diff_phrases import summary
    from ladderc.diff_summary import impact, patterns

    document = {path: [{"effective": era.effective.isoformat() if era.effective else None, "changes": [
        {"commit": c.commit, "date": c.date, "subject": c.subject, "created": c.created,
         "summary": summary(c.diff), "impact": impact(c.diff), "patterns": patterns(c.diff),
         **({} if c.pay_changed is None else {"pay_changed": c.pay_changed})}
        for c in era.changes]} for era in eras] for path, eras in found.items()}
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


LOG_FORMATS = {"text": history_text, "json": history_json}


def post(report: Path, repository: str, number: int | None, api_url: str, key: str) -> tuple[str, str | None]:
    """Post the markdown `report` as the pull request's sticky comment `key`, or update it: (what was done, its URL).

    The number defaults to the pull_request event's, the token is `$GITHUB_TOKEN`; a UsageError
    names everything that is missing, or why the report cannot be read."""
    from ladderc.errors import UsageError
    from ladderc.github_api import PullRequest, sticky_comment

    token = os.environ.get("GITHUB_TOKEN", "")
    number = number or _event_number()
    missing = [name for name, value in (("--repository (or $GITHUB_REPOSITORY)", repository),
                                        ("--pull-request (or a pull_request event)", number),
                                        ("$GITHUB_TOKEN", token)) if not value]
    if missing or number is None:
        raise UsageError(f"cannot comment: missing {', '.join(missing)}")
    try:
        body = report.read_text(encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot read {report}: {error.strerror or error}") from None
    return sticky_comment(PullRequest(api_url.rstrip("/"), repository, number, token), body, key)


def _event_number() -> int | None:
    event = os.environ.get("GITHUB_EVENT_PATH")
    if not event or not Path(event).is_file():
        return None
    number = (json.loads(Path(event).read_text(encoding="utf-8")).get("pull_request") or {}).get("number")
    return int(number) if number else None
