"""Readiness that means something: requirement kinds, `policy.readiness` (T004), `support` (T005) and
`trial` (T006), from the schema through the resolver to the findings, on edited minimal ladders."""

from __future__ import annotations

import pytest
from conftest import check_json, edit, findings, run
from test_rules import ENG, LADDER, SUPPORTED, TRIAL, apply

RECOMMENDED = "[[apprenticeship, training], feedback]"
# A real public framework's only requirements into management (issue 21).
HIRING_ONLY = [(LADDER, "  - id: training\n    name: Manager training\n",
                "  - id: training\n    name: Manager training\n"
                "  - {id: advert, name: Advertised role}\n  - {id: interview, name: Application and interview}\n"),
               (ENG, "requires: [training]", "requires: [advert, interview]\n    support: [training]")]


def policy(value: str):
    return (LADDER, "competencies:", f"policy:\n  readiness:\n    into_management: {value}\ncompetencies:")


def test_hiring_steps_alone_fail_the_recommended_policy_naming_the_missing_kinds(capsys, minimal):
    apply(minimal, [policy(RECOMMENDED)] + HIRING_ONLY)
    status, found = check_json(capsys, minimal)
    assert (status, findings(found)) == (1, [("T004", "eng.yaml", 56, 5)])
    assert found[0]["message"] == ("switch e3 -> m3 moves into management ('Engineering Manager') without readiness "
                                   f"evidence of these kinds: apprenticeship or training; feedback (policy.readiness at "
                                   f"{found[0]['file'].replace('families/eng.yaml', 'ladder.yaml')}:23:5)")
    assert found[0]["hint"] == "define in ladder.yaml a requirement of each kind: apprenticeship or training; feedback"


def test_the_hint_names_the_requirements_of_the_missing_kinds_the_ladder_defines(capsys, minimal):
    apply(minimal, [policy(RECOMMENDED), SUPPORTED,
                    (LADDER, "    name: Manager training\n", "    name: Manager training\n    kind: training\n"
                     "  - {id: feedback360, name: 360 feedback, kind: feedback}\n"
                     "  - {id: shadowing, name: Shadow a manager, kind: apprenticeship}\n")])
    [found] = check_json(capsys, minimal)[1]
    assert found["message"].split(" (policy")[0].endswith("without readiness evidence of these kinds: feedback")
    assert found["hint"] == "add to `requires`: feedback360 (feedback)"


def test_the_hint_names_what_exists_and_what_to_define(capsys, minimal):
    apply(minimal, [policy("[apprenticeship, feedback]"), SUPPORTED,
                    (LADDER, "    name: Manager training\n", "    name: Manager training\n"
                     "  - {id: feedback360, name: 360 feedback, kind: feedback}\n")])
    [found] = check_json(capsys, minimal)[1]
    assert found["hint"] == ("add to `requires`: feedback360 (feedback); "
                             "define in ladder.yaml a requirement of each kind: apprenticeship")


def test_a_flat_policy_asks_for_every_kind(capsys, minimal):
    apply(minimal, [policy("[training, feedback]"), SUPPORTED,
                    (LADDER, "    name: Manager training\n", "    name: Manager training\n    kind: apprenticeship\n")])
    [found] = check_json(capsys, minimal)[1]
    assert "without readiness evidence of these kinds: training; feedback (" in found["message"]


def test_one_alternative_is_enough(capsys, minimal):
    apply(minimal, [policy("[[apprenticeship, training]]"), SUPPORTED,
                    (LADDER, "    name: Manager training\n", "    name: Manager training\n    kind: apprenticeship\n")])
    assert check_json(capsys, minimal) == (0, [])


def test_without_a_policy_kinds_are_not_checked(capsys, minimal):
    apply(minimal, HIRING_ONLY)
    assert check_json(capsys, minimal) == (0, [])


def test_a_ladder_without_the_readiness_model_is_not_asked_for_support(capsys, minimal):
    assert check_json(capsys, minimal) == (0, [])  # e3 -> m3 names no support, and nothing else of the model
    apply(minimal, [policy("[other]")])
    assert findings(check_json(capsys, minimal)[1]) == [("T005", "eng.yaml", 56, 5)]


def test_an_unknown_support_is_r001_with_a_suggestion(capsys, minimal):
    apply(minimal, [(ENG, "    requires: [training]\n", "    requires: [training]\n    support: [trainin]\n")])
    status, found = check_json(capsys, minimal)
    assert (status, findings(found)) == (1, [("R001", "eng.yaml", 60, 15)])
    assert found[0]["message"] == "unknown requirement 'trainin' (did you mean 'training'?)"


@pytest.mark.parametrize("edits, where, text", [
    ([(LADDER, "    name: Manager training\n", "    name: Manager training\n    kind: trainin\n")],
     ("ladder.yaml", 30, 11), "'trainin' is not one of ['training'"),
    ([policy("[[training, assessment], feedbak]")], ("ladder.yaml", 23, 47), "does not match the pattern"),
    ([policy("[[training]]")], ("ladder.yaml", 23, 23), "is too short"),
    ([policy("[feedback]"), (LADDER, "    into_management:", "    into_managment: []\n    into_management:")],
     ("ladder.yaml", 23, 5), "unknown key 'into_managment' (did you mean 'into_management'?)"),
    ([SUPPORTED, (ENG, "support: [training]", "support: [training]\n    trial: {months: 0}")], ("eng.yaml", 61, 21), "0"),
    ([SUPPORTED, (ENG, "support: [training]", "support: [training]\n    trial: {months: 25}")], ("eng.yaml", 61, 21), "25"),
    ([SUPPORTED, (ENG, "support: [training]", "support: [training]\n    trial: {months: 1.5}")], ("eng.yaml", 61, 21), "1.5"),
    ([SUPPORTED, (ENG, "support: [training]", "support: [training]\n    trial: {months: 6, weeks: 2}")],
     ("eng.yaml", 61, 24), "unknown key 'weeks'"),
    ([SUPPORTED, (ENG, "support: [training]", "support: [training]\n    trial: {}")], ("eng.yaml", 61, 12),
     "missing required key 'months'"),
])
def test_schema_errors_point_at_the_node(capsys, minimal, edits, where, text):
    apply(minimal, edits)
    status, found = check_json(capsys, minimal)
    assert status == 1
    assert [f[1:] for f in findings(found)] == [where] and found[0]["code"] == "S002"
    assert text in found[0]["message"]


def test_whole_trial_months_from_1_to_24_are_valid(capsys, minimal):
    for months in (1, 24):
        apply(minimal, [SUPPORTED, (ENG, "support: [training]\n", f"support: [training]\n    trial: {{months: {months}}}\n")])
        assert check_json(capsys, minimal) == (0, [])
        edit(minimal / ENG, f"    trial: {{months: {months}}}\n", "")
        edit(minimal / ENG, "    support: [training]\n", "")


def test_a_trial_without_a_way_back_is_caught_at_the_trial(capsys, minimal):
    apply(minimal, [SUPPORTED, TRIAL, (ENG, "  - from: m3\n    to: e3", "  - from: m3\n    to: e4")])
    [found] = check_json(capsys, minimal)[1]
    assert (found["code"], found["line"], found["column"], found["message"]) == (
        "T006", 62, 12, "the 6-month trial of switch e3 -> m3 has no way back: no switch from m3 to e3 or another "
                        "ic level at G3")


def test_a_way_back_that_cuts_pay_names_both_positions(capsys, minimal):
    apply(minimal, [SUPPORTED, TRIAL, (ENG, "us: {min: 132000, mid: 160000, max: 188000}\n  - id: e4",
                                       "us: {min: 132000, mid: 160000, max: 180000}\n  - id: e4")])
    status, found = check_json(capsys, minimal)
    assert status == 1
    assert findings(found) == [("P003", "eng.yaml", 28, 43), ("T006", "eng.yaml", 62, 12), ("P007", "eng.yaml", 63, 5)]
    trial = found[1]
    assert trial["message"] == (f"the 6-month trial of switch e3 -> m3 has a way back that cuts pay: switch m3 -> e3 at "
                                f"{trial['file']}:63:5 lowers pay in us: max 188,000 USD -> 180,000 USD; the same holds "
                                "in derived zone uk")


def test_a_way_back_to_another_level_of_the_same_grade_and_track_counts(capsys, minimal):
    ops = ("family:\n  id: ops\n  name: Operations\nlevels:\n  - id: o3\n    track: ic\n    grade: G3\n"
           "    title: Senior Operator\n    expectations:\n      craft: Runs the platform.\n"
           "    pay:\n      us: {min: 132000, mid: 160000, max: 188000}\ntransitions:\n"
           "  - {from: o3, to: e4, kind: promotion}\n")
    apply(minimal, [SUPPORTED, TRIAL, ("families/ops.yaml", None, ops),
                    (ENG, "  - from: m3\n    to: e3", "  - from: m3\n    to: o3")])
    assert check_json(capsys, minimal) == (0, [])


def test_only_pay_in_zones_where_both_levels_have_bands_is_compared(capsys, minimal):
    # e3's written UK band is lower than m3's derived one; with m3's UK band gone there is nothing to compare.
    apply(minimal, [SUPPORTED, TRIAL, (LADDER, "    derive: {from: us, factor: 0.5, round: 1000}\n", ""),
                    (ENG, "us: {min: 132000, mid: 160000, max: 188000}\n  - id: e4",
                     "us: {min: 132000, mid: 160000, max: 188000}\n      uk: {min: 60000, max: 90000}\n  - id: e4")])
    assert check_json(capsys, minimal, "--select", "T006") == (0, [])
    assert "P002" in [x["code"] for x in check_json(capsys, minimal)[1]]  # the ladder does lack bands there


@pytest.mark.parametrize("code, name", [("T004", "readiness-policy"), ("T005", "post-move-support"),
                                        ("T006", "trial-way-back")])
def test_explain_shows_the_rule(capsys, code, name):
    status, out, _ = run(capsys, "explain", code)
    assert status == 0 and out.startswith(f"{code} {name} (default: ")
    assert "Failing:" in out and "Passing:" in out and "Why:" in out


def test_a_cut_in_one_zone_alone_is_caught_and_named(capsys, minimal):
    # e3's written UK band sits below m3's derived one (66,000–94,000 GBP); US pay is equal.
    apply(minimal, [SUPPORTED, TRIAL, (ENG, "us: {min: 132000, mid: 160000, max: 188000}\n  - id: e4",
                                       "us: {min: 132000, mid: 160000, max: 188000}\n      uk: {min: 60000, max: 90000}\n"
                                       "  - id: e4")])
    status, found = check_json(capsys, minimal, "--select", "T006")
    assert (status, findings(found)) == (1, [("T006", "eng.yaml", 63, 12)])
    assert found[0]["message"].endswith("lowers pay in uk: min 66,000 GBP -> 60,000 GBP, max 94,000 GBP -> 90,000 GBP")
