"""Containment: ladderc reads only inside the ladder, writes only inside its destination, and its
review gate never compares HEAD with itself by accident.

Every case is real: links, link loops and FIFOs made on disk, git commits forged with
`git mktree` (fsck only warns about a `..` entry), a shallow clone made with `git clone --depth 1`.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, check_json, findings, run

needs_links = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks on this platform")
needs_fifos = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
SECRET = "secret-value-from-outside"
CUT = ("us: {min: 100000, mid: 120000, max: 140000}", "us: {min: 100000, mid: 120000, max: 130000}")


def messages(diagnostics: list[dict]) -> list[tuple[str, str, int, int, str]]:
    return [(x["code"], Path(x["file"]).name, x["line"], x["column"], x["message"]) for x in diagnostics]


# --- reads ----------------------------------------------------------------------------------

@needs_fifos
def test_a_fifo_among_the_families_is_s001_and_never_read(capsys, minimal):
    os.mkfifo(minimal / "families" / "pipe.yaml")  # no writer: reading it would block for ever
    code, found = check_json(capsys, minimal)
    assert (code, messages(found)) == (1, [
        ("S001", "pipe.yaml", 1, 1, "pipe.yaml is a named pipe (FIFO), not a regular file; not read")])


@needs_links
def test_a_self_referencing_link_is_s001_naming_where_it_points(capsys, minimal):
    (minimal / "families" / "loop.yaml").symlink_to("loop.yaml")
    code, found = check_json(capsys, minimal)
    assert (code, messages(found)) == (1, [
        ("S001", "loop.yaml", 1, 1, "cannot read loop.yaml (a link to loop.yaml): Too many levels of symbolic links")])


@needs_links
def test_a_two_link_loop_is_one_s001_per_link(capsys, minimal):
    (minimal / "families" / "a.yaml").symlink_to("b.yaml")
    (minimal / "families" / "b.yaml").symlink_to("a.yaml")
    code, found = check_json(capsys, minimal)
    assert (code, findings(found)) == (1, [("S001", "a.yaml", 1, 1), ("S001", "b.yaml", 1, 1)])


def test_a_directory_named_like_a_family_is_s001(capsys, minimal):
    (minimal / "families" / "folder.yaml").mkdir()
    assert messages(check_json(capsys, minimal)[1]) == [
        ("S001", "folder.yaml", 1, 1, "folder.yaml is a directory, not a regular file; not read")]


@needs_links
def test_a_ladder_file_linked_from_outside_is_refused_unread(capsys, tmp_path):
    ladder = tmp_path / "linked"
    shutil.copytree(FIXTURES / "minimal" / "families", ladder / "families")
    outside = tmp_path / "outside.yaml"
    outside.write_text((FIXTURES / "minimal" / "ladder.yaml").read_text() + f"# {SECRET}\n")
    (ladder / "ladder.yaml").symlink_to(outside)
    code, out, _ = run(capsys, "check", str(ladder))
    assert code == 1
    assert f"S001 yaml-syntax: ladder.yaml is a link to {outside}, outside the ladder; refused" in out
    assert SECRET not in out


@needs_links
def test_a_link_to_a_file_inside_the_ladder_is_read(capsys, minimal):
    (minimal / "families" / "eng.yaml").rename(minimal / "eng.source")
    (minimal / "families" / "eng.yaml").symlink_to(minimal / "eng.source")
    assert check_json(capsys, minimal) == (0, [])


@needs_links
def test_an_hris_mapping_linked_from_outside_is_refused_and_never_echoed(capsys, minimal, tmp_path):
    outside = tmp_path / "tenant.yaml"
    outside.write_text(f"families:\n  eng: [{SECRET}]\n")  # a schema error would echo the value
    (minimal / "hris").mkdir()
    (minimal / "hris" / "workday.yaml").symlink_to(outside)
    code, out, _ = run(capsys, "export", str(minimal), "--target", "workday", "-o", str(tmp_path / "out"))
    assert code == 1
    assert f"S001 yaml-syntax: workday.yaml is a link to {outside}, outside the ladder; refused" in out
    assert SECRET not in out
    assert out.endswith("nothing exported: fix the errors above first\n")
    assert not (tmp_path / "out").exists()


@needs_fifos
def test_an_hris_mapping_that_is_a_fifo_is_s001(capsys, minimal, tmp_path):
    (minimal / "hris").mkdir()
    os.mkfifo(minimal / "hris" / "workday.yaml")
    code, out, _ = run(capsys, "export", str(minimal), "--target", "workday", "-o", str(tmp_path / "out"))
    assert code == 1
    assert "S001 yaml-syntax: workday.yaml is a named pipe (FIFO), not a regular file; not read" in out
