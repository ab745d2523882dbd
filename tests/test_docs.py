"""The format reference stands alone: its links resolve, it names every schema key, and YAML examples mean what they show."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

FORMAT = ROOT / "docs" / "format.md"
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def anchors(page: Path) -> set[str]:
    """GitHub's heading anchors: lowercase, punctuation dropped, spaces to hyphens."""
    headings = re.findall(r"^#+ (.+)$", page.read_text(encoding="utf-8"), re.M)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


def test_every_link_in_the_format_reference_resolves():
    text = FORMAT.read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    assert links
    for link in links:
        if re.match(r"[a-z]+:", link):
            continue
        target, _, anchor = link.partition("#")
        page = (FORMAT.parent / target).resolve() if target else FORMAT
        assert page.exists(), link
        if anchor:
            assert anchor in anchors(page), link


def schema_keys(node) -> set[str]:
    found = set()
    if isinstance(node, dict):
        found |= set(node.get("properties", {}))
        for value in node.values():
            found |= schema_keys(value)
    elif isinstance(node, list):
        for value in node:
            found |= schema_keys(value)
    return found


@pytest.mark.parametrize("schema", ["ladder.schema.json", "family.schema.json"])
def test_the_format_reference_names_every_schema_key(schema):
    text = FORMAT.read_text(encoding="utf-8")
    keys = schema_keys(json.loads((ROOT / "schemas" / schema).read_text(encoding="utf-8")))
    undocumented = sorted(key for key in keys if not re.search(rf"`[^`]*\b{re.escape(key)}\b[^`]*`", text))
    assert undocumented == []


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_yaml_examples_parse_and_no_comma_splits_a_flow_value(page):
    # In a flow mapping, `criteria: Any time, at no loss of pay.` is the criteria "Any time" and
    # a stray key "at no loss of pay." with no value: quote such values.
    def stray_keys(node):
        if isinstance(node, dict):
            yield from (k for k, v in node.items() if v is None and isinstance(k, str) and " " in k)
            for value in node.values():
                yield from stray_keys(value)
        elif isinstance(node, list):
            for value in node:
                yield from stray_keys(value)

    for block in re.findall(r"```yaml\n(.*?)```", page.read_text(encoding="utf-8"), re.S):
        assert list(stray_keys(yaml.safe_load(block))) == [], block
