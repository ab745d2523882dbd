"""The transition graph: levels as nodes, promotions and switches as edges (networkx).

Node attributes: family, track, kind (individual | management), grade (label), grade_index,
title, entry. Edge attributes: kind (promotion | switch), implied, requires, criteria, pos, and
the `transition` itself. The G rules query this graph; `portable` makes a copy with only text and
number attributes, for the writers of `ladderc graph`.

networkx takes longer to import (about 0.3 s on a 2-core machine) than a small ladder takes to
check, so `TransitionGraph` builds the DiGraph, and imports networkx, the first time a question
needs the whole graph. A rule asks that question only when `fed_from_below` cannot settle it;
questions about one level's own transitions are read from the model's indexes (`fed_from_below`,
`rises_directly`).
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ladderc.diagnostics import Position
from ladderc.model import MANAGEMENT, PROMOTION, Ladder, Level

if TYPE_CHECKING:
    import networkx as nx


class TransitionGraph:
    """A ladder's transition graph; `digraph` is built on first use."""

    def __init__(self, ladder: Ladder) -> None:
        self.ladder = ladder

    @cached_property
    def digraph(self) -> nx.DiGraph:
        return build_graph(self.ladder)


def build_graph(ladder: Ladder) -> nx.DiGraph:
    import networkx as nx

    graph: nx.DiGraph[str] = nx.DiGraph()
    for level in ladder.levels.values():
        graph.add_node(level.id, family=level.family, track=level.track, kind=ladder.track_of(level).kind,
                       grade=level.grade, grade_index=level.grade_index, title=level.title, entry=level.entry,
                       pos=level.pos)
    for t in ladder.transitions:
        graph.add_edge(t.source, t.target, kind=t.kind, implied=t.implied, requires=t.requires,
                       criteria=t.criteria, pos=t.pos, transition=t)
    return graph


def fed_from_below(ladder: Ladder, levels: Collection[Level]) -> bool:
    """Whether each of `levels` is an entry level or has a transition into it from a lower grade
    among `levels`.

    If so, every one of them is reachable from their entry levels along transitions between them:
    the lowest-grade level that was not would be no entry level, so a transition would come into
    it from a lower-grade level, which is reachable. The test is sufficient, not necessary (a
    level fed only by a same-grade switch fails it), so a rule that sees it fail asks networkx.
    """
    grade = {level.id: level.grade_index for level in levels}
    return all(level.entry or any(grade.get(t.source, level.grade_index) < level.grade_index
                                  for t in ladder.transitions_to(level.id))
               for level in levels)


def rises_directly(ladder: Ladder, level: Level) -> bool:
    """Whether one of the level's own transitions leads to a higher grade.

    Sufficient for a way up, not necessary (a same-grade switch may lead on to promotions), so a
    rule that sees it fail for a level with transitions asks `highest_reachable`.
    """
    return any(ladder.levels[t.target].grade_index > level.grade_index for t in ladder.transitions_from(level.id))


def highest_reachable(graph: nx.DiGraph) -> dict[str, int]:
    """For every node, the highest `grade_index` that some path from it reaches (its own included).

    One pass over the condensation (strongly connected components in reverse topological
    order), so the answer for all levels costs what one traversal does.
    """
    import networkx as nx

    dag = nx.condensation(graph)
    highest: dict[int, int] = {}
    for component in reversed(list(nx.topological_sort(dag))):
        own = max(graph.nodes[n]["grade_index"] for n in dag.nodes[component]["members"])
        highest[component] = max([own] + [highest[c] for c in dag.successors(component)])
    return {node: highest[component] for node, component in dag.graph["mapping"].items()}


def reachable(graph: nx.DiGraph, sources: list[str]) -> set[str]:
    """The nodes of `graph` that some path reaches from `sources` (the sources included)."""
    import networkx as nx

    return {node for layer in nx.bfs_layers(graph, sources) for node in layer} if sources else set()


def promotions(graph: nx.DiGraph) -> nx.DiGraph:
    """A read-only view of the promotion edges only."""
    import networkx as nx

    return nx.subgraph_view(graph, filter_edge=lambda u, v: graph.edges[u, v]["kind"] == PROMOTION)


def without_management(graph: nx.DiGraph) -> nx.DiGraph:
    """A read-only view without management levels (and so without the edges that touch them)."""
    import networkx as nx

    return nx.subgraph_view(graph, filter_node=lambda n: graph.nodes[n]["kind"] != MANAGEMENT)


def portable(graph: nx.DiGraph, root: Path) -> nx.DiGraph:
    """A copy whose attributes are all strings, numbers or booleans (graphml and json need that).

    Source positions become `file:line:column` relative to the ladder directory, so the output
    does not depend on where the ladder was checked out.
    """
    import networkx as nx

    copy: nx.DiGraph[str] = nx.DiGraph()
    for node, data in sorted(graph.nodes(data=True)):
        copy.add_node(node, **{k: v for k, v in data.items() if k != "pos"}, position=_where(data["pos"], root))
    for u, v, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1])):
        copy.add_edge(u, v, kind=data["kind"], implied=data["implied"], requires=",".join(data["requires"]),
                      criteria=data["criteria"], position=_where(data["pos"], root))
    return copy


def _where(pos: Position, root: Path) -> str:
    try:
        file = pos.file.relative_to(root).as_posix()
    except ValueError:
        file = pos.file.as_posix()
    return f"{file}:{pos.line}:{pos.column}"
