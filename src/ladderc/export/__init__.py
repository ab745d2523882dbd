"""HRIS exports: one small interface, a registry of targets, and the function that runs them.

A target turns a resolved `Ladder` into files in a directory it is given (which is already inside
the temporary directory `ladderc export` swaps in at the end) and returns its findings. A finding
at error severity means the target's files are unusable, and the whole export is abandoned.
Each target lives in its own module and registers itself with `register`; target modules are
imported only when an export runs, so `ladderc check` never loads openpyxl.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ladderc.diagnostics import Diagnostic
from ladderc.model import Ladder

# Import order is the order `--all` runs and the order docs list them.
TARGET_MODULES = ("json_target", "csv_target", "workday", "oracle_hdl", "successfactors", "lattice")


@dataclass(frozen=True)
class Settings:
    """What the command line tells every target."""

    excel: bool = False  # CSVs start with a UTF-8 byte order mark so Excel detects the encoding


Writer = Callable[[Ladder, Path, Settings], list[Diagnostic]]


@dataclass(frozen=True)
class Target:
    name: str  # the `--target` name and the sub-directory its files go to
    description: str
    write: Writer


_TARGETS: dict[str, Target] = {}


def register(name: str, description: str) -> Callable[[Writer], Writer]:
    """Register the decorated `write(ladder, directory, settings) -> diagnostics` as a target."""

    def add(write: Writer) -> Writer:
        if name in _TARGETS:
            raise ValueError(f"export target {name} is registered twice")
        _TARGETS[name] = Target(name, description, write)
        return write

    return add


def all_targets() -> list[Target]:
    for module in TARGET_MODULES:
        importlib.import_module(f"ladderc.export.{module}")
    return [_TARGETS[name] for name in sorted(_TARGETS, key=_order)]


def _order(name: str) -> int:
    module = _TARGETS[name].write.__module__.rsplit(".", 1)[-1]
    return TARGET_MODULES.index(module) if module in TARGET_MODULES else len(TARGET_MODULES)


def export_ladder(ladder: Ladder, directory: Path, targets: list[Target], settings: Settings) -> list[Diagnostic]:
    """Write each target into `directory/<target>/`; the findings of all of them."""
    found: list[Diagnostic] = []
    for target in targets:
        found += target.write(ladder, directory / target.name, settings)
    return sorted(found, key=lambda x: x.sort_key)
