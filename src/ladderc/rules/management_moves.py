"""T004–T006: moves into management under the readiness model (kinds of evidence, support, a trial).

T001 asks that a move into management name *some* requirement; these rules ask what kind of evidence
it is (`policy.readiness`), what the company provides after the move (`support`) and whether a
trial's way back exists and keeps pay (`trial`).
"""

from __future__ import annotations

import functools

from ladderc.diagnostics import WARNING, Diagnostic, Rule
from ladderc.model import Ladder, Level, Transition, annual
from ladderc.rules.bands import compared, earns_at_least, echo_note, measure_note, pay


def readiness_vocabulary(ladder: Ladder) -> bool:
    """The ladder speaks the 1.x readiness model: a readiness policy, or any move with support or a trial.

    T005 runs only then, so a ladder written before the model existed means what it meant.
    """
    return ladder.policy.readiness is not None or any(t.support or t.trial for t in ladder.transitions)


def missing_kinds(ladder: Ladder, t: Transition) -> list[tuple[str, ...]]:
    """The policy entries (each a tuple of alternative kinds) that no requirement of `t` satisfies."""
    have = {ladder.requirements[r].kind for r in t.requires}
    readiness = ladder.policy.readiness
    return [entry for entry in readiness.into_management if not have.intersection(entry)] if readiness else []


def kinds_text(entry: tuple[str, ...]) -> str:
    return " or ".join(entry)


def readiness_policy(ladder: Ladder, graph, policy) -> list[Diagnostic]:
    """A move into management lacks a kind of readiness evidence that `policy.readiness` asks for.

    Runs only when `policy.readiness.into_management` is set. Each entry is a kind, or a list of
    alternative kinds of which one is enough; the move must name, through `requires`, a requirement
    of each entry's kind. The message names the kinds the move lacks and the requirements of those
    kinds the ladder already defines.

    Why: "names a requirement" is not readiness. An advertised role and an interview are steps of
    a hiring process; readiness to manage is shown by trying leadership first (an apprenticeship)
    or learning it (training), and by feedback from the people one leads. The recommended policy,
    `[[apprenticeship, training], feedback]`, asks for exactly that (see docs/rules.md).

    Failing:

        # ladder.yaml
        requirements:
          - {id: advert, name: Advertised role, kind: other}
          - {id: feedback360, name: 360 feedback, kind: feedback}
        policy:
          readiness:
            into_management: [[apprenticeship, training], feedback]
        # families/eng.yaml
          - {from: e3, to: m3, kind: switch, requires: [advert], criteria: ...}

    Passing:

        requirements:
          - {id: training, name: New-manager training, kind: training}
          - {id: feedback360, name: 360 feedback, kind: feedback}
        ...
          - {from: e3, to: m3, kind: switch, requires: [training, feedback360], criteria: ...}
    """
    if policy.readiness is None:
        return []
    found = []
    for t in ladder.transitions:
        if not ladder.into_management(t):
            continue
        lacking = missing_kinds(ladder, t)
        if not lacking:
            continue
        wanted = {kind for entry in lacking for kind in entry}
        defined = [r for r in ladder.requirements.values() if r.kind in wanted]
        undefined = [e for e in lacking if not any(r.kind in e for r in defined)]
        hints = ["add to `requires`: " + ", ".join(f"{r.id} ({r.kind})" for r in defined)] if defined else []
        if undefined:
            hints.append("define in ladder.yaml a requirement of each kind: " + "; ".join(kinds_text(e) for e in undefined))
        hint = "; ".join(hints)
        found.append(READINESS_POLICY.at(t.pos, f"{t.kind} {t.source} -> {t.target} moves into management "
                          f"('{ladder.levels[t.target].title}') without readiness evidence of these kinds: "
                          + "; ".join(kinds_text(e) for e in lacking)
                          + f" (policy.readiness at {policy.readiness.pos})", hint))
    return found


READINESS_POLICY = Rule.checking("T004", "readiness-policy", readiness_policy)


def post_move_support(ladder: Ladder, graph, policy) -> list[Diagnostic]:
    """A move into management names no `support`: nothing the company provides after the move.

    Runs when the ladder uses the readiness model (it sets `policy.readiness`, or some move names
    `support` or a `trial`), so a ladder written before the model existed is not warned.

    Why: new managers are left to sink or swim; most receive no training or coaching in their first
    year, which is when they need it. A move into management should say what the company provides
    afterwards (coaching, mentoring by an experienced manager, a peer group).

    Failing:

        - {from: e3, to: m3, kind: switch, requires: [training], criteria: ..., trial: {months: 6}}

    Passing:

        - {from: e3, to: m3, kind: switch, requires: [training], support: [coaching], criteria: ...,
           trial: {months: 6}}
    """
    if not readiness_vocabulary(ladder):
        return []
    return [POST_MOVE_SUPPORT.at(t.pos, f"{t.kind} {t.source} -> {t.target} moves into management "
                                 f"('{ladder.levels[t.target].title}') with no support after the move",
                                 "add `support: [...]` naming what the company provides after the move (requirements: "
                                 + (", ".join(ladder.requirements) or "none defined yet") + ")")
            for t in ladder.transitions if ladder.into_management(t) and not t.support]


POST_MOVE_SUPPORT = Rule.checking("T005", "post-move-support", post_move_support, WARNING)


def pay_cuts(ladder: Ladder, high: Level, low: Level) -> list[str]:
    """'in us: max 188,000 USD -> 175,000 USD' for each zone where `low`'s band min or max is below `high`'s.

    On each measure of `policy.parity_measures`, as P007 ('on-target total in us: ...').
    """
    def lowers(a, b):
        return [k for k in ("min", "max") if annual(b, k, ladder.policy) < annual(a, k, ladder.policy)] or None

    return [f"{measure_note(ladder.policy, measure).lstrip()}{' ' if measure_note(ladder.policy, measure) else ''}in {zone}: "
            + ", ".join(f"{k} {pay(a, k, ladder, zone)} -> {pay(b, k, ladder, zone)}" for k in amounts) + echo_note(echoes)
            for measure, zone, (a, b), amounts, echoes in compared(ladder, (high, low), lowers,
                                                                   functools.partial(earns_at_least, low, high))]


def trial_way_back(ladder: Ladder, graph, policy) -> list[Diagnostic]:
    """A move's `trial` has no way back, or its way back cuts pay.

    The way back is a switch from the move's target level back to its source level, or to another
    level of the source's grade and track (the same job in a reorganised family). It cuts pay when
    the level it returns to has a band min or max below the target level's, in any zone where both
    have a band (P007 also reports that switch; T006 says which trial it breaks). The finding sits
    at the trial and names the way back's position.

    Why: a trial is the "not a no, but a not yet" of a move into management: for its months, someone
    who finds they would rather not lead goes back without penalty. A trial with no switch back, or
    with a switch back at lower pay, promises what the ladder does not hold.

    Failing:

        - {from: e3, to: m3, kind: switch, requires: [training], criteria: ..., trial: {months: 6}}
        # and no switch from m3 back to e3

    Passing:

        - {from: e3, to: m3, kind: switch, requires: [training], criteria: ..., trial: {months: 6}}
        - {from: m3, to: e3, kind: switch, criteria: Any time, at no loss of pay.}
    """
    found = []
    for t in ladder.transitions:
        if t.trial is None:
            continue
        source, target = ladder.levels[t.source], ladder.levels[t.target]
        candidates = [(back, ladder.levels[back.target]) for back in ladder.ways_back(t)]
        if not candidates:
            found.append(TRIAL_WAY_BACK.at(
                    t.trial.pos, f"the {t.trial.months}-month trial of {t.kind} {t.source} -> {t.target} has no way "
                    f"back: no switch from {t.target} to {t.source} or another {source.track} level at "
                    f"{source.grade}",
                    f"add a transition `{{from: {t.target}, to: {t.source}, kind: switch, criteria: ...}}`"))
            continue
        cuts = [(back, level, pay_cuts(ladder, target, level)) for back, level in candidates]
        if any(not c for _, _, c in cuts):
            continue
        back, level, cut = cuts[0]
        found.append(TRIAL_WAY_BACK.at(
                t.trial.pos, f"the {t.trial.months}-month trial of {t.kind} {t.source} -> {t.target} has a way "
                f"back that cuts pay: switch {back.source} -> {back.target} at {back.pos} lowers pay " + "; ".join(cut),
                f"raise {level.id}'s band to at least {target.id}'s, or switch back to a level that pays as much"))
    return found


TRIAL_WAY_BACK = Rule.checking("T006", "trial-way-back", trial_way_back)
