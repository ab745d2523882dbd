"""The cyclic collector and a compile: no pass over the compiled ladder after it, in any command.

Compiling allocates the whole model with the collector paused (`compiler.gc_paused`). Resumed with
those allocations still counted, its first pass would walk every object of the model once more
(0.15 to 0.45 s of a 1,000-family check); the model is frozen out of it instead.
"""

from __future__ import annotations

import gc

from conftest import EXAMPLE

from ladderc.compiler import compile_ladder, gc_paused


def test_a_compiled_ladder_leaves_no_collection_due_and_the_collector_on():
    gc.collect()
    frozen, passes = gc.get_freeze_count(), []

    def seen(phase, info):
        passes.append(info["generation"])

    gc.callbacks.append(seen)
    try:
        result = compile_ladder(EXAMPLE)
        after = [[] for _ in range(100)]  # fewer than a young pass's threshold (700): none is due
        assert result.ladder is not None and gc.isenabled() and after
        assert passes == []  # no catch-up pass over what the compile made
        young = {id(x) for generation in range(3) for x in gc.get_objects(generation)}
        made = [result, result.diagnostics, result.ladder.levels, next(iter(result.ladder.levels.values()))]
        assert gc.get_freeze_count() > frozen and not any(id(x) in young for x in made)  # out of every pass
    finally:
        gc.callbacks.remove(seen)
        gc.unfreeze()


def test_a_block_not_kept_is_collected_as_usual():
    frozen = gc.get_freeze_count()
    with gc_paused():
        assert not gc.isenabled()
        made = [[] for _ in range(5_000)]
    assert gc.isenabled() and gc.get_freeze_count() == frozen and made
