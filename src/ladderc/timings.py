"""Stage timings for benchmarks: `LADDERC_TIMINGS=1` prints each pipeline stage's time to stderr.

The benchmark script reads these lines to tell ladderc's own work from the time spent in tools it
calls (mkdocs during `build`). Off by default, and then a stage costs one environment lookup.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator

PREFIX = "ladderc-timing"


def enabled() -> bool:
    return os.environ.get("LADDERC_TIMINGS", "") not in ("", "0")


@contextlib.contextmanager
def stage(name: str) -> Iterator[None]:
    """Time the block; with LADDERC_TIMINGS set, print `ladderc-timing NAME SECONDS` to stderr."""
    if not enabled():
        yield
        return
    start = time.perf_counter()
    try:
        yield
    finally:
        sys.stderr.write(f"{PREFIX} {name} {time.perf_counter() - start:.4f}\n")


def parse(text: str) -> dict[str, float]:
    """Sum the timing lines in a stderr text by stage name (a stage may run once per ladder)."""
    totals: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == PREFIX:
            totals[parts[1]] = totals.get(parts[1], 0.0) + float(parts[2])
    return totals
