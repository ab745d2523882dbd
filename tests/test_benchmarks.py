"""A smoke run of the benchmark script on a small ladder, so it cannot rot. No timing is asserted."""

from __future__ import annotations

import importlib.util
import shutil
import sys

import pytest
from conftest import ROOT


@pytest.mark.slow  # runs every command as a subprocess, check-jsonschema and mkdocs included
@pytest.mark.skipif(shutil.which("check-jsonschema") is None, reason="needs the bench extra: pip install .[bench]")
def test_benchmark_runs_every_command_and_prints_the_targets(capsys, tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_run", bench)  # dataclasses look their module up there
    spec.loader.exec_module(bench)

    assert bench.main(["--families", "10", "--build-families", "10", "--repeat", "1", "--work", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    for command in ("libyaml load", "| check |", "diff (one band changed)", "export --all", "check-jsonschema", "| build |",
                    "CPU (s, median)"):
        assert command in out
    assert "check(10) / libyaml load(10)" in out and "pages" in out
    assert "check(10 with variable pay) / check(10 without), CPU" in out and "| check, variable pay |" in out
    assert "| check, alternating with variable pay |" in out  # the ratio's denominator, run in turn with it
    assert (tmp_path / "ladder-10" / "ladder.yaml").is_file()


def test_parser_probes_hold_for_ladderc_own_loader(capsys):
    """benchmarks/parsers.py judges other parsers by these probes: ladderc's loader must keep every one."""
    spec = importlib.util.spec_from_file_location("bench_parsers", ROOT / "benchmarks" / "parsers.py")
    probes = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(probes)

    for guarantee, document, kept in probes.PROBES:
        assert probes.keeps(probes._ladderc, document, kept) == "yes", guarantee
    assert probes.differ(probes._ladderc, 300) == (0, [])  # ladderc read against itself: no divergence
    assert probes.main(["--differ", "50"]) == 0
    assert "| YAML 1.2 core typing | yes" in capsys.readouterr().out
