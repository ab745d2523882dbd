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

from ladderc.guard import MARKER, OutputError, read_marker
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
    with pytest.raises(OutputError, match=r"could not write .*site: No space left on device; .*site is unchanged"):
        with atomic_directory(previous, "site") as work:
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
    with pytest.raises(RuntimeError):
        with atomic_directory(previous, "site"):  # the next run recovers first, then fails on its own
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
    done = subprocess.run([sys.executable, "-m", "ladderc", "build", str(ROOT / "ladders/example"), "-o", str(previous)],
                          env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (previous / "levels").is_dir() and b"old home" not in (previous / "index.html").read_bytes()
    assert litter(previous.parent, "site") == []
