"""`ladderc log [PATH] [--since REV]`: the ladder's history, as effective dates and the changes under each."""

from __future__ import annotations

import json
import sys
from pathlib import Path

HELP = "tell a ladder's history from git: its effective dates and what each commit changed"


def add_arguments(parser) -> None:
    from ladderc.commands.check import add_rule_selection

    parser.add_argument("path", nargs="?", type=Path, default=None, metavar="PATH",
                        help="a ladder, a folder of ladders or a file in a ladder (default: ./ladders/)")
    parser.add_argument("--since", default=None, metavar="REV",
                        help="only the commits after this revision (a tag, a branch, a commit)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument("--no-pay", dest="pay", action="store_false", help="leave every band and amount out")
    add_rule_selection(parser)


def run(args) -> int:
    from ladderc.commands.check import options_from
    from ladderc.commands.diff import scope_of
    from ladderc.compiler import DEFAULT_ROOT
    from ladderc.errors import UsageError
    from ladderc.gitrev import is_revision, repository_root
    from ladderc.history import history, without_pay

    repo = repository_root(Path.cwd())
    if not is_revision(repo, "HEAD"):
        raise UsageError("the repository has no commits yet: there is no history to tell")
    found = history(repo, scope_of(repo, args.path or DEFAULT_ROOT), options_from(args), args.since)
    if not args.pay:
        found = {path: [_era_without_pay(era, without_pay) for era in eras] for path, eras in found.items()}
    sys.stdout.write(as_json(found) if args.format == "json" else text(found))
    return 0


def _era_without_pay(era, without_pay):
    from dataclasses import replace

    return replace(era, changes=tuple(replace(c, diff=without_pay(c.diff)) for c in era.changes))


def text(found: dict) -> str:
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


def as_json(found: dict) -> str:
    from ladderc.diff_report import summary
    from ladderc.diff_summary import impact, patterns

    document = {path: [{"effective": era.effective.isoformat() if era.effective else None, "changes": [
        {"commit": c.commit, "date": c.date, "subject": c.subject, "created": c.created,
         "summary": summary(c.diff), "impact": impact(c.diff), "patterns": patterns(c.diff)}
        for c in era.changes]} for era in eras] for path, eras in found.items()}
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
