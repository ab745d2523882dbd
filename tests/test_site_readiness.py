"""The site's readiness paths: each move into management shows what to do before it (by kind, in
order), the support after it and its trial, on its change page and as a checklist on the source
level's page; the home page states the readiness policy only when T004 checked it."""

from __future__ import annotations

import re

import pytest
from conftest import EXAMPLE, edit

from ladderc.compiler import compile_ladder
from ladderc.site import SiteOptions, render_pages


def pages(path) -> dict[str, str]:
    return render_pages([compile_ladder(path).ladder], SiteOptions())[0]


@pytest.fixture(scope="module")
def example_pages() -> dict[str, str]:
    return pages(EXAMPLE)


def steps(text: str) -> list[str]:
    return re.findall(r"<li><strong>([^<]+)</strong>", text)


def section(text: str, heading: str) -> str:
    start = text.index(f"## {heading}")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else None]


def test_a_change_into_management_walks_the_kinds_in_order_then_support_and_trial(example_pages):
    path = section(example_pages["changes/se4/em1.md"], "Readiness path")
    assert steps(path) == ["Talk it through", "Learn", "Try it", "Hear from the people you led"]
    assert path.index("Interest in developing people") < path.index("New-manager training") < path.index(
        "Leadership apprenticeship") < path.index("360 feedback")
    assert ('the company provides:\n<a href="../../requirements/manager-coaching.html">'
            "Coaching by an experienced manager</a>.") in path
    assert ('Trial: for 6 months after the move, the way back to <a href="../../levels/se4.html">Staff Software Engineer</a> '
            "is guaranteed") in path


def test_the_source_level_carries_the_same_path_as_a_checklist(example_pages):
    checklist = section(example_pages["levels/se4.md"], "Next-level checklist: Engineering Manager")
    assert checklist.count('<input type="checkbox" id="check-se4-em1-requirement-') == 4
    assert "Coaching by an experienced manager" in checklist and "for 6 months" in checklist


def test_only_moves_into_management_have_a_readiness_path(example_pages):
    assert "## Readiness path" not in example_pages["changes/em1/se4.md"]
    assert "## Readiness path" not in example_pages["changes/se3/se4.md"]
    back = section(example_pages["levels/em1.md"], "Next-level checklist: Staff Software Engineer")
    assert "Before the move" not in back and "Trial:" not in back  # a checklist, but no readiness path


def test_home_states_the_policy_that_was_checked(example_pages):
    assert ("for it (rule T004): apprenticeship or training; feedback." in
            section(example_pages["index.md"], "Readiness for management"))


def test_home_is_silent_without_a_policy_or_with_t004_off(example):
    assert "## Readiness for management" in pages(example)["index.md"]
    edit(example / "ladder.yaml", "policy:\n", "policy:\n  rules: {T004: 'off'}\n")
    assert "## Readiness for management" not in pages(example)["index.md"]
    text = (example / "ladder.yaml").read_text()  # the policy section is the file's last
    (example / "ladder.yaml").write_text(text[:text.index("policy:\n")])
    assert "## Readiness for management" not in pages(example)["index.md"]


def test_a_requirement_page_names_its_kind_and_the_moves_it_supports(example_pages):
    coaching = example_pages["requirements/manager-coaching.md"]
    assert "<p>Kind of evidence: mentoring.</p>" in coaching
    assert "No transition asks for it yet." not in coaching
    assert coaching.count("<li>Switch from") == 6 and "Provided by the company after:" in coaching
    assert "<p>Kind of evidence: feedback.</p>" in example_pages["requirements/feedback-360.md"]
