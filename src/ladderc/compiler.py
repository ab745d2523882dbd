"""The pipeline, top to bottom: find → load → schema → model → graph → rules.

Each stage takes the previous stage's product and returns its own with the diagnostics it found.
A stage that finds errors stops the pipeline: later stages would only repeat the same mistake in
other words.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ladderc.diagnostics import ERROR, Diagnostic, Position
from ladderc.errors import UsageError
from ladderc.graph import TransitionGraph
from ladderc.loader import DEFAULT_MAX_FILE_SIZE, Document
from ladderc.model import Ladder
from ladderc.parse_cache import ParseCache, Tree
from ladderc.stage_rules import UNSUPPORTED_FILE
from ladderc.timings import stage

LADDER_FILE = "ladder.yaml"
FAMILY_DIR = "families"
DEFAULT_ROOT = Path("ladders")


@dataclass(frozen=True)
class Options:
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    select: tuple[str, ...] = ()  # rule codes, names or code prefixes to keep (default: all)
    ignore: tuple[str, ...] = ()  # rule codes, names or code prefixes to drop


@dataclass
class Compilation:
    root: Path
    files: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    ladder: Ladder | None = None
    graph: TransitionGraph | None = None  # once the graph stage ran
    verified: frozenset[str] = frozenset()  # rule codes that ran, unlowered, and found nothing

    @property
    def exceptions(self) -> list:
        """The rules the ladder sets below their catalogue severity (`ladderc.severity.RuleException`)."""
        from ladderc.severity import exceptions

        return exceptions(self.ladder) if self.ladder is not None else []

    @property
    def ok(self) -> bool:
        return self.ladder is not None and not any(x.severity == ERROR for x in self.diagnostics)


def find_ladders(paths: list[Path]) -> list[Path]:
    """Ladder directories named by the command line: ladders, folders of ladders, or files in a ladder."""
    roots: list[Path] = []
    for path in paths or [DEFAULT_ROOT]:
        if path.is_file():
            root = next((p for p in path.resolve().parents if (p / LADDER_FILE).is_file()), None)
            if root is None:
                raise UsageError(f"{path} is not inside a ladder (no {LADDER_FILE} above it)")
            roots.append(_relative(root))
        elif (path / LADDER_FILE).is_file():
            roots.append(path)
        elif path.is_dir():
            found = sorted(p.parent for p in path.rglob(LADDER_FILE))
            if not found:
                raise UsageError(f"no ladder found under {path} (a ladder is a folder holding {LADDER_FILE})")
            roots.extend(found)
        else:
            raise UsageError(f"{path} does not exist")
    return list(dict.fromkeys(roots))


def _relative(path: Path) -> Path:
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def ladder_files(root: Path, tree: Tree | None = None) -> tuple[Path, list[Path], list[Diagnostic]]:
    """The ladder file, the family files, and findings about files that do not belong.

    Where each file really lies is `load_file`'s to check (`within` the ladder), so a link out
    of the ladder or a link loop is one S001 finding like any other unreadable file. With a
    `tree` (a git revision), the files are the tree's, not the disk's.
    """
    def yaml_in(folder: Path) -> list[Path]:
        if tree is not None:
            return sorted(f for f in tree.files if f.parent == folder and f.suffix in (".yaml", ".yml"))
        return sorted(list(folder.glob("*.yaml")) + list(folder.glob("*.yml")))

    found: list[Diagnostic] = []
    for stray in yaml_in(root):
        if stray.name != LADDER_FILE:
            found.append(UNSUPPORTED_FILE.at(Position(stray, 1, 1),
                                             f"{stray.name} is neither {LADDER_FILE} nor a family under {FAMILY_DIR}/",
                                             f"move job families into {FAMILY_DIR}/"))
    return root / LADDER_FILE, yaml_in(root / FAMILY_DIR), found


def compile_ladder(root: Path, options: Options = Options(), cache: ParseCache | None = None,
                   tree: Tree | None = None) -> Compilation:
    """Compile the ladder at `root`: on disk, or as a git revision's `tree` holds it (files named as on disk).

    With a `cache`, files it has seen (by git blob id) are not read or parsed again.
    """
    with gc_paused(keep=True):
        return _compile(root, options, cache or ParseCache(), tree)


def _compile(root: Path, options: Options, cache: ParseCache, tree: Tree | None) -> Compilation:
    from ladderc.resolve import RawLadder, resolve

    result = Compilation(root)
    ladder_file, family_files, result.diagnostics = ladder_files(root, tree)
    result.files = [ladder_file] + family_files
    documents: dict[Path, Document] = {}
    blobs = {}
    with stage("load"):
        if tree is not None:
            cache.fetch(tree, result.files, options.max_file_size)  # every blob not yet seen, in one read
        for file in result.files:
            if tree is None:
                doc, found, blobs[file] = cache.load(file, options.max_file_size, within=root)
            else:
                doc, found, blobs[file] = cache.load_blob(file, tree, options.max_file_size)
            result.diagnostics += found
            if doc is not None:  # else S001 says why, and the compile stops below
                documents[file] = doc
    if _stop(result):
        return result

    with stage("schema"):
        for file, doc in documents.items():
            result.diagnostics += cache.validate(doc, blobs[file], "ladder" if file == ladder_file else "family")
    if _stop(result):
        return result

    with stage("resolve"):
        raw = RawLadder(root, documents[ladder_file], [documents[f] for f in family_files],
                        (blobs[ladder_file], tuple(blobs[f] for f in family_files)), cache.levels)
        ladder, found = resolve(raw)
    result.diagnostics += found
    if ladder is None or _stop(result):
        return result
    result.ladder = ladder

    from ladderc.checks import run_rules, verified_rules

    with stage("graph"):
        result.graph = TransitionGraph(ladder)
    with stage("rules"):
        result.diagnostics += run_rules(ladder, result.graph, options.select, options.ignore)
        result.verified = verified_rules(ladder, result.diagnostics, options.select, options.ignore)
    result.diagnostics.sort(key=lambda x: x.sort_key)
    return result


@contextlib.contextmanager
def gc_paused(keep: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while a ladder compiles (or an export target writes).

    Loading allocates millions of small, long-lived objects (values, positions) and no cycles
    worth collecting; every young-generation pass walks them again, which made loading grow
    faster than the input. Reference counting still frees everything as usual, and the collector
    resumes (and catches up) when the block ends.

    `keep`: what the block made stays (a compiled ladder lives until the command ends and holds no
    cycles), so it is frozen out of the collector (`gc.freeze()`) before the collector resumes.
    Otherwise the first allocation after the block set off that catch-up, one pass over every
    object the block made: 0.15 to 0.45 s of a 3.5 s check of 1,000 families, for nothing.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()
        if was_enabled:
            gc.enable()


def _stop(result: Compilation) -> bool:
    result.diagnostics.sort(key=lambda x: x.sort_key)
    return any(x.severity == ERROR for x in result.diagnostics)


@dataclass(frozen=True)
class Batch:
    """Every ladder a command named, compiled: what `check`, `build`, `export` and `graph` report on."""

    compilations: list[Compilation]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [x for c in self.compilations for x in c.diagnostics]

    @property
    def files(self) -> int:
        """How many files were read."""
        return sum(len(c.files) for c in self.compilations)

    @property
    def exceptions(self) -> list:
        return [x for c in self.compilations for x in c.exceptions]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.compilations)


def compile_all(paths: list[Path], options: Options = Options()) -> Batch:
    """Compile every ladder `paths` name (`find_ladders`)."""
    batch = Batch([compile_ladder(root, options) for root in find_ladders(paths)])
    # The compiled ladders live until the command ends and hold no reference cycles (a collection
    # right here finds nothing). Freezing them keeps the collections that export's and build's
    # allocations trigger from walking the whole model again: 3 s of a 1,000-family export.
    gc.freeze()
    return batch
