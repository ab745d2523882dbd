"""The transition graph: levels as nodes, promotions and switches as edges (networkx).

Node attributes: family, track, kind (individual | management), grade (label), grade_index,
title, entry. Edge attributes: kind (promotion | switch), implied, requires, criteria, pos.
"""

from __future__ import annotations

import networkx as nx

from ladderc.model import Ladder


def build_graph(ladder: Ladder) -> nx.DiGraph:
    graph = nx.DiGraph()
    for level in ladder.levels.values():
        graph.add_node(level.id, family=level.family, track=level.track, kind=ladder.track_of(level).kind,
                       grade=level.grade, grade_index=level.grade_index, title=level.title, entry=level.entry)
    for t in ladder.transitions:
        graph.add_edge(t.source, t.target, kind=t.kind, implied=t.implied, requires=t.requires,
                       criteria=t.criteria, pos=t.pos, transition=t)
    return graph
