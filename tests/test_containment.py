"""Containment: ladderc reads only inside the ladder, writes only inside its destination, and its
review gate never compares HEAD with itself by accident.

Every case is real: links, link loops and FIFOs made on disk, git commits forged with
`git mktree` (fsck only warns about a `..` entry), a shallow clone made with `git clone --depth 1`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, check_json, findings, run
from test_diff import git

from ladderc.paths import Escape, child

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


# --- writes: export names -------------------------------------------------------------------

def test_export_dot_names_the_ladder_after_its_resolved_directory(capsys, minimal, monkeypatch, tmp_path):
    monkeypatch.chdir(minimal)
    code, out, err = run(capsys, "export", ".", "--target", "oracle-hdl", "-o", str(tmp_path / "out"))
    assert (code, err) == (0, "")
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.zip")) == [
        "minimal/oracle-hdl/minimal.zip"]


def test_export_dotdot_from_families_writes_only_inside_the_output(capsys, tmp_path, monkeypatch):
    ladder = Path(shutil.copytree(FIXTURES / "minimal", tmp_path / "ladders" / "minimal"))
    monkeypatch.chdir(ladder / "families")
    code, _, err = run(capsys, "export", "..", "--target", "json", "-o", "../../../out")
    assert (code, err) == (0, "")
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert [p for p in written if not p.startswith("ladders/")] == [
        "out/.ladderc-output", "out/manifest.json", "out/minimal/json/ladder.json"]


@pytest.mark.parametrize("relative, why", [
    ("..", "'..' is not a file name"),
    ("a/../../b", "'..' is not a file name"),
    ("a//b", "'' is not a file name"),
    ("./a", "'.' is not a file name"),
    ("/etc/passwd", "'/etc/passwd' is an absolute path"),
    ("a\x01b", "'a\\x01b' holds a separator or a control character"),
    ("a\\b", "'a\\\\b' holds a separator or a control character"),
])
def test_child_refuses_names_that_are_not_plain(tmp_path, relative, why):
    with pytest.raises(Escape) as refused:
        child(tmp_path, relative)
    assert str(refused.value) == why


@needs_links
def test_child_refuses_a_link_that_would_carry_the_write_outside(tmp_path):
    (tmp_path / "dest").mkdir()
    (tmp_path / "dest" / "away").symlink_to(tmp_path)
    with pytest.raises(Escape, match="resolves outside"):
        child(tmp_path / "dest", "away/file.yaml")
    assert child(tmp_path / "dest", "a/b.yaml") == tmp_path / "dest" / "a" / "b.yaml"


# --- writes: git trees ----------------------------------------------------------------------

def mktree(repo: Path, entries: dict[bytes, bytes | dict], listing: bytes = b"") -> str:
    """A tree object holding `listing` (ls-tree lines) and `entries` (name -> content, or a nested dict).

    `git mktree` checks no name for `..` or control characters: that is what a forged commit holds.
    """
    lines = [listing.rstrip(b"\n")] if listing else []
    for name, value in entries.items():
        if isinstance(value, dict):
            lines.append(b"040000 tree " + mktree(repo, value).encode() + b"\t" + name)
        else:
            blob = subprocess.run(["git", "hash-object", "-w", "--stdin"], cwd=repo, input=value,
                                  capture_output=True, check=True).stdout.strip()
            lines.append(b"100644 blob " + blob + b"\t" + name)
    return subprocess.run(["git", "mktree"], cwd=repo, input=b"\n".join(lines) + b"\n",
                          capture_output=True, check=True).stdout.decode().strip()


@pytest.fixture
def forge(tmp_path, monkeypatch):
    """A repository holding the minimal ladder; forge(entries) commits it plus `entries` under ladders/."""
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "minimal", repo / "ladders" / "minimal")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    monkeypatch.chdir(repo)
    scratch = tmp_path / "scratch"  # diff's temporary trees go here, so an escape would land in tmp_path
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))

    def commit(entries: dict) -> str:
        ladders = mktree(repo, entries, (git(repo, "ls-tree", "HEAD:ladders") + "\n").encode())
        top = mktree(repo, {}, f"040000 tree {ladders}\tladders\n".encode())
        return git(repo, "commit-tree", "-m", "forged", top)

    return commit


@pytest.mark.parametrize("entries, shown, why", [
    ({b"..": {b"..": {b"..": {b"..": {b"evil.yaml": b"x"}}}}}, "ladders/../../../../evil.yaml", "'..' is not a file name"),
    ({b"evil\x01.yaml": b"x"}, "ladders/evil\\x01.yaml", "'evil\\x01.yaml' holds a separator or a control character"),
    ({b"evil\xff.yaml": b"x"}, "ladders/evil\\\\xff.yaml", "it is not UTF-8"),
])
def test_diff_refuses_a_forged_tree_entry_and_writes_nothing_outside(capsys, tmp_path, forge, entries, shown, why):
    forged = forge(entries)
    code, out, err = run(capsys, "diff", "HEAD", forged)
    assert (code, out) == (2, "")
    assert err == (f"ladderc: refusing tree entry '{shown}' at {forged[:7]}: {why}; ladderc reads only plain "
                   "relative paths out of git (run `git fsck` on that commit)\n")
    assert list(tmp_path.rglob("evil*")) == []
    assert list((tmp_path / "scratch").iterdir()) == []


def test_diff_copies_a_forged_commit_without_odd_entries(capsys, forge):
    assert run(capsys, "diff", "HEAD", forge({b"notes.txt": b"fine"}))[0] == 0


# --- the review gate ------------------------------------------------------------------------

@pytest.fixture
def shallow(tmp_path, monkeypatch) -> Path:
    """A depth-1 clone of a repository whose feature branch cuts a band; feature tracks origin/main."""
    origin = tmp_path / "origin"
    shutil.copytree(FIXTURES / "minimal", origin / "ladders" / "minimal")
    eng = origin / "ladders" / "minimal" / "families" / "eng.yaml"
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "base")
    git(origin, "checkout", "-qb", "feature")
    eng.write_text(eng.read_text().replace(*CUT))
    git(origin, "commit", "-qam", "cut a band")
    git(origin, "checkout", "-q", "main")
    (origin / "README").write_text("main moves on\n")
    git(origin, "add", "README")
    git(origin, "commit", "-qm", "later on main")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", "--no-single-branch", "-b", "feature", f"file://{origin}", str(clone))
    git(clone, "branch", "-q", "--set-upstream-to", "origin/main")
    monkeypatch.chdir(clone)
    return clone


def test_a_shallow_clone_has_no_default_base_and_says_how_to_fix_it(capsys, shallow):
    assert git(shallow, "rev-parse", "--is-shallow-repository") == "true"
    assert run(capsys, "diff", "--fail-on", "pay-decrease") == (2, "", (
        "ladderc: cannot choose a default BASE: this shallow clone lacks the history where HEAD left origin/main; "
        "fetch it (`fetch-depth: 0` in actions/checkout, or `git fetch --unshallow`) or name BASE explicitly\n"))


def test_a_shallow_clone_with_an_explicit_base_still_gates(capsys, shallow):
    code, out, err = run(capsys, "diff", "origin/main", "HEAD", "--fail-on", "pay-decrease")
    assert (code, err) == (1, "ladderc diff: failing on pay-decrease (2)\n")  # us, and uk derived from it
    assert "    ~ e1 us max: 140,000 -> 130,000 USD (-10,000, -7.1%) decrease" in out.splitlines()


def test_a_base_a_shallow_clone_lacks_says_to_fetch_the_history(capsys, shallow):
    assert run(capsys, "diff", "HEAD~1") == (2, "", (
        "ladderc: unknown revision 'HEAD~1': this shallow clone may lack it; fetch the history "
        "(`fetch-depth: 0` in actions/checkout, or `git fetch --unshallow`)\n"))


def test_after_unshallowing_the_default_base_is_the_merge_base(capsys, shallow):
    git(shallow, "fetch", "-q", "--unshallow")
    code, out, err = run(capsys, "diff", "--fail-on", "pay-decrease")
    assert (code, err) == (1, "ladderc diff: failing on pay-decrease (2)\n")
    assert out.startswith("ladderc diff ladders/minimal: merge-base with origin/main (")


def test_a_repository_without_commits_has_no_default_base(capsys, tmp_path, monkeypatch):
    shutil.copytree(FIXTURES / "minimal", tmp_path / "ladders" / "minimal")
    git(tmp_path, "init", "-q", "-b", "main")
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "diff") == (2, "", (
        "ladderc: cannot choose a default BASE: the repository has no commits yet "
        "(commit the ladders, then run `ladderc diff BASE`)\n"))


# --- writes: every output file --------------------------------------------------------------

def test_a_ladder_folder_name_that_is_no_plain_name_exports_nothing(capsys, tmp_path):
    ladder = Path(shutil.copytree(FIXTURES / "minimal", tmp_path / "odd\\name"))
    assert run(capsys, "export", str(ladder), "--target", "json", "-o", str(tmp_path / "out")) == (2, "", (
        "ladderc: refusing to write 'odd\\\\name/json': 'odd\\\\name' holds a separator or a control character\n"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["odd\\name"]


def test_site_files_are_written_only_inside_docs(tmp_path):
    from ladderc.errors import UsageError
    from ladderc.site.mkdocs import write_project

    project = tmp_path / "project"
    with pytest.raises(UsageError, match=r"^refusing to write '\.\./escaped\.md': '\.\.' is not a file name$"):
        write_project(project, {}, {"index.md": "home\n", "../escaped.md": "away\n"})
    assert not (project / "escaped.md").exists()
    assert write_project(project, {}, {"levels/se1.md": "x\n"}) == project / "mkdocs.yml"
    assert (project / "docs" / "levels" / "se1.md").read_text() == "x\n"


@pytest.mark.parametrize("name, why", [("../escaped.md", "'..' is not a file name"),
                                       ("/etc/passwd", "'/etc/passwd' is an absolute path"),
                                       ("levels//se1.md", "'' is not a file name"),
                                       ("lev\\els/se1.md", "'lev\\\\els' holds a separator or a control character")])
def test_site_files_handed_to_mkdocs_from_memory_are_named_as_on_disk(name, why):
    from ladderc.errors import UsageError
    from ladderc.site.mkdocs import in_memory

    with pytest.raises(UsageError) as refused:
        in_memory({"index.md": "home\n", name: "away\n"})
    assert str(refused.value) == f"refusing to write {name!r}: {why}"
    assert in_memory({"levels/se1.md": "x\n"}) == {"levels/se1.md": "x\n"}


def test_security_md_names_only_tests_that_exist():
    from conftest import ROOT

    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    section = text[text.index("## Containment"):text.index("## Reporting a problem")]
    named = re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", section)
    assert len(named) >= 20
    for file, test in named:
        assert re.search(rf"^def {test}\(", (ROOT / file).read_text(encoding="utf-8"), re.M), f"{file}::{test}"
