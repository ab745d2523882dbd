"""Pay transparency (issue 19): criteria coverage (L001), gender-neutral titles (L002), posting ranges (L003)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT, check_json, edit, findings, run
from test_pay_policy import without_pay

from ladderc.titles import LANGUAGES, gendered_words, word_lists

LADDER = "ladder.yaml"
ENG = "families/eng.yaml"
CRITERIA = ("  - id: craft\n    name: Craft\n", "  - id: craft\n    name: Craft\n    criterion: skills\n")
PEOPLE = ("    tracks: [mgmt]\n", "    tracks: [mgmt]\n    criterion: responsibility\n")
EFFORT = ("competencies:\n", "competencies:\n  - {id: delivery, name: Delivery, criterion: effort, tracks: [mgmt]}\n")


def policy(root: Path, text: str) -> None:
    edit(root / LADDER, "competencies:\n", f"policy:\n{text}competencies:\n")


def codes(found, code):
    return [x for x in found if x["code"] == code]


# --- L001 criteria coverage -------------------------------------------------------------------------

def test_l001_is_silent_on_a_ladder_that_names_no_criterion(capsys, minimal):
    assert check_json(capsys, minimal) == (0, [])


def test_l001_warns_per_family_and_track_on_the_criteria_left_uncovered(capsys, minimal):
    edit(minimal / LADDER, *CRITERIA)
    edit(minimal / LADDER, *PEOPLE)
    status, found = check_json(capsys, minimal)
    assert status == 0
    assert findings(found) == [("L001", "eng.yaml", 2, 3), ("L001", "eng.yaml", 2, 3)]
    ic, mgmt = sorted(found, key=lambda x: "mgmt" in x["message"])
    assert ic["severity"] == "warning"
    assert "track 'ic' cover skills but not effort, responsibility, working-conditions" in ic["message"]
    assert "track 'mgmt' cover skills, responsibility but not effort, working-conditions" in mgmt["message"]
    assert "criterion: effort" in mgmt["hint"]


def test_missing_working_conditions_warns_and_fails_under_the_eu_policy(capsys, minimal):
    edit(minimal / LADDER, "  - id: craft\n    name: Craft\n",
         "  - id: craft\n    name: Craft\n    criterion: skills\n"
         "  - {id: delivery, name: Delivery, criterion: effort}\n  - {id: impact, name: Impact, criterion: responsibility}\n")
    text = (minimal / ENG).read_text(encoding="utf-8")
    (minimal / ENG).write_text(re.sub(r"(      craft: .*\n)", r"\1      delivery: Delivers.\n      impact: Matters.\n", text),
                               encoding="utf-8")
    status, found = check_json(capsys, minimal)
    assert status == 0 and {x["code"] for x in found} == {"L001"}
    assert all("but not working-conditions" in x["message"] and x["severity"] == "warning" for x in found)
    policy(minimal, "  pay_transparency: eu\n")
    status, found = check_json(capsys, minimal)
    assert status == 1 and {(x["code"], x["severity"]) for x in found} == {("L001", "error")}
    edit(minimal / LADDER, "competencies:\n",
         "competencies:\n  - {id: conditions, name: Conditions, criterion: working-conditions,"
         " families: [eng], tracks: [ic, mgmt]}\n")
    status, found = check_json(capsys, minimal)
    assert codes(found, "L001") == [] and {x["code"] for x in found} == {"T002"}  # the new competency wants expectations


def test_the_eu_policy_runs_l001_on_a_ladder_without_criteria_and_policy_rules_still_win(capsys, minimal):
    policy(minimal, "  pay_transparency: eu\n")
    status, found = check_json(capsys, minimal)
    assert status == 1 and len(codes(found, "L001")) == 2
    assert "declare none of the criteria" in found[0]["message"]
    edit(minimal / LADDER, "  pay_transparency: eu\n", "  pay_transparency: eu\n  rules: {L001: warning}\n")
    status, found = check_json(capsys, minimal)
    assert status == 0 and {x["severity"] for x in found} == {"warning"}


def test_a_rule_set_below_what_the_eu_policy_asks_is_an_exception(capsys, minimal):
    import json

    from ladderc.compiler import compile_ladder
    from ladderc.severity import exceptions

    policy(minimal, "  rules: {L002: {severity: warning, reason: Titles follow the works agreement.}}\n")
    assert exceptions(compile_ladder(minimal).ladder) == []  # warning is L002's default: no exception
    edit(minimal / LADDER, "policy:\n", "policy:\n  pay_transparency: eu\n  rules: {L001: off}\n")
    edit(minimal / LADDER, "  rules: {L002: {severity: warning, reason: Titles follow the works agreement.}}\n", "")
    edit(minimal / LADDER, "  rules: {L001: off}\n",
         "  rules: {L001: off, L002: {severity: warning, reason: Titles follow the works agreement.}}\n")
    found = exceptions(compile_ladder(minimal).ladder)
    assert [(x.rule.code, x.default, x.setting.severity) for x in found] == [
        ("L001", "error", "off"), ("L002", "error", "warning")]
    status, out, _ = run(capsys, "check", str(minimal), "--format", "json")
    listed = json.loads(out)["exceptions"]
    assert [(x["code"], x["default_severity"]) for x in listed] == [("L001", "error"), ("L002", "error")]


def test_a_criterion_outside_the_four_is_a_schema_error(capsys, minimal):
    edit(minimal / LADDER, *(CRITERIA[0], CRITERIA[1].replace("skills", "seniority")))
    status, found = check_json(capsys, minimal)
    assert status == 1 and findings(found) == [("S002", "ladder.yaml", 24, 16)]


# --- L002 gender-neutral titles -----------------------------------------------------------------------

@pytest.mark.parametrize("title, word, neutral", [
    ("Salesman", "Salesman", "salesperson"),
    ("Senior Chairman", "Chairman", "chair"),
    ("Foreman", "Foreman", "supervisor"),
    ("Lead Linesman", "Linesman", "Linesperson"),
    ("Kaufmann", "Kaufmann", "Kaufmann/-frau (m/w/d)"),
    ("Industriekaufmann", "Industriekaufmann", "Industriekauffrau/-mann (m/w/d)"),
    ("Verkäuferin", "Verkäuferin", "Verkäufer*in"),
    ("Directrice commerciale", "Directrice", "directeur·rice"),
    ("Vendedora senior", "Vendedora", "vendedor/a"),
    ("Brandweerman", "Brandweerman", "brandweerlid"),
    ("Cleaning lady", "Cleaning lady", "cleaner"),
])
def test_gendered_words_come_with_a_neutral_suggestion(title, word, neutral):
    assert [(g.word, g.neutral) for g in gendered_words(title)] == [(word, neutral)]


@pytest.mark.parametrize("title", [
    "Kaufmann (m/w/d)", "Verkäufer (w/m/d)", "Directeur commercial (H/F)", "Verkoper (m/v/x)", "Kaufmann/-frau",
    "Verkäufer*in", "Vendedor/a", "Human Resources Partner", "Engineering Manager", "Scrum Master",
    "German Market Lead", "Salesperson", "Ombudsperson",
])
def test_neutral_titles_pass(title):
    assert gendered_words(title) == []


def test_every_language_ships_a_word_list_with_its_sources():
    assert {wl.language for wl in word_lists()} == set(LANGUAGES) >= {"en", "de", "fr", "es", "nl"}
    folder = ROOT / "src" / "ladderc" / "data" / "gendered-terms"
    for language in LANGUAGES:
        assert "# Sources:" in (folder / f"{language}.yaml").read_text(encoding="utf-8")


def test_l002_flags_salesman_and_kaufmann_at_the_title(capsys, minimal):
    edit(minimal / ENG, "title: Engineer I\n", "title: Salesman\n")
    edit(minimal / ENG, "title: Engineer II\n", "title: Kaufmann\n")
    status, found = check_json(capsys, minimal)
    assert status == 0
    assert findings(found) == [("L002", "eng.yaml", 8, 12), ("L002", "eng.yaml", 16, 12)]
    assert "'salesperson'" in found[0]["hint"] and "'Kaufmann/-frau (m/w/d)'" in found[1]["hint"]
    policy(minimal, "  pay_transparency: eu\n  rules: {L001: off}\n")
    status, found = check_json(capsys, minimal)
    assert status == 1 and {x["severity"] for x in found} == {"error"}


def test_the_policy_extends_and_exempts_words(capsys, minimal):
    edit(minimal / ENG, "title: Engineer I\n", "title: Engineer I Rockstar\n")
    edit(minimal / ENG, "title: Engineer II\n", "title: Engineer II Foreman\n")
    policy(minimal, "  gendered_terms: {Rockstar: Expert}\n  neutral_terms: [foreman]\n")
    status, found = check_json(capsys, minimal)
    assert findings(found) == [("L002", "eng.yaml", 8, 12)] and "'Expert'" in found[0]["hint"]


def test_phrases_match_as_whole_words_across_whitespace_in_any_case(capsys, minimal):
    # 'cleaning lady' and 'femme de ménage' are phrases of the shipped lists (en.yaml, fr.yaml).
    edit(minimal / ENG, "title: Engineer I\n", "title: Senior CLEANING   lady\n")
    edit(minimal / ENG, "title: Engineer II\n", "title: Femme de Ménage\n")
    edit(minimal / ENG, "title: Senior Engineer\n", "title: Cleaning Ladyship\n")  # not the whole word
    status, found = check_json(capsys, minimal)
    assert findings(found) == [("L002", "eng.yaml", 8, 12), ("L002", "eng.yaml", 16, 12)]
    assert "'CLEANING   lady'" in found[0]["message"] and "'cleaner'" in found[0]["hint"]
    assert "'Femme de Ménage'" in found[1]["message"] and "'agent·e d'entretien'" in found[1]["hint"]


def test_a_phrase_matches_across_a_line_break_and_a_policy_phrase_however_spaced():
    assert [(x.word, x.neutral) for x in gendered_words("Cleaning\nlady, Night\tWatchman")] == [
        ("Cleaning\nlady", "cleaner"), ("Watchman", "Watchperson")]  # the phrase, then a suffix
    assert [x.neutral for x in gendered_words("head waitress", {"Head  Waitress": "head server"})] == ["head server"]
    assert gendered_words("cleaning  lady", neutral=frozenset({"Cleaning Lady"})) == []


def test_the_policy_adds_and_exempts_phrases(capsys, minimal):
    edit(minimal / ENG, "title: Engineer I\n", "title: Head  Waitress\n")
    edit(minimal / ENG, "title: Engineer II\n", "title: Cleaning Lady\n")
    edit(minimal / ENG, "title: Senior Engineer\n", "title: Headwaitress\n")  # one word: not the phrase
    policy(minimal, "  gendered_terms: {Head waitress: Head server}\n  neutral_terms: [cleaning LADY]\n")
    status, found = check_json(capsys, minimal)
    assert findings(found) == [("L002", "eng.yaml", 8, 12)]
    assert "'Head  Waitress'" in found[0]["message"] and "'Head server'" in found[0]["hint"]
    # A phrase is written with one space between its words; the title may have any whitespace.
    edit(minimal / LADDER, "{Head waitress: Head server}", "{'Head  waitress': Head server}")
    status, found = check_json(capsys, minimal)
    assert status == 1 and [x["code"] for x in found] == ["S002"]


@pytest.mark.parametrize("ladder", [EXAMPLE] + sorted(p for p in (ROOT / "tests" / "real").iterdir() if p.is_dir()),
                         ids=lambda p: p.name)
def test_no_false_alarms_on_the_example_and_real_ladders(capsys, ladder):
    _, found = check_json(capsys, ladder, "--select", "L002")
    assert found == []


# --- L003 posting ranges -----------------------------------------------------------------------------

def test_l003_reports_a_posting_range_wider_than_the_policy(capsys, minimal):
    policy(minimal, "  posting_spread: 0.3\n")
    status, found = check_json(capsys, minimal)
    assert status == 0 and {x["code"] for x in found} == {"L003"}
    first = found[0]
    assert (first["line"], first["column"]) == (12, 11)
    assert "100,000–140,000 USD, a spread of 40.0%, wider than policy.posting_spread 30%" in first["message"]
    assert "the same holds in derived zone uk" in first["message"] and "at most 130,000" in first["hint"]
    edit(minimal / LADDER, "posting_spread: 0.3", "posting_spread: 0.5")
    assert check_json(capsys, minimal) == (0, [])


def test_l003_under_a_posting_law_asks_for_a_band_in_every_zone(capsys, minimal):
    edit(minimal / LADDER, "zones:\n", "policy:\n  pay: optional\n  pay_transparency: us\nzones:\n")
    edit(minimal / ENG, "    pay:\n      us: {min: 114000, mid: 138000, max: 162000}\n", "")
    status, found = check_json(capsys, minimal)
    assert status == 1
    assert findings(found) == [("L003", "eng.yaml", 13, 5), ("L003", "eng.yaml", 13, 5)]
    assert {x["severity"] for x in found} == {"error"}
    assert "level 'e2' (Engineer II) has no band in us" in found[0]["message"] + found[1]["message"]
    edit(minimal / LADDER, "  pay: optional\n", "")
    status, found = check_json(capsys, minimal)
    assert {x["code"] for x in found} == {"P002"}  # under `required` the missing band is P002's alone


def test_l003_under_a_posting_law_without_pay_is_one_finding(capsys, minimal):
    with (without_pay(minimal) / LADDER).open("a", encoding="utf-8") as out:
        out.write("  pay_transparency: us\n")
    status, found = check_json(capsys, minimal)
    assert status == 1 and [x["code"] for x in found] == ["L003"] and found[0]["file"].endswith("ladder.yaml")
    assert "policy.pay is none" in found[0]["message"]


def test_explain_documents_each_l_rule(capsys):
    for code in ("L001", "L002", "L003"):
        status, out, _ = run(capsys, "explain", code)
        assert status == 0 and "2023/970" in out


def test_the_json_export_carries_criteria_and_the_transparency_policy(capsys, minimal, tmp_path):
    import json

    import jsonschema

    edit(minimal / LADDER, *CRITERIA)
    policy(minimal, "  pay_transparency: us\n  posting_spread: 0.8\n  gendered_terms: {Rockstar: Expert}\n"
           "  neutral_terms: [Ottoman]\n")
    status, out, _ = run(capsys, "export", str(minimal), "--target", "json", "-o", str(tmp_path / "out"))
    assert status == 0, out
    document = json.loads((tmp_path / "out" / "minimal" / "json" / "ladder.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(json.loads((ROOT / "schemas" / "export.schema.json").read_text("utf-8"))).validate(document)
    assert [c["criterion"] for c in document["competencies"]] == ["skills", None]
    assert {k: document["policy"][k] for k in ("pay_transparency", "posting_spread", "gendered_terms", "neutral_terms")} == {
        "pay_transparency": "us", "posting_spread": 0.8, "gendered_terms": {"rockstar": "Expert"}, "neutral_terms": ["ottoman"]}
