"""Never lose a user's files: every writing command through the real CLI, on a scratch repository.

Each case runs in a folder holding a `.git`, a ladder's sources and a bystander file, plus a home
directory of its own, and asserts afterwards that all of it is byte for byte as it was.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, edit, run

from ladderc.guard import MARKER, changes, locked, read_marker

COMMANDS = [["build"], ["export", "--target", "json,csv"]]
KINDS = {"build": "site", "export": "export"}


def tree(folder: Path) -> dict[str, bytes | str]:
    """Every entry under `folder` (links not followed): a file's bytes, a link's target, '<dir>'."""
    found: dict[str, bytes | str] = {}
    for directory, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(directory, name)
            key = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[key] = f"-> {os.readlink(path)}"
            elif path.is_dir():
                found[key] = "<dir>"
            else:
                found[key] = path.read_bytes()
    return found


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Path:
    """A git work tree with a ladder and a bystander file; the current directory and HOME beside it."""
    repo = tmp_path / "work" / "repo"
    shutil.copytree(FIXTURES / "minimal", repo / "ladders" / "minimal")
    (repo / "notes.txt").write_text("a bystander: keep me\n")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    home = tmp_path / "home"  # beside work/, so `..` holds the current directory but not HOME
    home.mkdir()
    (home / "diary.txt").write_text("private\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(repo)
    return repo


def refused(capsys, command: list[str], output: str, *paths: str) -> str:
    """Run the command, assert a one-line usage error (exit 2), return it."""
    code, out, err = run(capsys, *command, *(paths or ["ladders/minimal"]), "-o", output)
    assert code == 2, out + err
    assert err.startswith("ladderc: ") and err.count("\n") == 1, err
    return err


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize(("output", "reason"), [
    (".", "is the current directory"),
    ("..", "contains the current directory"),
    ("ladders", "contains a ladder being read"),
    ("ladders/minimal", "is a ladder being read"),
    ("ladders/minimal/families", "contains a ladder being read"),
    ("~", "is your home directory"),
    ("~/..", "contains your home directory"),
    ("/", "is the root of the file system"),
])
def test_outputs_that_would_hold_the_work_are_refused_and_nothing_is_touched(capsys, repo, command, output, reason):
    output = os.path.expanduser(output)
    paths = ["ladders/minimal/families/eng.yaml"] if output.endswith("families") else []
    before, home, root = tree(repo), tree(Path.home()), sorted(os.listdir("/"))
    err = refused(capsys, command, output, *paths)
    assert f"ladderc: {output} {reason}" in err
    assert tree(repo) == before and tree(Path.home()) == home
    assert sorted(os.listdir("/")) == root  # `-o /` leaves nothing behind either


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_git_work_tree_is_refused(capsys, repo, command, tmp_path):
    other = tmp_path / "other"
    subprocess.run(["git", "init", "-q", str(other)], check=True)
    err = refused(capsys, command, str(other))
    assert f"{other} is the root of a git work tree" in err
    assert (other / ".git" / "HEAD").is_file()


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_folder_ladderc_did_not_write_is_refused_even_with_a_manifest(capsys, repo, command):
    app = repo / "webapp"
    app.mkdir()
    (app / "manifest.json").write_text('{"name": "a web app"}\n')
    (app / "index.html").write_text("<p>the app</p>\n")
    before = tree(repo)
    err = refused(capsys, command, "webapp")
    assert err == ("ladderc: webapp is not empty and was not written by ladderc (no valid .ladderc-output); "
                   "choose another -o, or empty webapp yourself\n")
    assert tree(repo) == before


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_symbolic_link_as_output_is_refused_and_stays_a_link(capsys, repo, command):
    (repo / "real").mkdir()
    (repo / "out").symlink_to("real")
    (repo / "gone").symlink_to("nowhere")
    before = tree(repo)
    assert "ladderc: out is a symbolic link (to real)" in refused(capsys, command, "out")
    assert "ladderc: gone is a symbolic link (to nowhere)" in refused(capsys, command, "gone")
    assert tree(repo) == before  # no `.out.old-*`, the links are still links


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_file_as_output_is_refused_and_not_hidden(capsys, repo, command):
    assert refused(capsys, command, "notes.txt") == ("ladderc: notes.txt is a file, not a folder; "
                                                       "choose a folder of its own with -o, such as site/ or exports/\n")
    assert [p.name for p in repo.iterdir() if p.name.startswith(".notes")] == []
    assert (repo / "notes.txt").read_text() == "a bystander: keep me\n"


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_an_output_of_ladderc_is_replaced_and_an_empty_folder_is_fine(capsys, repo, command):
    (repo / "out").mkdir()
    for _ in range(2):
        code, out, err = run(capsys, *command, "ladders/minimal", "-o", "out")
        assert code == 0, out + err
    marker = read_marker(repo / "out")
    assert marker["kind"] == KINDS[command[0]] and changes(repo / "out", marker["files"]) == []


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_an_output_someone_edited_is_refused_naming_what_changed(capsys, repo, command):
    assert run(capsys, *command, "ladders/minimal", "-o", "out")[0] == 0
    edited = next(p for p in sorted((repo / "out").rglob("*")) if p.is_file() and p.name != MARKER)
    edited.write_text("my own edit\n")
    (repo / "out" / "mine.txt").write_text("added by hand\n")
    before = tree(repo)
    err = refused(capsys, command, "out")
    name = edited.relative_to(repo / "out").as_posix()
    assert f"ladderc: out was changed since ladderc wrote it ({', '.join(sorted([name, 'mine.txt']))})" in err
    assert tree(repo) == before


def test_a_site_and_an_export_do_not_replace_each_other(capsys, repo):
    assert run(capsys, "export", "ladders/minimal", "--target", "json", "-o", "out")[0] == 0
    before = tree(repo)
    assert "ladderc: out holds a ladderc export, not a site" in refused(capsys, ["build"], "out")
    assert tree(repo) == before


def test_leftovers_that_are_not_ours_are_never_cleared(capsys, repo):
    """`_recover` clears `.<name>.tmp-*` / `.old-*` only when they carry ladderc's marker."""
    for name in (".site.tmp-mine", ".site.old-mine"):
        (repo / name).mkdir()
        (repo / name / "work.txt").write_text("someone's work\n")
    (repo / ".site.old-file").write_text("a file, not a folder\n")
    before = tree(repo)
    assert run(capsys, "build", "ladders/minimal", "-o", "site")[0] == 0
    assert {k: v for k, v in tree(repo).items() if not k.startswith("site")} == before


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("mask", [0o022, 0o027])
def test_outputs_follow_the_umask(capsys, repo, command, mask):
    old = os.umask(mask)
    try:
        assert run(capsys, *command, "ladders/minimal", "-o", "out")[0] == 0
    finally:
        os.umask(old)
    paths = [repo / "out", *(repo / "out").rglob("*")]
    modes = {(p.is_dir(), p.stat().st_mode & 0o777) for p in paths}
    assert modes == {(True, 0o777 & ~mask), (False, 0o666 & ~mask)}


def _fail_in(monkeypatch, command: str, error: OSError) -> None:
    """Make the command's writer (MkDocs, the export targets) fail with `error` once it wrote its files."""
    import ladderc.export
    import ladderc.site.mkdocs

    module, name = (ladderc.site.mkdocs, "run_build") if command == "build" else (ladderc.export, "export_ladders")
    real = getattr(module, name)

    def failing(*args, **kwargs):
        real(*args, **kwargs)
        raise error

    monkeypatch.setattr(module, name, failing)  # both are imported when the command runs, not before


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("error", [
    OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)),
    PermissionError(errno.EACCES, os.strerror(errno.EACCES), "out/levels/e1.html"),
    OSError(errno.EROFS, os.strerror(errno.EROFS), "out"),
], ids=["full-disk", "permission", "read-only"])
def test_operational_errors_are_one_line_and_keep_the_old_output(capsys, repo, monkeypatch, command, error):
    """Simulated in-process (the real file system failing is in the tmpfs test below)."""
    assert run(capsys, *command, "ladders/minimal", "-o", "out")[0] == 0
    before = tree(repo)
    _fail_in(monkeypatch, command[0], error)
    code, out, err = run(capsys, *command, "ladders/minimal", "-o", "out")
    where = f": {error.filename}" if error.filename else ""
    assert code == 2
    assert err == f"ladderc: could not write out: {error.strerror}{where}; out is unchanged\n"
    assert tree(repo) == before


def test_a_folder_that_cannot_be_created_is_one_line_naming_it(capsys, repo, monkeypatch):
    import tempfile

    real = tempfile.mkdtemp

    def denied(suffix=None, prefix=None, dir=None):
        if dir is None:  # MkDocs' project folder in the system's temporary folder
            return real(suffix, prefix, dir)
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), dir)

    monkeypatch.setattr(tempfile, "mkdtemp", denied)
    code, _, err = run(capsys, "build", "ladders/minimal", "-o", "out")
    assert code == 2
    assert err == f"ladderc: could not write out: Permission denied: {repo}; out is unchanged\n"
    assert not (repo / "out").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_parent_folder_is_one_line(capsys, repo):
    (repo / "locked").mkdir()
    (repo / "locked").chmod(0o555)
    try:
        code, _, err = run(capsys, "build", "ladders/minimal", "-o", "locked/site")
    finally:
        (repo / "locked").chmod(0o755)
    assert code == 2 and err.startswith("ladderc: could not write locked/site: Permission denied: ")
    assert list((repo / "locked").iterdir()) == []


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A real 1 MB tmpfs (needs mount rights: root in a container); skipped elsewhere."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_really_full_and_a_really_read_only_disk(capsys, repo, tiny_disk):
    """A site (3 MB of theme assets) cannot fit 1 MB; an export can, then the disk turns read-only."""
    code, _, err = run(capsys, "build", "ladders/minimal", "-o", str(tiny_disk / "site"))
    assert code == 2 and "No space left on device" in err and err.count("\n") == 1
    assert os.listdir(tiny_disk) == []
    assert run(capsys, "export", "ladders/minimal", "--target", "json", "-o", str(tiny_disk / "out"))[0] == 0
    before = tree(tiny_disk)
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], check=True)
    code, _, err = run(capsys, "export", "ladders/minimal", "--target", "json", "-o", str(tiny_disk / "out"))
    assert err == (f"ladderc: could not write {tiny_disk / 'out'}: Read-only file system: {tiny_disk / '.out.lock'}; "
                   f"{tiny_disk / 'out'} is unchanged\n") and code == 2
    assert tree(tiny_disk) == before


PAUSED_BUILD = """
import sys
import ladderc.site.mkdocs as mkdocs
from ladderc.cli import main
real = mkdocs.run_build
def paused(config_file, site_dir, epoch, docs=None):
    real(config_file, site_dir, epoch, docs)
    print("written", site_dir, flush=True)  # the whole site is in the temporary folder, unpublished
    sys.stdin.readline()
mkdocs.run_build = paused
sys.exit(main(sys.argv[1:]))
"""


def test_a_second_build_into_the_same_folder_waits_for_the_first(repo):
    """Two real processes: the second waits on the lock; neither deletes the other's work."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    argv = ["build", "ladders/minimal", "-o", "site"]
    first = subprocess.Popen([sys.executable, "-c", PAUSED_BUILD, *argv], cwd=repo, env=env, text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    second = None
    try:
        temporary = Path(first.stdout.readline().split()[1])
        second = subprocess.Popen([sys.executable, "-m", "ladderc", *argv], cwd=repo, env=env, text=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert second.stderr.readline() == "ladderc: waiting for another ladderc writing site\n"
        assert temporary.is_dir() and not (repo / "site").exists()  # the first's work is untouched
        first.stdin.write("\n")
        first.stdin.flush()
        assert first.wait() == 0, first.stderr.read()
        assert second.wait() == 0, second.stderr.read()
    finally:
        for child in (first, second):
            if child is not None and child.poll() is None:
                child.kill()
                child.wait()
    marker = read_marker(repo / "site")
    assert changes(repo / "site", marker["files"]) == [] and len(marker["files"]) > 19
    assert sorted(p.name for p in repo.iterdir()) == [".git", "ladders", "notes.txt", "site"]


def test_the_lock_is_held_until_released_and_leaves_no_file(tmp_path):
    target = tmp_path / "site"
    with locked(target):
        assert (tmp_path / ".site.lock").is_file()
        done = subprocess.run([sys.executable, "-c", (
            "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDWR)\n"
            "try: fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)\nexcept BlockingIOError: sys.exit(3)\n"),
            str(tmp_path / ".site.lock")])
        assert done.returncode == 3  # another process cannot take it
    assert list(tmp_path.iterdir()) == []


def test_init_refuses_a_link_where_it_would_write_and_the_home_directory(capsys, repo, tmp_path):
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / ".pre-commit-config.yaml").symlink_to(tmp_path / "elsewhere.yaml")  # dangling
    code, _, err = run(capsys, "init", str(fresh))
    assert code == 2 and "already exists; ladderc init never overwrites files" in err
    assert not (tmp_path / "elsewhere.yaml").exists() and sorted(os.listdir(fresh)) == [".pre-commit-config.yaml"]
    home = tree(Path.home())
    code, _, err = run(capsys, "init", str(Path.home()))
    assert code == 2 and err.startswith(f"ladderc: {Path.home()} is your home directory")
    assert tree(Path.home()) == home


def test_diff_reads_revisions_from_git_and_writes_nothing(capsys, repo, monkeypatch, tmp_path):
    scratch = tmp_path / "scratch"  # where any temporary file would go
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com"}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "commit", "-qm", "ladder"], cwd=repo, check=True)
    before = tree(repo)
    edit(repo / "ladders/minimal/families/eng.yaml", "title: Senior Engineer", "title: Lead Engineer")
    subprocess.run(["git", "commit", "-qam", "retitle"], cwd=repo, check=True)
    before = tree(repo)
    code, out, err = run(capsys, "diff", "HEAD~1", "HEAD", "ladders/minimal")
    assert code == 0 and "e3 retitled: Senior Engineer -> Lead Engineer" in out, out + err
    assert tree(repo) == before and list(scratch.iterdir()) == []


def test_an_operational_error_anywhere_is_one_line_naming_the_path(capsys, repo):
    before = tree(repo)
    code, out, err = run(capsys, "init", "notes.txt/new")
    assert code == 2 and out == ""
    assert err == "ladderc: Not a directory: notes.txt/new/ladders/new\n"  # was "internal error ... --debug"
    assert tree(repo) == before
