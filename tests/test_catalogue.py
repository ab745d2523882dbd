"""The catalogue: one registry over the stage rules and the checks' table, refusing what would be ambiguous."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ladderc import catalogue
from ladderc.diagnostics import ERROR, Rule
from ladderc.rules import RULES
from ladderc.stage_rules import SCHEMA, STAGE_RULES, YAML_SYNTAX


def check(ladder, graph, policy):
    """A check for these tests."""
    return []


def test_the_catalogue_is_the_stage_rules_and_the_checks_table_by_code():
    assert [r.code for r in catalogue.all_rules()] == sorted(r.code for r in (*STAGE_RULES, *RULES))
    assert all(r.check is None for r in STAGE_RULES) and all(r.check is not None and r.doc for r in RULES)


def test_the_checks_table_is_in_code_order():
    assert [r.code for r in RULES] == sorted(r.code for r in RULES)


def test_a_rule_is_found_by_code_in_any_case_or_by_name():
    assert catalogue.find_rule("s002") is SCHEMA is catalogue.get_rule("S002")
    assert catalogue.find_rule(" yaml-syntax ") is YAML_SYNTAX
    assert catalogue.find_rule("P003").name == "pay-parity"
    assert catalogue.find_rule("no-such-rule") is None


def test_a_check_rule_takes_its_documentation_from_the_check():
    assert Rule.checking("X001", "test-check", check).doc == "A check for these tests."


@pytest.mark.parametrize("rules, problem", [
    ((Rule("S1", "short-code", ERROR, ""),), "rule code 'S1' is not a letter and three digits"),
    ((Rule("s001", "lower-code", ERROR, ""),), "rule code 's001' is not a letter and three digits"),
    ((Rule("X001", "Not_Kebab", ERROR, ""),), "rule name 'Not_Kebab' is not kebab-case"),
    ((Rule("X001", "loud", "fatal", ""),), "rule X001 has unknown severity 'fatal'"),
    ((SCHEMA, Rule("S002", "another-schema", ERROR, "")), "rule code S002 is registered twice"),
    ((SCHEMA, Rule("X001", "schema", ERROR, "")), "rule name schema is registered twice"),
])
def test_the_registry_refuses_an_ambiguous_or_malformed_rule(rules, problem):
    with pytest.raises(ValueError, match=f"^{problem}$"):
        catalogue.registry(rules)


def test_making_a_finding_loads_neither_the_catalogue_nor_the_checks_nor_the_exports():
    script = ("import sys\nfrom pathlib import Path\nfrom ladderc.loader import parse\n"
              "doc, found = parse(Path('x.yaml'), b'a: [1\\n')\nassert found[0].code == 'S001', found\n"
              "print(sorted(m for m in sys.modules if m.startswith(('ladderc.catalogue', 'ladderc.rules', "
              "'ladderc.export'))))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out == "[]\n"
