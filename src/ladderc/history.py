"""A ladder's history from git: its changes commit by commit, grouped by the effective date they took.

`ladderc log` and the site's "what changed" pages tell the same story: for each commit that
changed a ladder (oldest first, along the first-parent line), the `LadderDiff` from the commit
before, under the ladder's `organisation.effective` at that commit. Every revision is read from
git in memory, and one `ParseCache` serves them all, so a file is parsed once per content however
many commits keep it. `without_pay` leaves pay out, for a `--no-pay` site; `change_without_pay`
does so for a commit and remembers whether it changed pay, so a pay-only commit is told as one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import cast

from ladderc.compiler import LADDER_FILE, Options, compile_ladder, gc_paused
from ladderc.diff import LadderDiff, compare
from ladderc.gitrev import git, tree_of
from ladderc.parse_cache import ParseCache

# Fields that are pay: left out with the bands when a history is told without pay.
PAY_FIELDS = {("policy", "parity_tolerance"), ("policy", "range_spread"), ("policy", "midpoint_progression"),
              ("zone", "currency")}


@dataclass(frozen=True)
class Change:
    """What one commit did to one ladder."""

    commit: str
    date: str  # the commit's date, YYYY-MM-DD
    subject: str  # the commit message's first line
    effective: datetime.date | None  # the ladder's effective date after the commit (None: it does not compile)
    diff: LadderDiff
    created: bool = False  # the commit that added the ladder
    # Told without pay: did the commit change pay (amounts, pay policy, P findings)? None: told with pay.
    pay_changed: bool | None = None


@dataclass(frozen=True)
class Era:
    """The changes made under one effective date, oldest first."""

    effective: datetime.date | None
    changes: tuple[Change, ...]


def _commits(repo: Path, scope: PurePosixPath, since: str | None) -> list[tuple[str, str, str]]:
    span = [f"{since}..HEAD"] if since else ["HEAD"]
    out = git(repo, "log", "--first-parent", "--reverse", "--format=%H%x1f%cs%x1f%s", *span, "--", str(scope))
    lines = out.decode("utf-8", "replace").splitlines()
    # The format has three fields, the subject last (it may hold the separator).
    return [cast("tuple[str, str, str]", tuple(line.split("\x1f", 2))) for line in lines if line]


def history(repo: Path, scope: PurePosixPath, options: Options = Options(), since: str | None = None
            ) -> dict[str, list[Era]]:
    """Ladder path (as a repository path) -> its eras, for every ladder under `scope` in the commits that touch it."""
    cache, last = ParseCache(), {}
    found: dict[str, list[Change]] = {}
    with gc_paused():
        start = {}
        if since:
            from ladderc.gitrev import commit_of
            start = _ladders_at(repo, commit_of(repo, since), scope, options, cache)
            last = dict(start)
        for commit, date, subject in _commits(repo, scope, since):
            now = _ladders_at(repo, commit, scope, options, cache)
            for path in sorted(now.keys() | last.keys()):
                (old, old_found), (new, new_found) = last.get(path, (None, [])), now.get(path, (None, []))
                diff = compare(path, old, new, old_found, new_found)
                if _changed(diff) or path not in last:
                    effective = new.organisation.effective if new is not None else None
                    found.setdefault(path, []).append(Change(commit, date, subject, effective, diff, path not in last))
            last = now
    return {path: _eras(changes) for path, changes in found.items()}


def _ladders_at(repo: Path, commit: str, scope: PurePosixPath, options: Options, cache: ParseCache) -> dict:
    tree = tree_of(repo, commit, scope)
    result = {}
    for file in sorted(f for f in tree.files if f.name == LADDER_FILE):
        compiled = compile_ladder(file.parent, options, cache, tree)
        result[PurePosixPath(file.parent.relative_to(repo).as_posix()).as_posix()] = (compiled.ladder,
                                                                                      compiled.diagnostics)
    return result


def _changed(diff: LadderDiff) -> bool:
    return any((diff.definitions, diff.levels, diff.bands, diff.derivations, diff.formulas, diff.beyond_base,
                diff.policy, diff.publication, diff.transitions, diff.expectations, diff.requirement_kinds,
                diff.fields, diff.diagnostics, diff.compiled != (True, True)))


def _eras(changes: list[Change]) -> list[Era]:
    eras: list[Era] = []
    for change in changes:
        if eras and eras[-1].effective == change.effective:
            eras[-1] = Era(change.effective, eras[-1].changes + (change,))
        else:
            eras.append(Era(change.effective, (change,)))
    return eras


def without_pay(diff: LadderDiff) -> LadderDiff:
    """The diff with every band, amount and pay policy left out (and the P findings, which quote amounts):
    pay formulas and variable pay or equity too."""
    return replace(diff, bands=(), derivations=(), formulas=(), beyond_base=(), publication=(), parity=(0, 0),
                   band_counts={},
                   fields=tuple(x for x in diff.fields if (x.subject, x.field.split(".")[0]) not in PAY_FIELDS),
                   diagnostics=tuple(x for x in diff.diagnostics if not x.diagnostic.code.startswith("P")))


def change_without_pay(change: Change) -> Change:
    """The change with its pay left out (`without_pay`), saying whether it changed pay at all."""
    diff = without_pay(change.diff)
    changed = any((change.diff.bands, change.diff.derivations, change.diff.formulas, change.diff.beyond_base,
                   change.diff.publication, change.diff.parity[0] != change.diff.parity[1],
                   change.diff.fields != diff.fields, change.diff.diagnostics != diff.diagnostics))
    return replace(change, diff=diff, pay_changed=changed)


PAY_CHANGED = "pay changed (amounts left out)"


def story(change: Change) -> list[str]:
    """What one commit did, in a few lines: its counts, then the first screen (impact, patterns)."""
    from ladderc.diff_phrases import summary
    from ladderc.diff_summary import impact, patterns

    if change.created:
        return [f"ladder created: {sum(1 for x in change.diff.levels if x.change == 'added')} level(s)"]
    told = [f"{k} {v}" for k, v in summary(change.diff).items() if v] + ([PAY_CHANGED] if change.pay_changed else [])
    counts = ", ".join(told) or "no changes"
    return [counts, *impact(change.diff), *patterns(change.diff)]


def histories(ladders: list, options: Options = Options()) -> dict[Path, list[Era]]:
    """Each ladder's history from the git repository holding it, keyed by its resolved root (for the site)."""
    from ladderc.gitrev import repository_root

    found = {}
    for ladder in ladders:
        root = Path(ladder.root).resolve()
        repo = repository_root(root).resolve()
        scope = PurePosixPath(root.relative_to(repo).as_posix())
        found[root] = history(repo, scope, options).get(scope.as_posix(), [])
    return found
