"""The G, P and T rules: each fails alone at its position on an edited minimal ladder, and a
minimal change of that edit passes; plus policy, --select/--ignore and the example ladders."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import E4, OPS, ROOT, check_json, edit, findings, run

ENG = "families/eng.yaml"
LADDER = "ladder.yaml"

EXPERT_TRACK = ("ladder.yaml", "    kind: management\n",
                "    kind: management\n  - id: expert\n    name: Expert\n    kind: individual\n")
EXPERT_LEVEL = (ENG, "transitions:\n", """\
  - id: x4
    track: expert
    grade: G4
    title: Principal Engineer
    entry: false
    expectations:
      craft: Sets architecture for the company.
    pay:
      us: {min: 152000, mid: 184000, max: 216000}
transitions:
  - from: m4
    to: x4
    kind: switch
    criteria: Any time, at no loss of pay.
""")
# IC stops at G3 while management reaches G4; bands chosen so that nothing else fails.
NO_E4 = [(ENG, E4, ""), (ENG, "  - from: m4\n    to: e4", "  - from: m4\n    to: e3"),
         (ENG, "us: {min: 132000, mid: 160000, max: 188000}\n  - id: m4",
          "us: {min: 132000, mid: 150000, max: 188000}\n  - id: m4"),
         (ENG, "us: {min: 152000, mid: 184000, max: 216000}\ntransitions",
          "us: {min: 132000, mid: 165000, max: 188000}\ntransitions")]
BACK_TO_E4 = (ENG, "  - from: m3\n    to: e3", "  - from: m3\n    to: e4")

READINESS_POLICY = (LADDER, "competencies:",
                    "policy:\n  readiness:\n    into_management: [[apprenticeship, training], feedback]\ncompetencies:")
SUPPORTED = (ENG, "    requires: [training]\n", "    requires: [training]\n    support: [training]\n")
# A 10% bonus on e3 and m3: the same on-target total on both sides of the switch.
BONUS = [(ENG, "us: {min: 132000, mid: 160000, max: 188000}\n  - id: e4",
          "us: {min: 132000, mid: 160000, max: 188000}\n    variable: {kind: bonus, target: 0.1}\n  - id: e4"),
         (ENG, "us: {min: 132000, mid: 160000, max: 188000}\n  - id: m4",
          "us: {min: 132000, mid: 160000, max: 188000}\n    variable: {kind: bonus, target: 0.1}\n  - id: m4")]
TRIAL = (ENG, "    criteria: Led a team for two quarters.\n",
         "    criteria: Led a team for two quarters.\n    trial: {months: 6}\n")

# rule code: (edits that make it fail, expected (code, file, line, column), edits on top that make it pass)
CASES = {
    "G001": ([(ENG, "title: Engineer I\n", "title: Engineer I\n    entry: false\n"),
              (ENG, "title: Engineer II\n", "title: Engineer II\n    entry: true\n")],
             [("G001", "eng.yaml", 5, 5)],
             [(ENG, "entry: false", "entry: true")]),
    "G002": ([(ENG, "transitions:\n", "transitions:\n  - {from: e4, to: m4, kind: promotion, requires: [training]}\n")],
             [("G002", "eng.yaml", 56, 5)], [(ENG, "kind: promotion,", "kind: switch, criteria: An open role.,")]),
    "G003": ([("families/ops.yaml", None, OPS)], [("G003", "ops.yaml", 5, 5)],
             [("families/ops.yaml", "max: 140000}\n", "max: 140000}\ntransitions:\n"
               "  - {from: o1, to: e2, kind: switch, criteria: Ran the on-call rota for a year.}\n")]),
    "G004": (NO_E4, [("G004", "eng.yaml", 21, 5)],
             [(ENG, "  - id: m3", E4.replace("mid: 184000, max: 216000", "mid: 170000, max: 188000")
               .replace("min: 152000", "min: 132000") + "  - id: m3")]),
    "G005": ([EXPERT_TRACK, EXPERT_LEVEL], [("G005", "eng.yaml", 55, 5)],
             [(ENG, "transitions:\n",
               "transitions:\n  - {from: e4, to: x4, kind: switch, criteria: Leads company architecture.}\n")]),
    "G006": ([(ENG, "  - from: m4\n    to: e4\n    kind: switch\n    criteria: Any time, at no loss of pay.\n", "")],
             [("G006", "eng.yaml", 46, 5)],
             [(ENG, "transitions:\n", "transitions:\n  - {from: m4, to: e4, kind: switch, criteria: Any time.}\n")]),
    "P001": ([(ENG, "{min: 100000, mid: 120000", "{min: 130000, mid: 120000")], [("P001", "eng.yaml", 12, 17)],
             [(ENG, "{min: 130000, mid: 120000", "{min: 100000, mid: 120000")]),
    "P002": ([(ENG, "    pay:\n      us: {min: 114000, mid: 138000, max: 162000}\n", "")], [("P002", "eng.yaml", 13, 5)],
             [(ENG, "title: Engineer II\n", "title: Engineer II\n    pay:\n      us: {min: 114000, max: 162000}\n")]),
    "P003": ([(ENG, "{min: 132000, mid: 160000, max: 188000}", "{min: 132000, mid: 160000, max: 180000}"), BACK_TO_E4],
             [("P003", "eng.yaml", 28, 43)], [(LADDER, "competencies:", "policy:\n  parity_tolerance: 0.05\ncompetencies:")]),
    "P004": ([(ENG, "{min: 152000, mid: 184000, max: 216000}", "{min: 152000, mid: 160000, max: 216000}")],
             [("P004", "eng.yaml", 36, 30)], [(ENG, "mid: 160000, max: 216000", "mid: 170000, max: 216000")]),
    "P005": ([(ENG, "{min: 100000, mid: 120000, max: 140000}", "{min: 100000, mid: 120000, max: 125000}")],
             [("P005", "eng.yaml", 12, 11)], [(ENG, "max: 125000", "max: 130000")]),
    "P006": ([(ENG, "{min: 152000, mid: 184000, max: 216000}", "{min: 152000, mid: 210000, max: 216000}")],
             [("P006", "eng.yaml", 36, 30)], [(ENG, "mid: 210000", "mid: 205000")]),
    "P007": ([(ENG, "{min: 132000, mid: 160000, max: 188000}", "{min: 130000, mid: 160000, max: 188000}")],
             [("P007", "eng.yaml", 61, 5)], [BACK_TO_E4]),
    "P008": ([(ENG, "{min: 100000, mid: 120000", "{min: 100000.125, mid: 120000")], [("P008", "eng.yaml", 12, 17)],
             [(ENG, "min: 100000.125", "min: 100000.12")]),
    "P009": (BONUS + [(LADDER, "competencies:", "policy:\n  variable_range: {mgmt: {max: 0.05}}\ncompetencies:")],
             [("P009", "eng.yaml", 47, 15)], [(LADDER, "max: 0.05", "max: 0.1")]),
    # e4's mid below e3's on-target mid (176,000): base still rises, the total falls.
    "P010": (BONUS + [(ENG, "{min: 152000, mid: 184000, max: 216000}\n  - id: m3",
                       "{min: 152000, mid: 170000, max: 216000}\n  - id: m3")],
             [("P010", "eng.yaml", 37, 30)], [(ENG, "mid: 170000, max: 216000", "mid: 184000, max: 216000")]),
    "T001": ([(ENG, "    requires: [training]\n", "")], [("T001", "eng.yaml", 56, 5)],
             [(ENG, "    to: m3\n", "    to: m3\n    requires: [training]\n")]),
    "T002": ([(ENG, "      people: Grows a team.\n", "")], [("T002", "eng.yaml", 37, 5)],
             [(ENG, "      craft: Guides systems.\n", "      craft: Guides systems.\n      people: Coaches.\n")]),
    "T003": ([(ENG, "    criteria: Any time, at no loss of pay.\n  - from: m4", "  - from: m4")], [("T003", "eng.yaml", 61, 5)],
             [(ENG, "    to: e3\n    kind: switch\n", "    to: e3\n    kind: switch\n    criteria: On request.\n")]),
    "T004": ([READINESS_POLICY, SUPPORTED], [("T004", "eng.yaml", 56, 5)],
             [(LADDER, "    name: Manager training\n", "    name: Manager training\n    kind: training\n"
               "  - {id: feedback360, name: 360 feedback, kind: feedback}\n"),
              (ENG, "requires: [training]", "requires: [training, feedback360]")]),
    "T005": ([TRIAL], [("T005", "eng.yaml", 56, 5)], [SUPPORTED]),
    "T006": ([SUPPORTED, TRIAL, BACK_TO_E4], [("T006", "eng.yaml", 62, 12)],
             [(ENG, "  - from: m3\n    to: e4", "  - from: m3\n    to: e3")]),
}


def apply(root: Path, edits) -> None:
    for file, old, new in edits:
        if old is None:
            (root / file).write_text(new, encoding="utf-8")
        else:
            edit(root / file, old, new)


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_rule_fails_alone_then_passes(capsys, minimal, code):
    failing, expected, fix = CASES[code]
    apply(minimal, failing)
    status, found = check_json(capsys, minimal)
    assert findings(found) == expected
    assert status == (0 if found[0]["severity"] == "warning" else 1)
    apply(minimal, fix)
    assert check_json(capsys, minimal) == (0, [])


def test_every_rule_has_a_case():
    from ladderc.catalogue import all_rules

    assert sorted(r.code for r in all_rules() if r.code[0] in "GPT") == sorted(CASES)


def message(capsys, minimal, code) -> tuple[str, str]:
    apply(minimal, CASES[code][0])
    [found] = check_json(capsys, minimal)[1]
    return found["message"], found["hint"]


def test_parity_message_carries_the_amounts(capsys, minimal):
    assert message(capsys, minimal, "P003") == (
        "IC level 'e3' (G3) tops out at 180,000 USD in us, 4.3% below manager 'm3' (188,000 USD); "
        "the same holds in derived zone uk",
        "raise e3's max in us to at least 188,000 or set policy.parity_tolerance")


def test_a_finding_only_in_a_derived_zone_says_it_is_derived(capsys, minimal):
    # m3's UK band is written above the derivation; e3's derived UK max (94,000) falls below it.
    apply(minimal, [(ENG, "people: Grows a team.\n    pay:\n", "people: Grows a team.\n    pay:\n"
                     "      uk: {min: 66000, mid: 80000, max: 100000}\n"), BACK_TO_E4])
    status, found = check_json(capsys, minimal)
    assert [(x["code"], x["line"], x["column"], x["message"]) for x in found] == [
        ("P003", 28, 7, "IC level 'e3' (G3) tops out at 94,000 GBP in uk (derived from us × 0.5), "
                        "6.0% below manager 'm3' (100,000 GBP)")]
    assert found[0]["hint"] == ("write a band for e3 in uk with max at least 100,000, raise its source band "
                                "or set policy.parity_tolerance")


@pytest.mark.parametrize("code, text", [
    ("G002", "promotion e4 (G4) -> m4 (G4) does not rise in grade"),
    ("G003", "level 'o1' (G1, Operator) is a dead end: no promotion or switch leads above G1, while track 'ic' reaches G4"),
    ("G004", "family 'eng': the individual track stops at 'e3' (G3, Senior Engineer) while management reaches "
             "'m4' (G4, Director)"),
    ("P001", "band of 'e1' in us has min above mid: min/mid/max 130,000/120,000/140,000 USD"),
    ("P002", "level 'e2' (G2, Engineer II) has no band in zone 'us' (nor, derived from it, in uk)"),
    ("P004", "midpoint of 'e4' (G4) in us is 160,000 USD, not above 'e3' (G3) at 160,000 USD; "
             "the same holds in derived zone uk"),
    ("P005", "band of 'e1' in us spans 100,000–125,000 USD, a spread of 25.0%, outside policy.range_spread 30%–100%; "
             "the same holds in derived zone uk"),
    ("P006", "midpoint rises 31.2% per grade from 'e3' (G3, 160,000 USD) to 'e4' (G4, 210,000 USD) in us, outside "
             "policy.midpoint_progression 5%–30%; the same holds in derived zone uk"),
    ("P007", "switch m3 -> e3 lowers pay in us: min 132,000 USD -> 130,000 USD; the same holds in derived zone uk"),
    ("T001", "switch e3 -> m3 moves into management ('Engineering Manager') without naming a readiness requirement"),
    ("T002", "level 'm3' (G3, Engineering Manager) has no expectation for competency 'people' (People development)"),
])
def test_messages_name_the_facts(capsys, minimal, code, text):
    assert message(capsys, minimal, code)[0] == text


def test_a_promotion_cycle_is_one_finding(capsys, minimal):
    apply(minimal, [(ENG, "    to: m3\n    kind: switch", "    to: m3\n    kind: promotion"),
                    (ENG, "    to: e3\n    kind: switch", "    to: e3\n    kind: promotion"),
                    (ENG, "transitions:\n", "transitions:\n  - {from: m3, to: e4, kind: switch, criteria: Any time.}\n")])
    status, found = check_json(capsys, minimal)
    assert status == 1
    assert [(x["code"], x["line"], x["column"], x["message"]) for x in found] == [
        ("G002", 57, 5, "promotions form a cycle: e3 -> m3 -> e3")]


def test_two_levels_at_one_grade_make_a_promotion_that_does_not_rise(capsys, minimal):
    apply(minimal, [(ENG, "grade: G2", "grade: G1")])
    status, found = check_json(capsys, minimal)
    # e1 is no dead end: its promotion to e2 leads on to e3 (G3).
    assert [(x["code"], x["line"], x["message"]) for x in found] == [
        ("G002", 13, "promotion e1 (G1) -> e2 (G1) does not rise in grade")]


RUNBOOKS = (LADDER, "requirements:", "  - {id: runbooks, name: Runbooks, families: [ops]}\nrequirements:")
OPS_WAY_UP = OPS + "transitions:\n  - {from: o1, to: e2, kind: switch, criteria: Ran the on-call rota for a year.}\n"


def test_t002_asks_for_a_competency_only_in_the_families_it_applies_to(capsys, minimal):
    apply(minimal, [("families/ops.yaml", None, OPS_WAY_UP), RUNBOOKS])
    status, found = check_json(capsys, minimal)
    assert (status, findings(found)) == (1, [("T002", "ops.yaml", 5, 5)])
    assert found[0]["message"] == "level 'o1' (G1, Operator) has no expectation for competency 'runbooks' (Runbooks)"
    apply(minimal, [("families/ops.yaml", "      craft: Runs the runbook.\n",
                     "      craft: Runs the runbook.\n      runbooks: Keeps them current.\n")])
    assert check_json(capsys, minimal) == (0, [])


def test_an_empty_expectation_points_at_it(capsys, minimal):
    apply(minimal, [(ENG, "people: Grows a team.", "people: ' '")])
    assert findings(check_json(capsys, minimal)[1]) == [("T002", "eng.yaml", 43, 15)]


def test_ic_stops_at_staff_while_management_reaches_director(capsys, minimal):
    """The scenario the project exists for: height parity and pay parity both broken."""
    apply(minimal, [(ENG, E4, ""), (ENG, "title: Senior Engineer", "title: Staff Engineer"),
                    (ENG, "title: Engineering Manager", "title: Senior Manager"),
                    (ENG, "  - from: m4\n    to: e4", "  - from: m4\n    to: e3"),
                    (ENG, "us: {min: 132000, mid: 160000, max: 188000}\n  - id: m3",
                     "us: {min: 132000, mid: 160000, max: 175000}\n  - id: m3")])
    status, found = check_json(capsys, minimal)
    assert status == 1
    assert [(x["code"], x["line"], x["message"]) for x in found] == [
        ("G004", 21, "family 'eng': the individual track stops at 'e3' (G3, Staff Engineer) while management "
                     "reaches 'm4' (G4, Director)"),
        ("P003", 28, "IC level 'e3' (G3) tops out at 175,000 USD in us, 6.9% below manager 'm3' (188,000 USD); "
                     "the same holds in derived zone uk"),
        ("P007", 53, "switch m3 -> e3 lowers pay in us: max 188,000 USD -> 175,000 USD; "
                     "the same holds in derived zone uk"),
        ("P007", 57, "switch m4 -> e3 lowers pay in us: min 152,000 USD -> 132,000 USD, max 216,000 USD -> 175,000 USD; "
                     "the same holds in derived zone uk"),
    ]
    assert found[1]["hint"] == "raise e3's max in us to at least 188,000 or set policy.parity_tolerance"


def test_policy_rules_set_severity_by_code_or_name(capsys, minimal):
    apply(minimal, CASES["P003"][0] + [(LADDER, "competencies:", "policy:\n  rules: {pay-parity: warning}\ncompetencies:")])
    status, found = check_json(capsys, minimal)
    assert (status, [(x["code"], x["severity"]) for x in found]) == (0, [("P003", "warning")])
    edit(minimal / LADDER, "{pay-parity: warning}", "{P003: 'off'}")
    assert check_json(capsys, minimal) == (0, [])


def test_an_unknown_policy_rule_is_s002_with_a_suggestion(capsys, minimal):
    apply(minimal, [(LADDER, "competencies:", "policy:\n  rules: {pay-parit: warning}\ncompetencies:")])
    status, found = check_json(capsys, minimal)
    assert status == 1
    assert [(x["code"], x["line"], x["column"], x["message"]) for x in found] == [
        ("S002", 22, 11, "policy.rules: unknown rule 'pay-parit' (did you mean 'pay-parity'?)")]


@pytest.mark.parametrize("option, value, codes", [
    ("--select", "P003", ["P003"]), ("--select", "pay-parity", ["P003"]), ("--select", "T", []),
    ("--ignore", "P", ["G004"]), ("--ignore", "height-parity,P003", ["P007", "P007"]),
])
def test_select_and_ignore(capsys, minimal, option, value, codes):
    apply(minimal, NO_E4[:1] + NO_E4[1:2] + [(ENG, "us: {min: 132000, mid: 160000, max: 188000}\n  - id: m3",
                                              "us: {min: 132000, mid: 160000, max: 175000}\n  - id: m3")])
    status, found = check_json(capsys, minimal, option, value)
    assert ([x["code"] for x in found], status) == (codes, 1 if codes else 0)


@pytest.mark.parametrize("ladder", sorted(p.name for p in (ROOT / "ladders").iterdir() if (p / LADDER).is_file()))
def test_shipped_ladders_pass_every_rule(capsys, ladder):
    assert check_json(capsys, ROOT / "ladders" / ladder) == (0, [])


def test_explain_prints_the_documentation(capsys):
    status, out, _ = run(capsys, "explain", "pay-parity")
    assert status == 0
    assert out.startswith("P003 pay-parity (default: error)\n\nAt a grade and zone of a family")
    assert "Failing:" in out and "Passing:" in out


# An operations family at G2 whose two levels switch only into each other: no chain leads up.
OPS_G2 = """\
family:
  id: ops
  name: Operations
levels:
  - id: o2
    track: ic
    grade: G2
    title: Operator
    expectations:
      craft: Runs the runbook.
    pay:
      us: {min: 114000, mid: 138000, max: 162000}
  - id: p2
    track: mgmt
    grade: G2
    title: Shift Lead
    expectations:
      craft: Owns the runbook.
      people: Runs the shift.
    pay:
      us: {min: 114000, mid: 138000, max: 162000}
transitions:
  - {from: o2, to: p2, kind: switch, requires: [training], criteria: Ran the on-call rota for a year.}
  - {from: p2, to: o2, kind: switch, criteria: Any time.}
"""
# A same-grade switch into engineering, where promotions lead on to G4: a way up for o2 and p2.
OPS_G2_WAY_UP = [("families/ops.yaml", "  - {from: p2, to: o2",
                  "  - {from: o2, to: e2, kind: switch, criteria: Ships a feature.}\n  - {from: p2, to: o2")]
G003_CHAINS = [([("families/ops.yaml", None, OPS_G2)], [("G003", "ops.yaml", 5, 5), ("G003", "ops.yaml", 13, 5)]),
               ([("families/ops.yaml", None, OPS_G2)] + OPS_G2_WAY_UP, [])]


@pytest.mark.parametrize("edits, expected", G003_CHAINS)
def test_g003_follows_chains_of_transitions_of_any_kind_and_family(capsys, minimal, edits, expected):
    apply(minimal, edits)
    status, found = check_json(capsys, minimal)
    assert (status, findings(found)) == (1 if expected else 0, expected)


@pytest.mark.parametrize("failing, fix", [CASES[c][::2] for c in sorted(CASES) if c.startswith("G")]
                         + [(G003_CHAINS[0][0], OPS_G2_WAY_UP)])
def test_graph_rules_agree_with_networkx_without_their_shortcuts(capsys, minimal, monkeypatch, failing, fix):
    # `fed_from_below` lets G001 and G005 skip networkx, `rises_directly` lets G003 skip it; with
    # both always failing, every question goes to networkx, and the findings (codes, positions,
    # messages) must be the same.
    for edits in (failing, fix):
        apply(minimal, edits)
        shortcut = check_json(capsys, minimal)
        with monkeypatch.context() as patched:
            patched.setattr("ladderc.rules.graph_rules.fed_from_below", lambda ladder, levels: False)
            patched.setattr("ladderc.rules.graph_rules.rises_directly", lambda ladder, level: False)
            assert check_json(capsys, minimal) == shortcut
