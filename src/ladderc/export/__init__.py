"""HRIS exports: one small interface, a registry of targets, and the function that runs them.

A target turns a resolved `Ladder` into files in a directory it is given (which is already inside
the temporary directory `ladderc export` swaps in at the end) and returns its findings. A finding
at error severity means the target's files are unusable, and the whole export is abandoned.
Each target lives in its own module and registers itself with `register`; target modules are
imported only when an export runs, so `ladderc check` never loads XlsxWriter. What a target is and
how one runs (`Settings`, `Target`, `run_target`) is in `ladderc.export.target`, below this module
and `ladderc.export.parallel`, which both run targets.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from pathlib import Path

from ladderc.diagnostics import Diagnostic
from ladderc.export.target import Settings, Target, Writer, run_target
from ladderc.model import Ladder

__all__ = ["Settings", "Target", "Writer", "all_targets", "export_ladders", "pay_summary", "priced_zones", "register",
           "run_target", "write_load_order"]

# Import order is the order `--all` runs and the order docs list them.
TARGET_MODULES = ("json_target", "csv_target", "workday", "oracle_hdl", "successfactors", "lattice", "pave",
                  "postings")


_TARGETS: dict[str, Target] = {}


def register(name: str, description: str, cost: float = 0.1) -> Callable[[Writer], Writer]:
    """Register the decorated `write(ladder, directory, settings) -> diagnostics` as a target."""

    def add(write: Writer) -> Writer:
        if name in _TARGETS:
            raise ValueError(f"export target {name} is registered twice")
        _TARGETS[name] = Target(name, description, write, cost)
        return write

    return add


def all_targets() -> list[Target]:
    for module in TARGET_MODULES:
        importlib.import_module(f"ladderc.export.{module}")
    return [_TARGETS[name] for name in sorted(_TARGETS, key=_order)]


def _order(name: str) -> int:
    module = _TARGETS[name].write.__module__.rsplit(".", 1)[-1]
    return TARGET_MODULES.index(module) if module in TARGET_MODULES else len(TARGET_MODULES)


def export_ladders(ladders: list[Ladder], directory: Path, targets: list[Target], settings: Settings,
                   jobs: int = 1) -> list[Diagnostic]:
    """Write each target of each ladder into `directory/<ladder>/<target>/`; the findings of all.

    With `jobs` above 1, targets run side by side in up to that many worker processes (see
    `parallel`) where the platform can fork them, and write exactly what they write one by one.
    """
    from ladderc.export import parallel
    from ladderc.paths import destination

    tasks = [(ladder, target, destination(directory, f"{ladder.name}/{target.name}"))
             for ladder in ladders for target in targets]
    if jobs > 1 and len(tasks) > 1 and parallel.can_fork():
        found = parallel.run_in_processes(tasks, settings, jobs)
    else:
        found = [x for ladder, target, into in tasks for x in run_target(ladder, target, into, settings)]
    return sorted(found, key=lambda x: x.sort_key)


def priced_zones(ladder: Ladder) -> list[str]:
    """The zones an export prices (grade rates, eligibility rules): none when policy.pay is none."""
    return list(ladder.zones) if ladder.publishes_pay else []


def pay_summary(ladder: Ladder, shown: int = 10) -> str | None:
    """One line on the pay an export of `ladder` leaves out, or None when it carries every band."""
    if not ladder.publishes_pay:
        return f"{ladder.name}: policy.pay is none: the exports carry no pay"
    missing: dict[str, list[str]] = {}
    for level, zone in ladder.unpublished():
        missing.setdefault(level.id, []).append(zone)
    if not missing:
        return None
    count = sum(len(zones) for zones in missing.values())
    listed = [f"{level} ({', '.join(zones)})" for level, zones in list(missing.items())[:shown]]
    more = f" and {len(missing) - shown} more level(s)" if len(missing) > shown else ""
    return (f"{ladder.name}: {count} band(s) not published (policy.pay: {ladder.policy.pay}) are left out of "
            f"every export: {', '.join(listed)}{more}")


def write_load_order(directory: Path, title: str, steps: list[str], notes: Sequence[str] = ()) -> None:
    """`README.md` in a target's folder: what to load, in which order, and what must exist first."""
    from ladderc.output import write_text

    lines = [f"# {title}", "", "Load in this order:", ""]
    lines += [f"{n}. {step}" for n, step in enumerate(steps, start=1)]
    if notes:
        lines += [""] + [f"- {note}" for note in notes]
    write_text(directory / "README.md", "\n".join(lines) + "\n")
