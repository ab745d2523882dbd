"""HRIS mapping files: which tenant reference id each family, track or zone exports to.

A mapping lives beside the ladder (`hris/<target>.yaml`, one per target), is read with the
project's loader (so its mistakes carry line and column, and a link out of the ladder or a FIFO is
refused unread) and validated against the target's published schema
(`schemas/<target>-mapping.schema.json`). Whatever it leaves out falls back to a documented
default (the ladder's own id, or the name the ladder gives it), with one warning per section
naming what to map. A target may also take tenant-wide settings (Oracle's set code): a scalar
key with a documented default, which falls back without a warning.
"""

from __future__ import annotations

from pathlib import Path

from ladderc import diagnostics as d
from ladderc.diagnostics import Diagnostic, Position
from ladderc.loader import load_file
from ladderc.stage_rules import EXPORT_MAPPING, EXPORT_MAPPING_MISSING

MAPPING_DIR = "hris"
_FALLBACK = {False: "the ladder's own id", True: "the ladder's name for it"}


def load_mapping(root: Path, system: str, sections: dict[str, tuple[str, list[str]]],
                 defaults: dict[str, dict[str, str]] | None = None, settings: dict[str, str | None] | None = None,
                 overrides: frozenset[str] = frozenset(),
                 ) -> tuple[dict[str, dict[str, str]], list[Diagnostic]]:
    """`sections`: key → (what it maps, the ladder ids). Returns key → {id: reference}, findings.

    `defaults`: key → {id: the value exported when the mapping leaves the id out} (default: the
    id itself). `overrides`: sections that refine another one (per level over per track) and
    map only some ids: nothing is said about ids they leave out, which are not in the result.
    `settings`: scalar key → its default, returned as key → {"": value}; a default of None is a
    reference the tenant must name: left out, it is exported empty, with E003.
    """
    from ladderc import schema

    file = root / MAPPING_DIR / f"{system}.yaml"
    written: dict = {}
    found: list[Diagnostic] = []
    doc = None
    if file.exists() or file.is_symlink():  # a link out of the ladder, a FIFO: load_file says why not
        doc, found = load_file(file, within=root)
        if doc is not None and doc.data is not None and not isinstance(doc.data, dict):
            return {}, [EXPORT_MAPPING.at(doc.at(), f"{file.name} must be a mapping of sections to ids",
                                          f"start with one of: {', '.join(sections)}")]
        if doc is not None and doc.data:
            found += schema.validate(doc, f"{system}-mapping")
            written = doc.data if isinstance(doc.data, dict) else {}
        if any(x.severity == d.ERROR for x in found):
            return {}, found
    result: dict[str, dict[str, str]] = {}
    for key, (what, ids) in sections.items():
        given = written.get(key) or {}
        for unknown in sorted(set(given) - set(ids)):
            found.append(EXPORT_MAPPING.at(
                    doc.key_at((key, unknown)) if doc is not None else Position(file, 1, 1),
                    f"{key}: '{unknown}' is not a {what} of this ladder{d.did_you_mean(unknown, ids)}",
                    f"map one of: {', '.join(ids[:12])}"))
        if key in overrides:
            result[key] = {i: given[i] for i in ids if i in given}
            continue
        missing = [i for i in ids if i not in given]
        if missing:
            at = doc.key_at((key,)) if doc is not None and key in written else Position(
                doc.file if doc is not None else root / "ladder.yaml", 1, 1)
            found.append(EXPORT_MAPPING_MISSING.at(
                    at, f"no {system} reference for {len(missing)} {what}(s): {_listed(missing)}; "
                    f"exported under {_FALLBACK[key in (defaults or {})]}",
                    f"map them under `{key}:` in {MAPPING_DIR}/{system}.yaml"))
        fallback = (defaults or {}).get(key, {})
        result[key] = {i: given.get(i, fallback.get(i, i)) for i in ids}
    for key, default in (settings or {}).items():
        result[key] = {"": written.get(key, default or "")}
        if default is None and key not in written:
            found.append(EXPORT_MAPPING_MISSING.at(
                    Position(doc.file if doc is not None else root / "ladder.yaml", 1, 1),
                    f"no {system} reference for `{key}`; exported empty",
                    f"name it as `{key}: <reference id>` in {MAPPING_DIR}/{system}.yaml"))
    return result, sorted(found, key=lambda x: x.sort_key)


def _listed(ids: list[str], limit: int = 10) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")
