"""What an export target is, what the command line tells it, and how one runs.

A target's `write(ladder, directory, settings)` turns a resolved `Ladder` into files in
`directory` and returns its findings. `ladderc.export` keeps the registry of targets and runs them
one by one; `ladderc.export.parallel` runs them in worker processes; both run each through
`run_target`, defined here so that neither imports the other.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ladderc.diagnostics import Diagnostic
from ladderc.model import Ladder


@dataclass(frozen=True)
class Settings:
    """What the command line tells every target."""

    excel: bool = False  # CSVs start with a UTF-8 byte order mark so Excel detects the encoding
    initial_load: datetime.date | None = None  # a first load, dated so instead of the ladder's effective date
    previous: dict[str, dict] = field(default_factory=dict)  # ladder name -> the replaced export's record

    def load_date(self, ladder: Ladder) -> datetime.date:
        """The date the export's records take effect."""
        return self.initial_load or ladder.organisation.effective

    def retired(self, ladder: Ladder):
        """What the replaced export held of `ladder` that it no longer has (`lifecycle.Retired`)."""
        from ladderc.export.lifecycle import retired

        return retired(ladder, None if self.initial_load else self.previous.get(ladder.name))


Writer = Callable[[Ladder, Path, Settings], list[Diagnostic]]


@dataclass(frozen=True)
class Target:
    name: str  # the `--target` name and the sub-directory its files go to
    description: str
    write: Writer
    cost: float = 0.1  # about how many seconds it takes at 1,000 families; with --jobs the costliest start first


def run_target(ladder: Ladder, target: Target, directory: Path, settings: Settings) -> list[Diagnostic]:
    """`target.write`, with the cyclic garbage collector paused while it runs.

    Targets build hundreds of thousands of rows, and the collections those allocations trigger
    walk every row built so far again: about an eighth of the csv and Workday targets' time at a
    thousand families. The rows hold no cycles; XlsxWriter's workbook does, and is collected
    when the collector resumes after the target.
    """
    from ladderc.compiler import gc_paused

    with gc_paused():
        return target.write(ladder, directory, settings)
