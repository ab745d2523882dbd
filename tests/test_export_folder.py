"""`ladderc.export.folder.export`: one complete export swapped in, or nothing written."""

from __future__ import annotations

import json

import pytest
from conftest import edit

from ladderc.errors import UsageError
from ladderc.export.folder import MANIFEST, export
from ladderc.guard import MARKER, listing, read_marker


def test_an_export_is_swapped_in_with_its_manifest_and_marker(minimal, tmp_path):
    out = tmp_path / "out"
    result = export([minimal], out, ["json", "json"], jobs=1)
    assert result.ok and [t.name for t in result.targets] == ["json"] and len(result.ladders) == 1
    assert result.written[-1] == MANIFEST and sorted(result.written[:-1]) == result.written[:-1]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == \
        sorted(result.written + [MARKER])
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["targets"] == ["json"] and set(manifest["files"]) == set(result.written[:-1])
    assert read_marker(out)["files"] == listing(out)  # the marker's hashes cover the manifest too


def test_a_ladder_with_an_error_writes_nothing(minimal, tmp_path):
    edit(minimal / "families" / "eng.yaml", "grade: G1", "grade: G99")
    result = export([minimal], tmp_path / "out", None, jobs=1)
    assert not result.ok and result.written == [] and any(x.severity == "error" for x in result.diagnostics)
    assert not (tmp_path / "out").exists()


def test_an_unknown_target_is_a_usage_error_before_any_work(minimal, tmp_path):
    with pytest.raises(UsageError, match="unknown export target 'jsn'"):
        export([minimal], tmp_path / "out", ["jsn"])
