"""Reading ladders at git revisions, without touching the user's checkout.

`ladderc diff` compares a ladder at two points in history. The files at a revision are copied
from git's object store into a temporary directory (`git ls-tree` + `git cat-file --batch`), so
the working tree, the index and the current branch stay exactly as the user left them. Every git
failure a user can cause (no repository, an unknown revision) is a `UsageError`: one line, exit 2.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ladderc.errors import UsageError
from ladderc.parse_cache import Tree
from ladderc.paths import Escape, plain_name

WORKTREE = "working tree"
_REGULAR_FILES = ("100644", "100755")


@dataclass(frozen=True)
class Revision:
    """One side of a diff: a commit, or the working tree when `commit` is None."""

    name: str  # as the user wrote it (or chose by default)
    commit: str | None

    @property
    def label(self) -> str:
        return self.name if self.commit is None else f"{self.name} ({self.commit[:7]})"


def git(cwd: Path, *args: str, data: bytes | None = None) -> bytes:
    """Run git; its first error line becomes a UsageError."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=data, capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError("git is not installed (ladderc diff reads ladders from git)") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(lines[0] if lines else f"git {args[0]} failed")
    return done.stdout


def repository_root(cwd: Path) -> Path:
    try:
        return Path(git(cwd, "rev-parse", "--show-toplevel").decode().strip())
    except UsageError:
        raise UsageError(f"{cwd} is not inside a git repository (ladderc diff compares git revisions)") from None


def is_revision(root: Path, name: str) -> bool:
    try:
        commit_of(root, name)
    except UsageError:
        return False
    return True


def commit_of(root: Path, name: str) -> str:
    """The full commit id `name` stands for; a UsageError naming it when there is none."""
    if name.startswith("-"):  # never let a revision be read as an option
        raise UsageError(f"unknown revision '{name}'")
    try:
        return git(root, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}").decode().strip()
    except UsageError:
        if _shallow(root):
            raise UsageError(f"unknown revision '{name}': this shallow clone may lack it; fetch the history "
                             "(`fetch-depth: 0` in actions/checkout, or `git fetch --unshallow`)") from None
        raise UsageError(f"unknown revision '{name}' (not a branch, tag or commit of this repository)") from None


def _shallow(root: Path) -> bool:
    return git(root, "rev-parse", "--is-shallow-repository").decode().strip() == "true"


def default_base(root: Path) -> Revision:
    """Where the current branch left its upstream (a pull request's base).

    When that point cannot be found (no commits, no upstream, a shallow clone that lacks the
    history) there is no sensible default: comparing HEAD with itself would print "no changes"
    and pass any `--fail-on` gate. That is a UsageError saying how to give diff what it needs.
    """
    if not is_revision(root, "HEAD"):
        raise UsageError("cannot choose a default BASE: the repository has no commits yet "
                         "(commit the ladders, then run `ladderc diff BASE`)")
    try:
        upstream = git(root, "rev-parse", "--abbrev-ref", "@{upstream}").decode().strip()
    except UsageError:
        raise UsageError("cannot choose a default BASE: HEAD has no upstream branch (a detached checkout, as in "
                         "CI, or a new branch); name BASE explicitly (`ladderc diff origin/main`) or set an "
                         "upstream (`git branch --set-upstream-to`)") from None
    try:
        commit = git(root, "merge-base", "HEAD", upstream).decode().strip()
    except UsageError:
        if _shallow(root):
            raise UsageError(f"cannot choose a default BASE: this shallow clone lacks the history where HEAD left "
                             f"{upstream}; fetch it (`fetch-depth: 0` in actions/checkout, or "
                             f"`git fetch --unshallow`) or name BASE explicitly") from None
        raise UsageError(f"cannot choose a default BASE: HEAD shares no history with {upstream}; "
                         "name BASE explicitly") from None
    return Revision(f"merge-base with {upstream}", commit)


def tree_of(root: Path, commit: str, scope: PurePosixPath) -> Tree:
    """The regular files under `scope` (a repository path) at `commit`, named as they would lie under `root`.

    Nothing is written: a file's bytes are read from git's object store when the compiler asks
    (`Tree.read`), and a blob two revisions share is read and parsed once (`ParseCache`). A
    symbolic link in history is not followed out of the ladder (only regular files are listed).
    A tree entry that is not a plain relative path (`..`, an absolute name, control characters or
    bytes that are not UTF-8; git's fsck only warns about them) is refused: a UsageError naming
    it and the commit. The tree is empty when `scope` did not exist at that commit.
    """
    listing = git(root, "ls-tree", "-r", "-l", "-z", "--full-tree", commit, "--", str(scope))
    files = {}
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, path = record.split(b"\t", 1)
        mode, kind, blob, size = meta.decode().split()
        if kind == "blob" and mode in _REGULAR_FILES:
            files[_target(root, path, commit)] = (blob, int(size))
    return Tree(files, lambda blobs: read_blobs(root, blobs))


def read_blobs(root: Path, blobs: list[str]) -> dict[str, bytes]:
    """The bytes of each blob, by id, from one `git cat-file --batch` ("<id> blob <size>\\n<bytes>\\n" each)."""
    output = git(root, "cat-file", "--batch", data="".join(f"{blob}\n" for blob in blobs).encode())
    found, at = {}, 0
    for blob in blobs:
        header_end = output.index(b"\n", at)
        size = int(output[at:header_end].split()[2])
        found[blob] = output[header_end + 1:header_end + 1 + size]
        at = header_end + 1 + size + 1
    return found


def _target(root: Path, raw: bytes, commit: str) -> Path:
    """Where the tree entry `raw` would lie, inside `root`; a UsageError when it cannot."""
    shown = raw.decode("utf-8", "backslashreplace").encode("unicode_escape").decode("ascii")
    try:
        relative = raw.decode("utf-8")
        if relative.startswith("/"):
            raise Escape(f"{relative!r} is an absolute path")
        return root.joinpath(*(plain_name(part) for part in relative.split("/")))
    except (UnicodeDecodeError, Escape) as error:
        why = "it is not UTF-8" if isinstance(error, UnicodeDecodeError) else str(error)
        raise UsageError(f"refusing tree entry '{shown}' at {commit[:7]}: {why}; ladderc reads only plain "
                         "relative paths out of git (run `git fsck` on that commit)") from None
