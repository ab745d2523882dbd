"""What a ladder names: unknown references (R001), duplicate ids (R002) and rules in `policy.rules`.

The findings every resolution stage makes about the ids it reads, from the `Rule` values of
`ladderc.stage_rules`; shared by `ladderc.resolve` (the ladder file) and `ladderc.levels`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ladderc.diagnostics import Diagnostic, Position, did_you_mean
from ladderc.loader import Document
from ladderc.model import RuleSetting
from ladderc.raw import RawFamilyRuleSetting, RawRuleSetting
from ladderc.stage_rules import DUPLICATE_ID, SCHEMA, UNKNOWN_REFERENCE

SHOWN = 12  # known ids a hint lists
# Where the rules that are not checks are reported, by code letter: at a fixed severity, before or apart
# from the checks' run, so `policy.rules` cannot reach them.
STAGES = {"S": "while reading the ladder's files against the schema", "R": "while resolving the ladder's references",
          "E": "while exporting", "I": "while importing"}


def unknown(kind: str, ref: str, known: Iterable[str], at: Position) -> Diagnostic:
    """R001: `ref` names no `kind` of `known`, with the closest one as a did-you-mean."""
    return UNKNOWN_REFERENCE.at(at, f"unknown {kind} '{ref}'{did_you_mean(str(ref), known)}",
                                f"define the {kind} or use one of: {', '.join(sorted(known)[:SHOWN])}")


def duplicates(kind: str, items: list[tuple[str, Position]]) -> list[Diagnostic]:
    """R002 for each id met before in `items`, also when it differs only by case; the first one stands."""
    first: dict[str, tuple[str, Position]] = {}
    found: list[Diagnostic] = []
    for ident, at in items:
        folded = ident.casefold()
        if folded in first:
            other, where = first[folded]
            same = "" if other == ident else f" (differs only by case from '{other}')"
            found.append(DUPLICATE_ID.at(at, f"duplicate {kind} id '{ident}'{same}; first defined at {where}",
                                         f"give the {kind} a unique id"))
        else:
            first[folded] = (ident, at)
    return found


def rule_settings(doc: Document, rules: Mapping[str, str | RawRuleSetting] | Mapping[str, RawFamilyRuleSetting],
                  family: str | None) -> tuple[tuple[RuleSetting, ...], list[Diagnostic]]:
    """A `policy.rules` mapping as written (`P005: warning` or `{severity, reason}`); S002 on an unknown rule,
    and on a rule that is not a check (S, R, E, I: the setting would do nothing).

    `family` is the family whose file `doc` holds it, None for ladder.yaml's.
    """
    from ladderc.catalogue import all_rules, find_rule  # the catalogue sits above every stage

    settings: dict[str, RuleSetting] = {}
    found: list[Diagnostic] = []
    for key, value in rules.items():
        rule = find_rule(key)
        at = doc.key_at(("policy", "rules", key))
        if rule is None:
            names = [r.code for r in all_rules()] + [r.name for r in all_rules()]
            found.append(SCHEMA.at(at, f"policy.rules: unknown rule '{key}'{did_you_mean(key, names)}",
                                   "see `ladderc rules` for the catalogue"))
            continue
        if rule.check is None:
            checks = sorted({r.code[0] for r in all_rules() if r.check is not None})
            found.append(SCHEMA.at(
                at, f"policy.rules: {rule.code} ({rule.name}) cannot be configured: it is reported "
                    f"{STAGES.get(rule.code[0], 'by a pipeline stage')}, always as {_article(rule.severity)}",
                f"remove the entry; policy.rules sets the checks only ({', '.join(checks[:-1])} and {checks[-1]} "
                "rules: see `ladderc rules`)"))
            continue
        severity, reason = (value, "") if isinstance(value, str) else (value["severity"], value.get("reason", ""))
        settings[rule.code] = RuleSetting(rule.code, severity, reason.strip(), family, at)
    return tuple(settings.values()), found


def _article(severity: str) -> str:
    return f"an {severity}" if severity[0] in "aeiou" else f"a {severity}"
