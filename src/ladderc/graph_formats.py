"""The transition graph in other tools' formats: mermaid, dot, graphml and json.

graphml and json come from networkx's own writers; mermaid and dot are written here, in sorted
order with every id and label quoted, so the output is the same on every run. Each writer takes
the portable graph (`ladderc.graph.portable`) and the ladder it was drawn from.
"""

from __future__ import annotations

FORMATS = ("mermaid", "dot", "graphml", "json")


def draw(compilation, fmt: str) -> str:
    """The graph of a compiled ladder (`Compilation`, compiled without errors) in format `fmt`."""
    from ladderc.graph import portable

    graph = portable(compilation.graph.digraph, compilation.ladder.root)
    return WRITERS[fmt](graph, compilation.ladder)


def mermaid(graph, ladder) -> str:
    def node(level: str) -> str:
        return "L_" + level.replace("-", "_")  # level ids never hold '_', so this stays unique

    def label(text: str) -> str:
        escapes = {'"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "#": "#35;"}
        return '"' + "".join(escapes.get(c, c) for c in text) + '"'

    lines = ["flowchart BT"]
    for family in sorted(ladder.families.values(), key=lambda f: f.id):
        lines.append(f"  subgraph F_{family.id.replace('-', '_')}[{label(family.name)}]")
        for level in sorted(family.levels):
            title, grade = graph.nodes[level]["title"], graph.nodes[level]["grade"]
            lines.append(f"    {node(level)}[{label(f'{title} ({level}, {grade})')}]")
        lines.append("  end")
    for u, v, kind in graph.edges(data="kind"):
        arrow = "-->" if kind == "promotion" else "-. switch .->"
        lines.append(f"  {node(u)} {arrow} {node(v)}")
    return "\n".join(lines) + "\n"


def dot(graph, ladder) -> str:
    def quote(text) -> str:
        text = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{text}"'

    def attributes(items) -> str:
        return ", ".join(f"{k}={quote(v)}" for k, v in items)

    lines = [f"digraph {quote(ladder.name)} {{", "  rankdir=BT;"]
    for level, data in graph.nodes(data=True):
        shown = [("label", f"{data['title']}\n{level} ({data['grade']})")]
        lines.append(f"  {quote(level)} [{attributes(shown + [(k, data[k]) for k in ('family', 'track', 'kind')])}];")
    for u, v, data in graph.edges(data=True):
        style = [("style", "dashed")] if data["kind"] == "switch" else []
        lines.append(f"  {quote(u)} -> {quote(v)} [{attributes([('kind', data['kind'])] + style)}];")
    return "\n".join(lines + ["}"]) + "\n"


def graphml(graph, ladder) -> str:
    import networkx as nx

    return "\n".join(nx.generate_graphml(graph)) + "\n"


def json_(graph, ladder) -> str:
    import json

    import networkx as nx

    return json.dumps(nx.node_link_data(graph, edges="edges"), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


WRITERS = {"mermaid": mermaid, "dot": dot, "graphml": graphml, "json": json_}
