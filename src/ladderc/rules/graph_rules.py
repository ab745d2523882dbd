"""G rules: the shape of the transition graph (ways in, ways up, ways across, ways back).

The whole-graph questions are networkx queries on the graph from `ladderc.graph`: a
multi-source traversal (G001), strongly connected components (G002), a traversal of the view
without management levels (G005). Each is asked only when a cheaper fact cannot answer it: grades
that rise along every promotion rule out a promotion cycle, and `fed_from_below` proves every
level reachable; most ladders pass both, and a check of them never imports networkx. G003 asks
networkx for the highest grade each level can reach (one pass over the condensation) only when a
level below its track's top has transitions but none that rises directly (`rises_directly`).
G006 reads a level's own transitions from the model. None searches paths between all pairs, so a
check stays linear in the ladder's size.
"""

from __future__ import annotations

from ladderc.diagnostics import Diagnostic, Rule
from ladderc.graph import (
    TransitionGraph,
    fed_from_below,
    highest_reachable,
    promotions,
    reachable,
    rises_directly,
    without_management,
)
from ladderc.model import INDIVIDUAL, MANAGEMENT, PROMOTION, SWITCH, Ladder, Level


def describe(level: Level) -> str:
    return f"'{level.id}' ({level.grade}, {level.title})"


def unreachable(ladder: Ladder, graph: TransitionGraph, policy) -> list[Diagnostic]:
    """A level that no chain of promotions and switches reaches from any entry (hiring) level.

    Why: a level nobody can be hired into or grow into is a title on paper only; on a dual-track
    ladder it is usually an IC level that was meant to be reached by a switch that was never
    written down.

    Failing:

        levels:
          - {id: e1, track: ic, grade: G1, title: Engineer I, entry: false}
          - {id: e2, track: ic, grade: G2, title: Engineer II, entry: true}

    Passing:

        levels:
          - {id: e1, track: ic, grade: G1, title: Engineer I, entry: true}
          - {id: e2, track: ic, grade: G2, title: Engineer II, entry: true}
    """
    if fed_from_below(ladder, ladder.levels.values()):
        return []
    reached = reachable(graph.digraph, [lv.id for lv in ladder.levels.values() if lv.entry])
    return [UNREACHABLE_LEVEL.at(
            lv.pos, f"level {describe(lv)} cannot be reached from any entry level",
            "add a promotion or switch into it, or mark it `entry: true` if people are hired into it")
            for lv in ladder.levels.values() if lv.id not in reached]


UNREACHABLE_LEVEL = Rule.checking("G001", "unreachable-level", unreachable)


def promotion_cycle(ladder: Ladder, graph: TransitionGraph, policy) -> list[Diagnostic]:
    """A cycle made only of promotions, or a promotion whose target grade is not above its source.

    Why: a promotion is a step up in scope and pay. One that stays at the same grade, goes down,
    or leads back round to where it started promises growth that is not there. Two levels of one
    family and track at the same grade make such a promotion by themselves.

    Failing:

        levels:
          - {id: e2, track: ic, grade: G2, title: Engineer II}
          - {id: e2b, track: ic, grade: G2, title: Engineer II (senior)}

    Passing:

        levels:
          - {id: e2, track: ic, grade: G2, title: Engineer II}
          - {id: e3, track: ic, grade: G3, title: Senior Engineer}
    """
    found: list[Diagnostic] = []
    levels = ladder.levels
    falling = [(t.source, t.target, t.pos) for t in ladder.transitions
               if t.kind == PROMOTION and levels[t.target].grade_index <= levels[t.source].grade_index]
    if not falling:  # grades rise along every promotion, so no promotion cycle can exist
        return found
    import networkx as nx

    digraph = graph.digraph
    view = promotions(digraph)
    order = {level: i for i, level in enumerate(ladder.levels)}
    in_cycle: set[str] = set()
    for component in nx.strongly_connected_components(view):
        if len(component) == 1 and not view.has_edge(*(2 * tuple(component))):
            continue
        in_cycle |= component
        # A concrete graph in written order: views over a set of nodes iterate in hash order,
        # and the cycle we name must not change from run to run.
        members = sorted(component, key=order.__getitem__)
        loop_graph: nx.DiGraph[str] = nx.DiGraph((u, v) for u in members for v in view.successors(u) if v in component)
        cycle = nx.find_cycle(loop_graph, source=members[0])
        # Every promotion cycle has a step that does not rise; that step is where to fix it.
        u, v = next((u, v) for u, v in cycle if levels[v].grade_index <= levels[u].grade_index)
        loop = " -> ".join([a for a, _ in cycle] + [cycle[0][0]])
        found.append(PROMOTION_CYCLE.at(digraph.edges[u, v]["pos"], f"promotions form a cycle: {loop}",
                                        f"remove the promotion {u} -> {v} or make it a switch"))
    for u, v, pos in falling:
        low, high = ladder.levels[u], ladder.levels[v]
        if not (u in in_cycle and v in in_cycle):
            found.append(PROMOTION_CYCLE.at(pos,
                                            f"promotion {u} ({low.grade}) -> {v} ({high.grade}) does not rise in grade",
                                            f"give {v} a grade above {low.grade}, or make the transition a switch"))
    return found


PROMOTION_CYCLE = Rule.checking("G002", "promotion-cycle", promotion_cycle)


def dead_end(ladder: Ladder, graph: TransitionGraph, policy) -> list[Diagnostic]:
    """A level below its track's top grade from which no chain of transitions reaches a higher grade.

    A track's top is the highest grade any level of that track reaches anywhere in the ladder. The
    chain may use promotions and switches of any family and pass through levels at the same or a
    lower grade: a same-grade switch into another family followed by promotions there is a way up.

    Why: a dual-track ladder promises a way up on either track. A level that ends the climb early,
    while the same track goes higher elsewhere, quietly caps the people in it.

    Failing:

        levels:                                # the ic track reaches G4 in another family
          - {id: d1, track: ic, grade: G1, title: Designer I}
          - {id: d2, track: ic, grade: G2, title: Designer II}

    Passing:

        levels:
          - {id: d1, track: ic, grade: G1, title: Designer I}
          - {id: d2, track: ic, grade: G2, title: Designer II}
        transitions:                           # e2 is engineering's G2, promoted on to e3 and e4
          - {from: d2, to: e2, kind: switch, criteria: Moves into engineering.}
    """
    top: dict[str, int] = {}
    for level in ladder.levels.values():
        top[level.track] = max(top.get(level.track, -1), level.grade_index)
    grade = {g.index: g.id for g in ladder.grades}
    stuck = [lv for lv in ladder.levels.values() if lv.grade_index < top[lv.track] and not rises_directly(ladder, lv)]
    if any(ladder.transitions_from(lv.id) for lv in stuck):  # a longer chain may still lead up
        highest = highest_reachable(graph.digraph)
        stuck = [lv for lv in stuck if highest[lv.id] <= lv.grade_index]
    return [DEAD_END.at(level.pos, f"level {describe(level)} is a dead end: no promotion or switch leads "
                        f"above {level.grade}, while track '{level.track}' reaches {grade[top[level.track]]}",
                        f"add a level above {level.id} in its family, or a promotion or switch "
                        f"from {level.id} to a higher-grade level")
            for level in stuck]


DEAD_END = Rule.checking("G003", "dead-end", dead_end)


def height_parity(ladder: Ladder, graph: TransitionGraph, policy) -> list[Diagnostic]:
    """In a family, the individual-contributor levels stop at a lower grade than management.

    Why: the heart of the dual-track promise is that an IC can grow as far as a manager. When the
    IC track of a family stops at Staff while management goes on to Director, the only way to the
    top is to stop doing the work and start managing it.

    Failing:

        levels:
          - {id: e3, track: ic, grade: G3, title: Staff Engineer}
          - {id: m3, track: mgmt, grade: G3, title: Engineering Manager}
          - {id: m4, track: mgmt, grade: G4, title: Director}

    Passing:

        levels:
          - {id: e3, track: ic, grade: G3, title: Staff Engineer}
          - {id: e4, track: ic, grade: G4, title: Principal Engineer}
          - {id: m3, track: mgmt, grade: G3, title: Engineering Manager}
          - {id: m4, track: mgmt, grade: G4, title: Director}
    """
    found = []
    for family in ladder.families.values():
        levels = [ladder.levels[i] for i in family.levels]
        ic = [lv for lv in levels if ladder.track_of(lv).kind == INDIVIDUAL]
        mgmt = [lv for lv in levels if ladder.track_of(lv).kind == MANAGEMENT]
        if not ic or not mgmt:
            continue
        top_ic = max(ic, key=lambda lv: lv.grade_index)
        top_mgmt = max(mgmt, key=lambda lv: lv.grade_index)
        if top_ic.grade_index < top_mgmt.grade_index:
            found.append(HEIGHT_PARITY.at(top_ic.pos,
                                          f"family '{family.id}': the individual track stops at {describe(top_ic)} "
                                          f"while management reaches {describe(top_mgmt)}",
                                          f"add an individual-contributor level at {top_mgmt.grade} in '{family.id}'"))
    return found


HEIGHT_PARITY = Rule.checking("G004", "height-parity", height_parity)


def ic_top_via_management(ladder: Ladder, graph: TransitionGraph, policy) -> list[Diagnostic]:
    """A family's top individual-contributor level can only be reached through a management level.

    Checked from the family's individual entry levels, along paths that touch no management level
    (the search runs once per family on the graph without management levels).

    Why: a top IC level reachable only by way of a manager job is the old single-track ladder in
    disguise: to become a Principal you must first have managed.

    Failing:

        levels:
          - {id: x4, track: expert, grade: G4, title: Principal, entry: false}
        transitions:
          - {from: m4, to: x4, kind: switch, criteria: Any time.}

    Passing:

        transitions:
          - {from: m4, to: x4, kind: switch, criteria: Any time.}
          - {from: e4, to: x4, kind: switch, criteria: Leads architecture across teams.}
    """
    found = []
    for family in ladder.families.values():
        ic = [ladder.levels[i] for i in family.levels if ladder.track_of(ladder.levels[i]).kind == INDIVIDUAL]
        if not ic or fed_from_below(ladder, ic):  # then every IC level is reached without management
            continue
        top = max(lv.grade_index for lv in ic)
        reached = reachable(without_management(graph.digraph), [lv.id for lv in ic if lv.entry])
        for level in ic:
            if level.grade_index == top and level.id not in reached:
                found.append(IC_TOP_VIA_MANAGEMENT.at(
                        level.pos, f"the top individual level {describe(level)} of family '{family.id}' "
                        f"cannot be reached from its individual entry levels without a management level",
                        f"add a promotion or switch into {level.id} from an individual level"))
    return found


IC_TOP_VIA_MANAGEMENT = Rule.checking("G005", "ic-top-via-management", ic_top_via_management)


def no_way_back(ladder: Ladder, graph: TransitionGraph, policy) -> list[Diagnostic]:
    """A management level with no switch to an individual-contributor level.

    Why: management is a different job, not a promotion; people try it and some find it is not
    for them. Without a written way back, leaving management means leaving the company.

    Failing:

        levels:
          - {id: m3, track: mgmt, grade: G3, title: Engineering Manager}

    Passing:

        transitions:
          - {from: m3, to: e3, kind: switch, criteria: Any time, at no loss of pay.}
    """
    found = []
    for level in ladder.levels.values():
        if not ladder.track_of(level).is_management:
            continue
        if not any(t.kind == SWITCH and ladder.track_of(ladder.levels[t.target]).kind == INDIVIDUAL
                   for t in ladder.transitions_from(level.id)):
            found.append(NO_WAY_BACK.at(level.pos, f"management level {describe(level)} has no switch back to an "
                                        f"individual-contributor level",
                                        f"add a transition from {level.id} to an individual level at {level.grade}, "
                                        f"kind: switch, with criteria"))
    return found


NO_WAY_BACK = Rule.checking("G006", "no-way-back", no_way_back)
