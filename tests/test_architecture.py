"""The package's shape: dependencies point one way, the bottom imports nothing, findings come from rules.

The import graph is read from the source with `ast` (imports inside functions included, relative
imports resolved, `import a.b.c` counted as importing `a.b.c`), so a circle hidden in a function
fails here as surely as one at the top of a module. Each check is also run on a small made-up
package that breaks it, so that none of them can pass by looking at nothing.
"""

from __future__ import annotations

import ast
import builtins
import itertools
from pathlib import Path

import networkx as nx
import pytest

import ladderc

SOURCE = Path(ladderc.__file__).parent
# The bottom of the package: what every stage may import to make a finding or stop a command.
LEAVES = {"ladderc.diagnostics": set(), "ladderc.stage_rules": {"ladderc.diagnostics"},
          "ladderc.errors": {"ladderc.diagnostics"}}


def modules(root: Path) -> dict[str, Path]:
    """Every module below `root` (a package directory) by its dotted name."""
    found = {}
    for file in sorted(root.rglob("*.py")):
        parts = (root.name, *file.relative_to(root).with_suffix("").parts)
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = file
    return found


def imported(name: str, file: Path, known: dict[str, Path]) -> set[str]:
    """The modules of `known` that module `name` imports, anywhere in its body."""
    package = name if file.name == "__init__.py" else name.rpartition(".")[0]
    targets: list[str] = []
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1] + ([base] if base else []))
            # `from a import b` imports module a.b when there is one, else a name of module a
            targets += [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
    found = set()
    for target in targets:
        while target and target not in known:  # `import a.b.c` of a name inside a.b: the module a.b
            target = target.rpartition(".")[0]
        if target and target != name:
            found.add(target)
    return found


def import_graph(root: Path) -> nx.DiGraph:
    known = modules(root)
    graph = nx.DiGraph()
    graph.add_nodes_from(known)
    for name, file in known.items():
        graph.add_edges_from((name, target) for target in imported(name, file, known) if target != root.name)
    return graph


def circles(root: Path) -> list[list[str]]:
    return sorted(sorted(component) for component in nx.strongly_connected_components(import_graph(root))
                  if len(component) > 1)


def leaf_imports(root: Path, leaves: dict[str, set[str]]) -> dict[str, set[str]]:
    """The leaves that import a module of the package other than those they may."""
    known = modules(root)
    extra = {name: imported(name, known[name], known) - allowed for name, allowed in leaves.items()}
    return {name: found for name, found in extra.items() if found}


def string_coded_findings(root: Path) -> list[str]:
    """Where a finding is made from a string code: `make(...)`, `Diagnostic("S001", ...)`, a rule
    looked up by a literal code and used at once (`get_rule("P003").at(...)`)."""
    found = []
    for _name, file in modules(root).items():
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            literal_rule = (isinstance(func, ast.Attribute) and func.attr == "at" and isinstance(func.value, ast.Call)
                            and any(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in func.value.args))
            literal_code = (called == "Diagnostic" and node.args and isinstance(node.args[0], ast.Constant))
            if called == "make" or literal_rule or literal_code:
                found.append(f"{file.relative_to(root.parent)}:{node.lineno}: {ast.unparse(node)[:80]}")
    return found


def unbound_names(root: Path) -> list[str]:
    """Names read in a module that nothing in it binds (a mistyped rule constant such as `PAY_PARTIY`)."""
    found = []
    for file in modules(root).values():
        tree = ast.parse(file.read_text(encoding="utf-8"))
        bound = set(dir(builtins)) | {"__file__", "__path__"}
        read = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                if isinstance(node.ctx, ast.Load):
                    read.setdefault(node.id, node.lineno)
                else:
                    bound.add(node.id)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                bound |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                bound.add(node.name)
            elif isinstance(node, ast.arg):
                bound.add(node.arg)
            elif isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) and node.name:
                bound.add(node.name)
            elif isinstance(node, ast.Global):
                bound |= set(node.names)
        found += [f"{file.relative_to(root.parent)}:{line}: {name}" for name, line in read.items() if name not in bound]
    return sorted(found)


def test_no_import_circle():
    shown = itertools.islice(nx.simple_cycles(import_graph(SOURCE)), 3)
    assert circles(SOURCE) == [], "import circles, among them: " + "; ".join(" -> ".join(c + c[:1]) for c in shown)


def test_the_leaves_import_nothing_above_them():
    assert leaf_imports(SOURCE, LEAVES) == {}


def test_every_finding_is_made_from_a_rule_value():
    assert string_coded_findings(SOURCE) == []


def test_every_name_a_module_reads_is_bound_in_it():
    assert unbound_names(SOURCE) == []


@pytest.fixture
def package(tmp_path):
    """A made-up package `pkg`: write(module, source) adds a module to it."""
    root = tmp_path / "pkg"
    root.mkdir()
    (root / "__init__.py").write_text("")

    def write(module: str, source: str) -> Path:
        file = root.joinpath(*module.split(".")).with_suffix(".py")
        file.parent.mkdir(parents=True, exist_ok=True)
        for parent in file.relative_to(root).parents:
            (root / parent / "__init__.py").touch()
        file.write_text(source)
        return root

    return write


def test_a_circle_through_an_import_inside_a_function_is_found(package):
    package("low", "def f():\n    from pkg import high\n")
    root = package("high", "from .low import f\n")
    assert circles(root) == [["pkg.high", "pkg.low"]]


def test_import_a_b_c_counts_as_importing_that_module(package):
    package("a.b.c", "import pkg.d\n")
    root = package("d", "import pkg.a.b.c\n")
    assert circles(root) == [["pkg.a.b.c", "pkg.d"]]
    package("d", "import pkg.a.b\n")  # the package a.b, not its module c: no circle
    assert circles(root) == []


def test_a_leaf_that_imports_from_above_is_named(package):
    package("top", "")
    root = package("leaf", "def f():\n    from pkg.top import x\n")
    assert leaf_imports(root, {"pkg.leaf": set()}) == {"pkg.leaf": {"pkg.top"}}


@pytest.mark.parametrize("source", [
    "d.make('S001', 'message', at)\n",
    "make('S001', 'message', at)\n",
    "Diagnostic('S001', 'yaml-syntax', 'error', 'message', file, 1, 1)\n",
    "get_rule('P003').at(at, 'message')\n",
])
def test_a_finding_made_from_a_string_code_is_found(package, source):
    assert len(string_coded_findings(package("stage", source))) == 1


def test_a_finding_made_from_a_rule_passes(package):
    assert string_coded_findings(package("stage", "from pkg.rules import SCHEMA\nSCHEMA.at(at, 'message')\n")) == []


def test_a_mistyped_rule_constant_is_found(package):
    root = package("check", "PAY_PARITY = 1\n\ndef check():\n    return PAY_PARTIY.at(1, 'message')\n")
    assert unbound_names(root) == ["pkg/check.py:4: PAY_PARTIY"]
