"""Commands stay thin: each `commands/*.py` is at most 80 lines and imports no other command module.

What two commands both need lives in the library (`ladderc.options`, `ladderc.review`,
`ladderc.export.folder`, `ladderc.graph_formats`...), not in a command another one imports.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

COMMANDS = Path(__file__).resolve().parents[1] / "src" / "ladderc" / "commands"
MODULES = sorted(p for p in COMMANDS.glob("*.py") if p.name != "__init__.py")
MAX_LINES = 80
HEAVY = {"networkx", "jinja2", "mkdocs", "xlsxwriter", "openpyxl"}


def imported(tree: ast.AST) -> list[str]:
    """Every module an import in `tree` names, `from ladderc.commands import check` as `ladderc.commands.check`."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = "ladderc.commands" if node.level else node.module or ""
            base = f"{base}.{node.module}" if node.level and node.module else base
            names += [base] + [f"{base}.{alias.name}" for alias in node.names]
    return names


def test_every_command_module_is_found():
    assert len(MODULES) >= 12


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_a_command_is_at_most_80_lines(module):
    lines = len(module.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module.name} has {lines} lines; move the logic into a library module"


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_a_command_imports_no_other_command(module):
    others = {f"ladderc.commands.{p.stem}" for p in MODULES} - {f"ladderc.commands.{module.stem}"}
    found = sorted(set(imported(ast.parse(module.read_text(encoding="utf-8")))) & others)
    assert not found, f"{module.name} imports {', '.join(found)}; share it through a library module instead"


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_a_command_imports_heavy_libraries_only_inside_functions(module):
    top = ast.Module(body=[n for n in ast.parse(module.read_text(encoding="utf-8")).body
                           if isinstance(n, (ast.Import, ast.ImportFrom))], type_ignores=[])
    assert not {name.split(".")[0] for name in imported(top)} & HEAVY


def test_the_checks_see_an_import_of_another_command():
    tree = ast.parse("from ladderc.commands.check import x\nfrom . import diff\nimport ladderc.commands.log\n")
    assert {"ladderc.commands.check", "ladderc.commands.diff", "ladderc.commands.log"} <= set(imported(tree))
