"""`ladderc explain CODE` prints one rule's documentation; `ladderc explain LEVEL [PATH]` where a level's bands came from."""

from __future__ import annotations

import sys
from pathlib import Path

HELP = "explain a rule (what it finds, why, examples) or where a level's bands came from"


def add_arguments(parser) -> None:
    parser.add_argument("subject", metavar="CODE|LEVEL",
                        help="a rule code (P003) or name (pay-parity), or a level id (se3): its band per zone, "
                             "written, from the pay formula or derived, with the numbers")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="for a level: the ladders to look in (default: ./ladders/)")
    parser.add_argument("--zone", metavar="ZONE", help="for a level: only this zone (and the zones it derives from)")


def run(args) -> int:
    from ladderc.catalogue import all_rules, find_rule

    rule = find_rule(args.subject)
    if rule is None:
        from ladderc.band_origin import explain

        words = tuple(r.code for r in all_rules()) + tuple(r.name for r in all_rules())
        sys.stdout.write(explain(args.paths, args.subject, args.zone, words))
        return 0
    sys.stdout.write(f"{rule.code} {rule.name} (default: {rule.severity})\n\n{rule.doc}\n")
    return 0
