"""A smoke run of the benchmark script on a small ladder, so it cannot rot. No timing is asserted."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT


def _run_py(monkeypatch):
    """benchmarks/run.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_run", bench)  # dataclasses look their module up there
    spec.loader.exec_module(bench)
    return bench


@pytest.mark.slow  # runs every command as a subprocess, check-jsonschema and mkdocs included
@pytest.mark.skipif(shutil.which("check-jsonschema") is None, reason="needs the bench extra: pip install .[bench]")
def test_benchmark_runs_every_command_and_prints_the_targets(capsys, tmp_path, monkeypatch):
    bench = _run_py(monkeypatch)

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


def test_build_targets_compare_cpu_a_page_with_the_baseline_and_300_with_100(tmp_path, monkeypatch):
    bench = _run_py(monkeypatch)
    # Three pairs taken in turn: the growth is the median of 45/15, 90/20 and 40/16, not 90/16 or 45/20.
    fast = {(100, "build"): bench.Timing([20.0] * 3, [15.0, 20.0, 16.0]), (100, "pages"): 3200,
            (300, "build"): bench.Timing([60.0] * 3, [45.0, 90.0, 40.0]), (300, "pages"): 9600}
    rows = {name: (value, goal) for name, value, goal, _ in bench._build_targets(fast, [100, 300])}
    per_page, growth = rows[next(n for n in rows if n.startswith("build(100), CPU a page"))], rows[
        next(n for n in rows if n.startswith("build(300) / build(100), CPU"))]
    assert per_page == (5.0, round(bench.BUILD_BASELINE_MS_A_PAGE / 2, 2)) and growth == (3.0, 3.3)
    slow = {**fast, (300, "build"): bench.Timing([60.0] * 3, [60.0, 90.0, 40.0])}
    assert [value <= goal for _, value, goal, _ in bench._build_targets(slow, [100, 300])] == [True, False]


def test_paired_ratio_is_the_median_of_ratios_of_runs_taken_in_turn(monkeypatch):
    bench = _run_py(monkeypatch)
    # A busy middle round slows both runs of its pair. The ratio of the medians (3.3 / 3.0 = 1.1) sets a
    # run of one round against a run of another; each pair's ratio (1.1, 1.05, 1.02) is of one round.
    variable = bench.Timing([0.0] * 3, [3.3, 4.2, 3.06])
    without = bench.Timing([0.0] * 3, [3.0, 4.0, 3.0])
    assert variable.cpu / without.cpu == pytest.approx(1.1)
    assert bench.paired(variable, without) == pytest.approx(1.05)
    assert bench.spread(variable, without) == "1.020, 1.050, 1.100"


def test_alternate_reverses_the_order_every_other_round(monkeypatch, tmp_path):
    bench = _run_py(monkeypatch)
    ran = []

    def run(command, repeat, cwd, fresh=None, src=None):
        ran.append((command[0], fresh))
        return bench.Timing([1.0], [float(len(ran))])

    monkeypatch.setattr(bench, "run", run)
    a, b = bench.alternate([["a"], ["b"]], 3, tmp_path, [tmp_path / "A", tmp_path / "B"])
    assert [name for name, _ in ran] == ["a", "b", "b", "a", "a", "b"]
    assert dict(ran) == {"a": tmp_path / "A", "b": tmp_path / "B"}
    assert (a.cpus, b.cpus) == ([1.0, 4.0, 5.0], [2.0, 3.0, 6.0])  # each command's runs, round by round


def test_the_cost_a_page_is_held_to_the_baseline_built_in_the_same_run(tmp_path, monkeypatch):
    bench = _run_py(monkeypatch)
    # The baseline's pairs: 15/40, 20/40 (a slow round slowed both), 16/36; its site had 3,000 pages, this one 3,200.
    results = {(100, "build"): bench.Timing([20.0] * 3, [15.0, 20.0, 16.0]), (100, "pages"): 3200,
               (100, "build at abc1234"): bench.Timing([40.0] * 3, [40.0, 40.0, 36.0]), (100, "pages at abc1234"): 3000}
    [(name, value, goal, unit)] = bench._build_targets(results, [100])
    assert name.startswith("build(100), CPU a page, against abc1234's in the same run")
    assert (value, goal, unit) == (pytest.approx(16 / 36 * 3000 / 3200), 0.5, "×")
    slower = {**results, (100, "build"): bench.Timing([20.0] * 3, [22.0, 26.0, 20.0])}
    assert bench._build_targets(slower, [100])[0][1] > 0.5


def test_the_baseline_is_the_commit_as_git_has_it(tmp_path, monkeypatch):
    bench = _run_py(monkeypatch)
    if subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", "HEAD"], capture_output=True).returncode:
        pytest.skip("not a git checkout")
    tree = bench.baseline_tree("HEAD", tmp_path)
    assert tree is not None and (tree / "src" / "ladderc" / "cli.py").read_bytes() == subprocess.run(
        ["git", "-C", str(ROOT), "show", "HEAD:src/ladderc/cli.py"], capture_output=True, check=True).stdout
    assert bench.baseline_tree("0" * 40, tmp_path / "none") is None
