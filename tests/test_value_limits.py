"""What check accepts, build and export can carry: dates, amounts, ids and text at their limits.

Every value here goes through the real `check`, `build` and `export --all`: one just past a
limit is an S002 at its position and nothing is written; one just inside it is carried by every
output.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import check_json, edit, findings, run
from jsonschema import Draft202012Validator

from ladderc import schema
from ladderc.loader import load_file
from ladderc.model import MAX_AMOUNT

LADDER, ENG = "ladder.yaml", "families/eng.yaml"
# Rules that a single extreme band trips; turned off where the point is that the outputs carry it.
QUIET = "policy:\n  rules: {P001: off, P003: off, P004: off, P005: off, P006: off, P007: off}\ncompetencies:"


def every_command(capsys, root: Path, tmp_path: Path) -> tuple[int, int, int]:
    """Exit codes of check, build and export --all on `root`; none may be an internal error."""
    codes = []
    for argv in (("check", str(root)), ("build", str(root), "-o", str(tmp_path / "site")),
                 ("export", str(root), "--all", "-o", str(tmp_path / "exports"))):
        code, out, err = run(capsys, *argv)
        assert "internal error" not in out + err, (argv, err)
        codes.append(code)
    return tuple(codes)


@pytest.mark.parametrize("file, old, new, at", [
    (LADDER, "effective: 2026-01-01", "effective: 1969-12-31", (4, 14)),
    (LADDER, "effective: 2026-01-01", "effective: 2100-01-01", (4, 14)),
    (LADDER, "effective: 2026-01-01", "effective: 0001-01-01", (4, 14)),
    (LADDER, "effective: 2026-01-01", "effective: 9999-12-31", (4, 14)),
    (ENG, "max: 140000}", "max: 1000000000001}", (12, 43)),
    (ENG, "max: 140000}", "max: 1e300}", (12, 43)),
    (ENG, "{min: 100000,", "{min: -1e300,", (12, 17)),
    (LADDER, "round: 1000", "round: 1e-30", (20, 44)),
    (LADDER, "round: 1000", "round: 1e300", (20, 44)),
    (LADDER, "factor: 0.5", "factor: 1e300", (20, 32)),
], ids=["before-1970", "after-2099", "year-1", "year-9999", "amount-over-a-trillion", "amount-1e300",
        "amount-minus-1e300", "round-1e-30", "round-1e300", "factor-1e300"])
def test_a_value_past_a_limit_is_s002_and_nothing_is_written(capsys, minimal, tmp_path, file, old, new, at):
    edit(minimal / file, old, new)
    code, found = check_json(capsys, minimal)
    assert (code, findings(found)) == (1, [("S002", Path(file).name, *at)])
    assert every_command(capsys, minimal, tmp_path) == (1, 1, 1)
    assert not (tmp_path / "site").exists() and not (tmp_path / "exports").exists()


@pytest.mark.parametrize("edits", [
    [(LADDER, "effective: 2026-01-01", "effective: 1970-01-01")],
    [(LADDER, "effective: 2026-01-01", "effective: 2099-12-31")],
    [(ENG, "max: 140000}", f"max: {MAX_AMOUNT}}}"), (LADDER, "competencies:", QUIET)],
    [(LADDER, "factor: 0.5, round: 1000", "factor: 1000000, round: 1000000000000"), (LADDER, "competencies:", QUIET)],
    [(LADDER, "currency: GBP\n    derive: {from: us, factor: 0.5, round: 1000}",
      "currency: CLF\n    derive: {from: us, factor: 0.5, round: 0.0001}")],
    # A chain of derived zones can grow past MAX_AMOUNT: P001 says so, and with P001 off the
    # outputs still carry it.
    [(LADDER, "factor: 0.5, round: 1000}", "factor: 1000000, round: 1}\n  - id: mars\n    name: Mars\n"
      "    currency: EUR\n    derive: {from: uk, factor: 1000000, round: 1}\n  - id: pluto\n    name: Pluto\n"
      "    currency: EUR\n    derive: {from: mars, factor: 1000000, round: 0.01}"), (LADDER, "competencies:", QUIET)],
], ids=["1970", "2099", "a-trillion", "largest-factor-and-step", "smallest-step", "derived-past-a-trillion"])
def test_a_value_at_a_limit_is_carried_by_every_output(capsys, minimal, tmp_path, edits):
    for file, old, new in edits:
        edit(minimal / file, old, new)
    assert every_command(capsys, minimal, tmp_path) == (0, 0, 0)
    exported = json.loads((tmp_path / "exports/minimal/json/ladder.json").read_text(encoding="utf-8"))
    assert exported["organisation"]["effective"][:4] in ("1970", "2099", "2026")


def test_a_chain_of_derived_zones_past_a_trillion_is_p001_on_the_first_zone_past_it(capsys, minimal):
    edit(minimal / LADDER, "factor: 0.5, round: 1000}", "factor: 1000000, round: 1}\n  - id: mars\n    name: Mars\n"
         "    currency: EUR\n    derive: {from: uk, factor: 1000000, round: 1}")
    code, found = check_json(capsys, minimal)
    assert code == 1
    assert {(x["code"], x["message"].split(" has ")[0]) for x in found} == {
        ("P001", f"band of '{level}' in mars (derived from uk × 1000000)") for level in ("e1", "e2", "e3", "e4", "m3", "m4")}
    assert all("above 1,000,000,000,000, the largest ladderc carries" in x["message"] for x in found)


# Every place the two schemas hold an id, a grade label or an id used as a key.
ID_PATHS = {
    "ladder": [("grades", 0), ("tracks", 0, "id"), ("zones", 0, "id"), ("zones", 1, "derive", "from"),
               ("competencies", 0, "id"), ("competencies", 1, "tracks", 0), ("requirements", 0, "id")],
    "family": [("family", "id"), ("levels", 0, "id"), ("levels", 0, "track"), ("levels", 0, "grade"),
               ("levels", 0, "expectations", "craft", "key"), ("levels", 0, "pay", "us", "key"),
               ("transitions", 0, "from"), ("transitions", 0, "to"), ("transitions", 0, "requires", 0)],
}
MINIMAL = Path(__file__).parent / "fixtures" / "minimal"


def with_trailing_newline(data, path: tuple):
    """`data` with the id at `path` (or, for a path ending in "key", the key) given a trailing newline."""
    data = json.loads(json.dumps(data))
    *parent, last = path[:-1] if path[-1] == "key" else path
    node = data
    for step in parent:
        node = node[step]
    if path[-1] == "key":
        node[f"{last}\n"] = node.pop(last)
    else:
        assert isinstance(node[last], str)
        node[last] += "\n"
    return data


@pytest.mark.parametrize("kind, path", [(kind, path) for kind, paths in ID_PATHS.items() for path in paths],
                         ids=lambda x: "/".join(map(str, x)) if isinstance(x, tuple) else x)
def test_an_id_with_a_trailing_newline_fails_both_validators(kind, path):
    file = MINIMAL / ("ladder.yaml" if kind == "ladder" else "families/eng.yaml")
    data = load_file(file)[0].data
    full = Draft202012Validator(schema.load_schema(kind), format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert full.is_valid(data) and schema.is_valid(kind, data)
    broken = with_trailing_newline(data, path)
    assert not full.is_valid(broken)
    assert not schema.is_valid(kind, broken)


def test_a_quoted_level_id_with_a_trailing_newline_is_s002_at_the_id(capsys, minimal):
    edit(minimal / ENG, "  - id: e1\n", '  - id: "e1\\n"\n')
    code, found = check_json(capsys, minimal)
    assert code == 1
    assert ("S002", "eng.yaml", 5, 9) in findings(found)


def test_every_pattern_in_the_schemas_matches_to_the_very_end():
    # `$` also matches before a final newline (in Python and in ECMA-262 multiline mode); a
    # pattern added later must end the same way as the ones fixed here.
    root = Path(__file__).resolve().parents[1] / "schemas"

    def patterns(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "pattern":
                    yield value
                else:
                    yield from patterns(value)
        elif isinstance(node, list):
            for item in node:
                yield from patterns(item)

    found = [p for file in sorted(root.glob("*.json")) for p in patterns(json.loads(file.read_text(encoding="utf-8")))]
    assert found and all(p.startswith("^") and p.endswith(r"(?![\s\S])") for p in found), found


def test_a_date_out_of_range_says_so_and_the_hint_gives_the_years(capsys, minimal):
    edit(minimal / LADDER, "effective: 2026-01-01", "effective: 1969-12-31")
    (found,) = check_json(capsys, minimal)[1]
    assert found["message"] == "organisation.effective: \"1969-12-31\" is a date outside the years ladderc's outputs can carry"
    assert "in the years 1970 to 2099" in found["hint"]


@pytest.mark.parametrize("policy, at", [
    ("range_spread: {min: 0.3, max: 101}", (22, 33)), ("midpoint_progression: {min: 0.05, max: 11}", (22, 42)),
])
def test_a_policy_fraction_past_its_limit_is_s002(capsys, minimal, policy, at):
    edit(minimal / LADDER, "competencies:", f"policy:\n  {policy}\ncompetencies:")
    code, found = check_json(capsys, minimal)
    assert (code, findings(found)) == (1, [("S002", "ladder.yaml", *at)])


def test_the_steepest_policy_over_many_grades_is_a_finding_not_an_overflow(capsys, minimal):
    # Found by probing: (1 + 1e300) ** 2 overflowed in P006's hint; the policy is bounded now,
    # and the hint's amounts stop at MAX_AMOUNT however many grades a step spans.
    grades = ", ".join(["G1", "G2"] + [f"X{i}" for i in range(400)] + ["G3", "G4"])
    edit(minimal / LADDER, "grades: [G1, G2, G3, G4]", f"grades: [{grades}]")
    edit(minimal / LADDER, "competencies:", "policy:\n  midpoint_progression: {min: 10, max: 10}\ncompetencies:")
    code, found = check_json(capsys, minimal)
    assert code == 0  # P006 is a warning
    hints = [x["hint"] for x in found if x["code"] == "P006" and "over 401 grades" in x["message"]]
    assert hints and all("1,000,000,000,000" in hint for hint in hints)
