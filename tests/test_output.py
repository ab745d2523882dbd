"""Atomic outputs: a failed or killed build or export never leaves a half-written target."""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import ROOT

from ladderc.cli import main
from ladderc.guard import (
    MARKER,
    OutputError,
    changes,
    is_ours,
    listing,
    read_marker,
    refuse_unsafe_output,
    refuse_unsafe_place,
    write_marker,
)
from ladderc.output import atomic_directory


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def litter(parent: Path, name: str) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(f".{name}."))


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    """A site ladderc wrote (so it carries the marker that lets it be replaced)."""
    target = tmp_path / "site"
    with atomic_directory(target, "site") as work:
        (work / "levels").mkdir(parents=True)
        (work / "index.html").write_text("old home")
        (work / "levels" / "e1.html").write_text("old level")
    return target


def test_success_replaces_the_target_whole(previous: Path):
    with atomic_directory(previous, "site") as work:
        (work / "index.html").write_text("new home")
    assert snapshot(previous).keys() == {"index.html", MARKER}
    assert (previous / "index.html").read_text() == "new home"
    assert read_marker(previous)["files"] == {"index.html": hashlib.sha256(b"new home").hexdigest()}
    assert litter(previous.parent, "site") == []


def test_an_injected_failure_keeps_the_previous_output_and_leaves_no_litter(previous: Path):
    before = snapshot(previous)
    with (pytest.raises(OutputError, match=r"could not write .*site: No space left on device; .*site is unchanged"),
          atomic_directory(previous, "site") as work):
            (work / "index.html").write_text("half")
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    assert snapshot(previous) == before
    assert litter(previous.parent, "site") == []


def _killed_child(target: Path, stage: str) -> None:
    """Run atomic_directory in a child that SIGKILLs itself at `stage`."""
    script = textwrap.dedent(f"""
        import os, signal, sys
        from pathlib import Path
        from ladderc import output
        target = Path({str(target)!r})
        if {stage!r} == "between-renames":
            real_rename = Path.rename
            def rename(self, to):
                result = real_rename(self, to)
                if ".old-" in Path(to).name:
                    os.kill(os.getpid(), signal.SIGKILL)
                return result
            Path.rename = rename
        with output.atomic_directory(target, "site") as work:
            (work / "index.html").write_text("new home, half written")
            if {stage!r} == "mid-write":
                os.kill(os.getpid(), signal.SIGKILL)
    """)
    done = subprocess.run([sys.executable, "-c", script], env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == -signal.SIGKILL


@pytest.mark.parametrize("stage", ["mid-write", "between-renames"])
def test_a_killed_run_loses_nothing_and_the_next_run_clears_its_litter(previous: Path, stage: str):
    before = snapshot(previous)
    _killed_child(previous, stage)
    assert litter(previous.parent, "site") != []  # the kill really struck while writing
    # the next run recovers first, then fails on its own
    with pytest.raises(RuntimeError), atomic_directory(previous, "site"):
            raise RuntimeError("next run fails too")
    assert snapshot(previous) == before
    assert litter(previous.parent, "site") == []


def test_a_killed_build_subprocess_keeps_the_previous_site(tmp_path: Path, previous: Path):
    """The real `ladderc build`, killed while MkDocs writes, leaves the old site as it was."""
    before = snapshot(previous)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    child = subprocess.Popen([sys.executable, "-m", "ladderc", "build", str(ROOT / "ladders/example"), "-o", str(previous)],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):  # kill as soon as the temporary site holds a page
            temporary = [p for p in previous.parent.glob(".site.tmp-*") if any(p.rglob("*.html"))]
            if temporary or child.poll() is not None:
                break
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait()
    assert child.returncode == -signal.SIGKILL, "the build finished before it could be killed"
    assert snapshot(previous) == before
    assert main(["build", str(ROOT / "ladders/example"), "-o", str(previous)]) == 0  # the next run, in-process
    assert (previous / "levels").is_dir() and b"old home" not in (previous / "index.html").read_bytes()
    assert litter(previous.parent, "site") == []


def test_the_listing_names_links_and_special_files_and_never_follows_them(tmp_path: Path):
    folder = tmp_path / "out"
    (folder / "sub").mkdir(parents=True)
    (folder / "page.html").write_text("page")
    (folder / "link.html").symlink_to("page.html")
    (folder / "linked-dir").symlink_to(tmp_path)  # would list the whole tmp_path if followed
    os.mkfifo(folder / "sub" / "pipe")
    assert listing(folder) == {"page.html": hashlib.sha256(b"page").hexdigest(), "link.html": "symbolic link",
                               "linked-dir": "symbolic link", "sub/pipe": "special file"}


def test_a_file_swapped_for_a_link_to_the_same_bytes_is_a_change(previous: Path):
    files = read_marker(previous)["files"]
    assert changes(previous, files) == []
    (previous / "copy.html").write_text("old home")
    (previous / "index.html").unlink()
    (previous / "index.html").symlink_to("copy.html")
    assert changes(previous, files) == ["copy.html", "index.html"]


@pytest.mark.parametrize("marker", [None, "not json", '{"tool": "other", "format": 1, "kind": "site", "files": {}}',
                                    '["ladderc"]', "link"])
def test_only_a_real_marker_file_written_by_ladderc_makes_a_folder_ours(tmp_path: Path, marker):
    folder = tmp_path / "out"
    folder.mkdir()
    assert is_ours(folder)  # empty
    (folder / "notes.txt").write_text("mine")
    if marker == "link":
        write_marker(tmp_path, "site", {})
        (folder / MARKER).symlink_to(tmp_path / MARKER)
    elif marker is not None:
        (folder / MARKER).write_text(marker)
    assert read_marker(folder) is None and not is_ours(folder)
    with pytest.raises(OutputError, match="is not empty and was not written by ladderc"):
        refuse_unsafe_output(folder, "site")
    (folder / MARKER).unlink(missing_ok=True)
    write_marker(folder, "site", None)  # a run's temporary folder: ours to clear, never to replace
    assert is_ours(folder)
    with pytest.raises(OutputError, match="is not empty and was not written by ladderc"):
        refuse_unsafe_output(folder, "site")


def test_init_is_told_to_make_a_folder_not_to_choose_an_output(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    with pytest.raises(OutputError) as refused:
        refuse_unsafe_place(tmp_path, replacing=False)
    assert str(refused.value) == (f"{tmp_path} is your home directory ({tmp_path}); "
                                  "make a folder for the repository and scaffold it there")
    (tmp_path / "repo").mkdir()
    monkeypatch.chdir(tmp_path / "repo")
    refuse_unsafe_place(Path("."), replacing=False)  # init scaffolds the current directory by default
    with pytest.raises(OutputError, match="is the current directory"):
        refuse_unsafe_place(Path("."))  # which build and export would replace


def test_an_output_with_a_read_only_folder_is_refused_before_anything_is_swapped(previous: Path, monkeypatch):
    """A folder a run could rename but not empty would linger as `.site.old-*`: refuse it up front."""
    import ladderc.guard

    levels = previous / "levels"
    monkeypatch.setattr(ladderc.guard.os, "access", lambda path, mode: Path(path) != levels)  # root ignores chmod
    before = snapshot(previous)
    with pytest.raises(OutputError) as refused, atomic_directory(previous, "site"):
        pass
    assert str(refused.value) == (f"{levels} is read-only, so {previous} cannot be replaced; "
                                  f"make it writable (chmod -R u+w {previous}) or choose another -o")
    assert snapshot(previous) == before and litter(previous.parent, "site") == []


def test_a_lock_file_replaced_while_taking_it_is_opened_again(tmp_path: Path, monkeypatch):
    """The holder removes the lock file on release: a waiter then holds a removed file's lock."""
    import fcntl

    from ladderc.guard import locked

    lock, real, taken = tmp_path / ".site.lock", fcntl.flock, []

    def flock(handle, operation):
        taken.append(os.fstat(handle).st_ino)
        if len(taken) == 1:  # as if the holder released and removed it, and a third run made a new one
            lock.unlink()
            lock.write_text("")
        return real(handle, operation)

    monkeypatch.setattr(fcntl, "flock", flock)
    with locked(tmp_path / "site"):
        assert len(set(taken)) == 2 and taken[-1] == lock.stat().st_ino  # the lock every run opens
    assert not lock.exists()
