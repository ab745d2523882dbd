"""The synthetic ladder generator under benchmarks/: valid under every rule, and deterministic."""

from __future__ import annotations

import importlib.util

from conftest import ROOT, check_json

spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
generate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(generate)


def test_five_families_pass_every_rule(capsys, tmp_path):
    assert generate.main([str(tmp_path / "bench"), "--families", "5", "--zones", "3"]) == 0
    assert sorted(p.name for p in (tmp_path / "bench" / "families").iterdir()) == [
        "f0001.yaml", "f0002.yaml", "f0003.yaml", "f0004.yaml", "f0005.yaml"]
    assert check_json(capsys, tmp_path / "bench") == (0, [])


def test_derived_written_and_chained_zones_pass_and_output_is_stable(capsys, tmp_path):
    for name in ("a", "b"):
        generate.main([str(tmp_path / name), "--families", "2", "--zones", "8"])
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yaml"))
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
    assert "    from: us-tier2\n" in (tmp_path / "a" / "ladder.yaml").read_text()  # a zone derived from a derived one
    assert check_json(capsys, tmp_path / "a") == (0, [])


def test_variable_pay_passes_every_rule_and_compares_totals(capsys, tmp_path):
    assert generate.main([str(tmp_path / "v"), "--families", "2", "--zones", "8", "--variable"]) == 0
    text = (tmp_path / "v" / "families" / "f0001.yaml").read_text()
    assert "variable:\n    kind: bonus\n" in text and "equity:" not in text
    assert check_json(capsys, tmp_path / "v") == (0, [])
    assert generate.main([str(tmp_path / "e"), "--families", "2", "--zones", "8", "--variable", "equity"]) == 0
    assert "equity:" in (tmp_path / "e" / "families" / "f0001.yaml").read_text()
    assert check_json(capsys, tmp_path / "e") == (0, [])
