"""The transition graph (`ladderc.graph`) and `ladderc graph` in each format."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from types import SimpleNamespace

import networkx as nx
import pytest
from conftest import EXAMPLE, edit, run
from hypothesis import given, settings
from hypothesis import strategies as st

from ladderc.compiler import compile_ladder
from ladderc.graph import fed_from_below, highest_reachable

MERMAID = """\
flowchart BT
  subgraph F_eng["Engineering"]
    L_e1["Engineer I (e1, G1)"]
    L_e2["Engineer II (e2, G2)"]
    L_e3["Senior Engineer (e3, G3)"]
    L_e4["Staff Engineer (e4, G4)"]
    L_m3["Engineering Manager (m3, G3)"]
    L_m4["Director (m4, G4)"]
  end
  L_e1 --> L_e2
  L_e2 --> L_e3
  L_e3 --> L_e4
  L_e3 -. switch .-> L_m3
  L_m3 -. switch .-> L_e3
  L_m3 --> L_m4
  L_m4 -. switch .-> L_e4
"""

DOT = """\
digraph "minimal" {
  rankdir=BT;
  "e1" [label="Engineer I\\ne1 (G1)", family="eng", track="ic", kind="individual"];
  "e2" [label="Engineer II\\ne2 (G2)", family="eng", track="ic", kind="individual"];
  "e3" [label="Senior Engineer\\ne3 (G3)", family="eng", track="ic", kind="individual"];
  "e4" [label="Staff Engineer\\ne4 (G4)", family="eng", track="ic", kind="individual"];
  "m3" [label="Engineering Manager\\nm3 (G3)", family="eng", track="mgmt", kind="management"];
  "m4" [label="Director\\nm4 (G4)", family="eng", track="mgmt", kind="management"];
  "e1" -> "e2" [kind="promotion"];
  "e2" -> "e3" [kind="promotion"];
  "e3" -> "e4" [kind="promotion"];
  "e3" -> "m3" [kind="switch", style="dashed"];
  "m3" -> "e3" [kind="switch", style="dashed"];
  "m3" -> "m4" [kind="promotion"];
  "m4" -> "e4" [kind="switch", style="dashed"];
}
"""


def test_graph_holds_levels_and_transitions_with_their_attributes(minimal):
    graph = compile_ladder(minimal).graph.digraph
    assert graph.nodes["m3"] | {"pos": None} == {
        "family": "eng", "track": "mgmt", "kind": "management", "grade": "G3", "grade_index": 2,
        "title": "Engineering Manager", "entry": True, "pos": None}
    edge = graph.edges["e3", "m3"]
    assert (edge["kind"], edge["implied"], edge["requires"], edge["criteria"], edge["pos"].line) == (
        "switch", False, ("training",), "Led a team for two quarters.", 56)
    assert (graph.edges["e1", "e2"]["kind"], graph.edges["e1", "e2"]["implied"]) == ("promotion", True)
    assert graph.number_of_nodes() == 6 and graph.number_of_edges() == 7


@pytest.mark.parametrize("fmt, expected", [("mermaid", MERMAID), ("dot", DOT)])
def test_text_formats_match_their_golden_output(capsys, minimal, fmt, expected):
    assert run(capsys, "graph", str(minimal), "--format", fmt) == (0, expected, "")


def test_mermaid_and_dot_escape_what_the_ladder_wrote(capsys, minimal):
    edit(minimal / "families/eng.yaml", "title: Director", "title: 'Director \"R&D\" <b>#1</b> \\ end'")
    _, mermaid, _ = run(capsys, "graph", str(minimal))
    assert '    L_m4["Director #quot;R#amp;D#quot; #lt;b#gt;#35;1#lt;/b#gt; \\ end (m4, G4)"]\n' in mermaid
    _, dot, _ = run(capsys, "graph", str(minimal), "--format", "dot")
    assert '  "m4" [label="Director \\"R&D\\" <b>#1</b> \\\\ end\\nm4 (G4)",' in dot


def test_graphml_reads_back_with_networkx(capsys, minimal):
    code, out, _ = run(capsys, "graph", str(minimal), "--format", "graphml")
    graph = nx.parse_graphml(out)
    assert code == 0
    assert sorted(graph.nodes) == ["e1", "e2", "e3", "e4", "m3", "m4"]
    assert graph.nodes["e4"] == {"family": "eng", "track": "ic", "kind": "individual", "grade": "G4", "grade_index": 3,
                                 "title": "Staff Engineer", "entry": False, "position": "families/eng.yaml:29:5"}
    assert graph.edges["e3", "m3"] == {"kind": "switch", "implied": False, "requires": "training",
                                       "criteria": "Led a team for two quarters.",
                                       "position": "families/eng.yaml:56:5"}


def test_json_is_node_link_data(capsys, minimal):
    code, out, _ = run(capsys, "graph", str(minimal), "--format", "json")
    data = json.loads(out)
    graph = nx.node_link_graph(data, edges="edges")
    assert code == 0
    assert [n["id"] for n in data["nodes"]] == ["e1", "e2", "e3", "e4", "m3", "m4"]
    assert graph.edges["m4", "e4"] == {"kind": "switch", "implied": False, "requires": "",
                                       "criteria": "Any time, at no loss of pay.", "position": "families/eng.yaml:65:5"}


def test_a_ladder_with_errors_prints_findings_not_a_graph(capsys, minimal):
    edit(minimal / "families/eng.yaml", "    requires: [training]\n", "")
    code, out, err = run(capsys, "graph", str(minimal))
    assert (code, out) == (1, "")
    assert "eng.yaml:56:5: error T001 readiness-required" in err


def test_one_ladder_at_a_time(capsys, minimal, tmp_path):
    shutil.copytree(minimal, tmp_path / "minimal-2")
    code, out, err = run(capsys, "graph", str(tmp_path))
    assert (code, out, err) == (2, "", "ladderc: found 2 ladders; name the one to draw\n")


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 9).flatmap(lambda n: st.tuples(
    st.lists(st.integers(0, 4), min_size=n, max_size=n),  # grade of each level
    st.lists(st.booleans(), min_size=n, max_size=n),  # entry flags
    st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3 * n))))
def test_fed_from_below_means_every_level_is_reachable_from_an_entry(shape):
    grades, entries, edges = shape
    levels = [SimpleNamespace(id=f"l{i}", grade_index=g, entry=e) for i, (g, e) in enumerate(zip(grades, entries, strict=True))]
    into = {}
    for u, v in edges:
        into.setdefault(f"l{v}", []).append(SimpleNamespace(source=f"l{u}", target=f"l{v}"))
    ladder = SimpleNamespace(transitions_to=lambda level_id: into.get(level_id, []))
    graph = nx.DiGraph([(f"l{u}", f"l{v}") for u, v in edges])
    graph.add_nodes_from(level.id for level in levels)
    sources = [level.id for level in levels if level.entry]
    reached = {n for layer in nx.bfs_layers(graph, sources) for n in layer} if sources else set()
    if fed_from_below(ladder, levels):
        assert reached == {level.id for level in levels}


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 9).flatmap(lambda n: st.tuples(
    st.lists(st.integers(0, 4), min_size=n, max_size=n),  # grade of each level
    st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3 * n))))
def test_highest_reachable_is_the_highest_grade_among_descendants(shape):
    grades, edges = shape
    graph = nx.DiGraph([(f"l{u}", f"l{v}") for u, v in edges])
    graph.add_nodes_from(f"l{i}" for i in range(len(grades)))
    for i, grade in enumerate(grades):
        graph.nodes[f"l{i}"]["grade_index"] = grade
    expected = {node: max(graph.nodes[n]["grade_index"] for n in nx.descendants(graph, node) | {node})
                for node in graph}
    assert highest_reachable(graph) == expected


def test_checking_a_ladder_whose_levels_are_fed_from_below_does_not_import_networkx():
    # The start-up work of issue 7: networkx costs more to import than the example takes to check.
    script = ("import sys; from ladderc.cli import main; code = main(['check', sys.argv[1]]); "
              "print(code, 'networkx' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script, str(EXAMPLE)], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "0 False"
