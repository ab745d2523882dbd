"""`ladderc rules`: list the rule catalogue."""

from __future__ import annotations

import sys

HELP = "list every rule: code, name, default severity, summary"


def add_arguments(parser) -> None:
    parser.add_argument("--format", choices=("text", "markdown"), default="text")


def run(args) -> int:
    from ladderc.catalogue import all_rules

    rules = all_rules()
    if args.format == "markdown":
        sys.stdout.write(rule_table(rules))
        return 0
    for r in rules:
        sys.stdout.write(f"{r.code}  {r.name:<24} {r.severity:<8} {r.summary}\n")
    return 0


def rule_table(rules) -> str:
    """The Markdown rule table the README embeds (a test keeps the README in step)."""
    lines = ["| code | name | default | what it finds |", "|---|---|---|---|"]
    lines += [f"| {r.code} | `{r.name}` | {r.severity} | {r.summary.replace('|', '/')} |" for r in rules]
    return "\n".join(lines) + "\n"
