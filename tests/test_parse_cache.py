"""The parse cache: a file shared by two compilations is parsed once, and its findings name each file."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from conftest import OPS, edit

from ladderc.compiler import compile_ladder
from ladderc.parse_cache import ParseCache, blob_id


def test_blob_id_is_gits(tmp_path: Path):
    file = tmp_path / "f.yaml"
    file.write_bytes(b"family: {id: x}\n")
    assert blob_id(file.read_bytes()) == subprocess.run(
        ["git", "hash-object", str(file)], capture_output=True, text=True, check=True).stdout.strip()


def test_unchanged_files_are_parsed_once(minimal: Path, tmp_path: Path):
    other = Path(shutil.copytree(minimal, tmp_path / "other"))
    edit(other / "families" / "eng.yaml", "title: Senior Engineer", "title: Lead Engineer")
    cache = ParseCache()
    first = compile_ladder(minimal, cache=cache)
    second = compile_ladder(other, cache=cache)
    assert cache.hits == len(first.files) - 1  # all but the edited family
    assert second.ladder.levels["e3"].title == "Lead Engineer"
    assert second.ladder.levels["e1"].pos.file == other / "families" / "eng.yaml"
    assert compile_ladder(other).ladder == second.ladder


def test_findings_of_a_shared_file_name_each_copy(minimal: Path, tmp_path: Path):
    edit(minimal / "ladder.yaml", "format: 1", "format: 1\nformat: 1")
    other = Path(shutil.copytree(minimal, tmp_path / "other"))
    cache = ParseCache()
    compile_ladder(minimal, cache=cache)
    found = compile_ladder(other, cache=cache).diagnostics
    assert cache.hits
    assert [(x.code, x.file) for x in found] == [("S003", other / "ladder.yaml")]


def test_levels_of_an_unchanged_family_are_resolved_once(minimal: Path, tmp_path: Path):
    (minimal / "families" / "ops.yaml").write_text(OPS)
    cache = ParseCache()
    first = compile_ladder(minimal, cache=cache)
    edit(minimal / "families" / "eng.yaml", "title: Senior Engineer", "title: Lead Engineer")
    second = compile_ladder(minimal, cache=cache)
    assert second.ladder.levels["o1"] is first.ladder.levels["o1"]  # ops.yaml and ladder.yaml unchanged
    assert second.ladder.levels["e1"] is not first.ladder.levels["e1"]  # eng.yaml changed
    edit(minimal / "ladder.yaml", "factor: 0.5", "factor: 0.4")
    third = compile_ladder(minimal, cache=cache)
    assert third.ladder.levels["o1"] is not first.ladder.levels["o1"]
    assert third.ladder.levels["o1"].bands["uk"].max == 56000  # derived anew from the new factor
