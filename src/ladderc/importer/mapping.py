"""`--map mapping.yaml`: what the columns a sheet names its own way are, and its tracks' kinds.

Read with the project's loader and validated against `schemas/import-mapping.schema.json`, so a
mistake in it is an S002 finding at its line and column, like any ladder file's.
"""

from __future__ import annotations

from pathlib import Path

from ladderc import diagnostics as d
from ladderc.diagnostics import Diagnostic
from ladderc.importer.columns import normal

SCHEMA = "import-mapping"


def load_mapping(file: Path | None) -> tuple[dict, list[Diagnostic]]:
    """({"mapping": normal header -> role, "track_kinds": normal track -> kind}, findings)."""
    from ladderc import schema
    from ladderc.loader import load_file

    if file is None:
        return {}, []
    doc, found = load_file(Path(file))
    if doc is None:
        return {}, found
    if doc.data is None:
        return {}, found
    found += schema.validate(doc, SCHEMA)
    if any(x.severity == d.ERROR for x in found):
        return {}, found
    assert isinstance(doc.data, dict)  # the schema said so
    columns = {normal(str(k)): v for k, v in (doc.data.get("columns") or {}).items()}
    tracks = {normal(str(k)): v for k, v in (doc.data.get("tracks") or {}).items()}
    return {"mapping": columns, "track_kinds": tracks}, found
