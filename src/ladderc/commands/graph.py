"""`ladderc graph [PATH] --format mermaid|dot|graphml|json`: the transition graph for other tools.

graphml and json come from networkx's own writers; mermaid and dot are written here, in sorted
order with every id and label quoted, so the output is the same on every run. A ladder with
errors prints its findings to stderr and no graph.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ladderc.commands.check import add_rule_selection

HELP = "print the transition graph (levels, promotions, switches) as mermaid, dot, graphml or json"
FORMATS = ("mermaid", "dot", "graphml", "json")


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="?", type=Path, metavar="PATH",
                        help="a ladder directory or a file in it (default: the one ladder under ./ladders/)")
    parser.add_argument("--format", choices=FORMATS, default="mermaid")
    add_rule_selection(parser)


def run(args) -> int:
    from ladderc.commands.check import compile_all
    from ladderc.errors import UsageError
    from ladderc.graph import portable
    from ladderc.reporters import REPORTERS

    args.paths = [args.paths] if args.paths else []
    compilations, diagnostics, files = compile_all(args)
    if len(compilations) != 1:
        raise UsageError(f"found {len(compilations)} ladders; name the one to draw")
    [compilation] = compilations
    if diagnostics:
        sys.stderr.write(REPORTERS["text"](diagnostics, files))
    if not compilation.ok:
        return 1
    graph = portable(compilation.graph.digraph, compilation.ladder.root)
    sys.stdout.write(WRITERS[args.format](graph, compilation.ladder))
    return 0


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
