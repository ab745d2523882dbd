"""`ladderc explain CODE`: print one rule's documentation."""

from __future__ import annotations

import sys

HELP = "explain a rule: what it finds, why, a failing and a passing example"


def add_arguments(parser) -> None:
    parser.add_argument("rule", help="a rule code (P003) or name (pay-parity)")


def run(args) -> int:
    from ladderc.catalogue import all_rules, find_rule
    from ladderc.diagnostics import did_you_mean

    rule = find_rule(args.rule)
    if rule is None:
        known = [r.code for r in all_rules()] + [r.name for r in all_rules()]
        sys.stderr.write(f"ladderc: unknown rule '{args.rule}'{did_you_mean(args.rule, known)}\n")
        return 2
    sys.stdout.write(f"{rule.code} {rule.name} (default: {rule.severity})\n\n{rule.doc}\n")
    return 0
