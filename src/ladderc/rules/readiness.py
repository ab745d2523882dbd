"""T rules: readiness and transparency (requirements into management, expectations, criteria)."""

from __future__ import annotations

from ladderc.diagnostics import Diagnostic, Rule
from ladderc.model import SWITCH, Ladder


def readiness_required(ladder: Ladder, graph, policy) -> list[Diagnostic]:
    """A transition from a non-management level into a management level names no requirement.

    Why: managing is a different job. Moving someone into it for past performance alone is how an
    organisation loses a great engineer and gains a struggling manager; the ladder should name the
    readiness evidence (apprenticeship, training, 360 feedback, the wish to develop people).

    Failing:

        - from: e3
          to: m3
          kind: switch
          criteria: Led a team for two quarters.

    Passing:

        - from: e3
          to: m3
          kind: switch
          requires: [training]
          criteria: Led a team for two quarters.
    """
    found = []
    for t in ladder.transitions:
        target = ladder.levels[t.target]
        if ladder.into_management(t) and not t.requires:
            known = ", ".join(ladder.requirements) or "none defined yet"
            found.append(READINESS_REQUIRED.at(t.pos, f"{t.kind} {t.source} -> {t.target} moves into management "
                                               f"('{target.title}') without naming a readiness requirement",
                                               f"add `requires: [...]` to the transition (requirements: {known})"))
    return found


READINESS_REQUIRED = Rule.checking("T001", "readiness-required", readiness_required)


def missing_expectation(ladder: Ladder, graph, policy) -> list[Diagnostic]:
    """A level has no (or an empty) expectation for a competency that applies to its track and family.

    A competency applies to the tracks listed in its `tracks` and the families listed in its
    `families` (each: every one when left out).

    Why: people are promoted against the expectations written for the next level. A competency
    left blank at one level is a criterion decided in private, the opposite of a transparent,
    objective ladder.

    Failing:

        - id: m3
          track: mgmt
          expectations:
            craft: Guides systems.        # `people` applies to mgmt too

    Passing:

        - id: m3
          track: mgmt
          expectations:
            craft: Guides systems.
            people: Grows a team.
    """
    found = []
    for level in ladder.levels.values():
        for competency in ladder.competencies.values():
            if not competency.applies_to(level) or (level.expectations.get(competency.id) or "").strip():
                continue
            empty = competency.id in level.expectations
            found.append(MISSING_EXPECTATION.at(
                    level.expectation_pos.get(competency.id, level.pos),
                    f"level '{level.id}' ({level.grade}, {level.title}) has "
                    f"{'an empty' if empty else 'no'} expectation for competency '{competency.id}' "
                    f"({competency.name})",
                    f"describe what '{competency.name}' looks like at {level.id} under its expectations"))
    return found


MISSING_EXPECTATION = Rule.checking("T002", "missing-expectation", missing_expectation)


def switch_criteria(ladder: Ladder, graph, policy) -> list[Diagnostic]:
    """A switch transition has no (or empty) `criteria`.

    Why: a switch between tracks is where favouritism hides. Pay-transparency laws ask for
    objective progression criteria, and a way back that is not written down is not a promise.

    Failing:

        - {from: m3, to: e3, kind: switch}

    Passing:

        - {from: m3, to: e3, kind: switch, criteria: Any time, at no loss of pay.}
    """
    return [SWITCH_CRITERIA.at(t.pos, f"switch {t.source} -> {t.target} has no criteria",
                               "add `criteria:` saying what someone must show to make this switch")
            for t in ladder.transitions if t.kind == SWITCH and not t.criteria.strip()]


SWITCH_CRITERIA = Rule.checking("T003", "switch-criteria", switch_criteria)
