"""`ladderc init [DIR]`: scaffold a ladder repository that passes `ladderc check` from the start.

Writes a small valid dual-track ladder under `ladders/<name>/` (its YAML files name their JSON
Schema so editors complete and validate), a pre-commit configuration using this project's hook,
and a GitHub Actions workflow that checks the ladder and summarises each pull request's change.
The templates are package data (`ladderc/scaffold/`). Existing files are never overwritten.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

HELP = "scaffold a ladder repository: a valid example ladder, pre-commit hook and CI workflow"
SCHEMA_URL = "https://ladderc.dev/schemas/{}.schema.json"  # the `$id` of the published schemas
_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")  # fullmatch: "acme\n" is not an id

# template (under ladderc/scaffold/) -> the file it becomes; "{name}" is the ladder's folder
TEMPLATES = {
    "ladder.yaml.j2": "ladders/{name}/ladder.yaml",
    "families/engineering.yaml.j2": "ladders/{name}/families/engineering.yaml",
    "pre-commit-config.yaml.j2": ".pre-commit-config.yaml",
    "github-workflow.yml.j2": ".github/workflows/ladderc.yml",
}


def add_arguments(parser) -> None:
    parser.add_argument("directory", nargs="?", type=Path, default=Path("."), metavar="DIR",
                        help="the repository to scaffold (default: the current directory)")
    parser.add_argument("--name", default=None,
                        help="the ladder's id, its folder under ladders/ (default: DIR's name as an id)")


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


def run(args) -> int:
    from ladderc.errors import UsageError
    from ladderc.guard import refuse_unsafe_place
    from ladderc.output import write_text

    name = args.name if args.name is not None else default_name(args.directory)
    if not _ID.fullmatch(name):
        raise UsageError(f"ladder name '{name}' is not an id (lowercase letters, digits and '-', at most 64)")
    refuse_unsafe_place(args.directory, replacing=False)
    rendered = render(name)
    # Check every file before writing any, so a refusal leaves the directory untouched. A link
    # (even a dangling one) counts as existing: writing through it would land somewhere else.
    for relative in rendered:
        if os.path.lexists(args.directory / relative):
            raise UsageError(f"{args.directory / relative} already exists; ladderc init never overwrites files")
    for relative, text in rendered.items():
        write_text(args.directory / relative, text, exclusive=True)
        sys.stdout.write(f"created {(args.directory / relative).as_posix()}\n")
    sys.stdout.write(f"next: cd {args.directory.as_posix()} && git init && ladderc check\n")
    return 0
