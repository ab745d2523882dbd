"""A new ladder repository that passes `ladderc check` from the start: what `ladderc init` writes.

A small valid dual-track ladder under `ladders/<name>/` (its YAML files name their JSON Schema so
editors complete and validate), a pre-commit configuration using this project's hook, and a
GitHub Actions workflow that checks the ladder and summarises each pull request's change. The
templates are package data (`ladderc/scaffold/`). Existing files are never overwritten.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

SCHEMA_URL = "https://ladderc.dev/schemas/{}.schema.json"  # the `$id` of the published schemas
_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")  # fullmatch: "acme\n" is not an id

# template (under ladderc/scaffold/) -> the file it becomes; "{name}" is the ladder's folder
TEMPLATES = {
    "ladder.yaml.j2": "ladders/{name}/ladder.yaml",
    "families/engineering.yaml.j2": "ladders/{name}/families/engineering.yaml",
    "pre-commit-config.yaml.j2": ".pre-commit-config.yaml",
    "github-workflow.yml.j2": ".github/workflows/ladderc.yml",
}


def default_name(directory: Path) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", directory.resolve().name.lower()).strip("-")[:64]
    return slug if _ID.fullmatch(slug) else "acme"


def render(name: str) -> dict[str, str]:
    """Every scaffold file's path (relative to DIR) and text."""
    from importlib.resources import files

    import jinja2

    from ladderc import __version__

    # `<< >>` delimiters: the templates are YAML and GitHub workflows, full of `{` and `${{ }}`.
    # Not HTML, so no autoescape; StrictUndefined so a misspelt variable fails loudly.
    env = jinja2.Environment(variable_start_string="<<", variable_end_string=">>", block_start_string="<%",
                             block_end_string="%>", comment_start_string="<#", comment_end_string="#>",
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    values = {"name": name, "organisation": name.replace("-", " ").title(), "version": __version__,
              "ladder_schema": SCHEMA_URL.format("ladder"), "family_schema": SCHEMA_URL.format("family")}
    scaffold = files("ladderc") / "scaffold"
    rendered = {}
    for template, target in TEMPLATES.items():
        source = scaffold.joinpath(*template.split("/")).read_text(encoding="utf-8")
        rendered[target.format(name=name)] = env.from_string(source).render(values)
    return rendered


def scaffold(directory: Path, name: str | None = None) -> Iterator[Path]:
    """Write the scaffold into `directory`, yielding each file once written.

    The ladder's id defaults to `directory`'s name as an id. A bad name, or any file that is
    already there, is a UsageError before anything is written; `directory` goes through the
    output guard's place checks (it is added to, never replaced).
    """
    from ladderc.errors import UsageError
    from ladderc.guard import refuse_unsafe_place
    from ladderc.output import write_text

    name = name if name is not None else default_name(directory)
    if not _ID.fullmatch(name):
        raise UsageError(f"ladder name '{name}' is not an id (lowercase letters, digits and '-', at most 64)")
    refuse_unsafe_place(directory, replacing=False)
    rendered = render(name)
    # Check every file before writing any, so a refusal leaves the directory untouched. A link
    # (even a dangling one) counts as existing: writing through it would land somewhere else.
    for relative in rendered:
        if os.path.lexists(directory / relative):
            raise UsageError(f"{directory / relative} already exists; ladderc init never overwrites files")
    for relative, text in rendered.items():
        write_text(directory / relative, text, exclusive=True)
        yield directory / relative
