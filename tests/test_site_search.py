"""What the site's search index holds: table cells as words, no repeated navigation, titles that say where."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import EXAMPLE

AMOUNT = "207,000"  # a midpoint in us-tier1 (Staff Software Engineer) and elsewhere


def build(root: Path, *extra: str) -> Path:
    from ladderc.cli import main

    assert main(["build", str(EXAMPLE), "-o", str(root), *extra]) == 0
    return root


@pytest.fixture(scope="module")
def index(example_site) -> tuple[Path, list[dict]]:
    site = example_site
    return site, json.loads((site / "search/search_index.json").read_text("utf-8"))["docs"]


def test_table_cells_are_separate_words(index):
    _, docs = index
    text = " ".join(doc["text"] for doc in docs)
    assert "175,000 207,000 240,000" in text
    assert not re.search(r"(USD|GBP|EUR|\))\d", text)


def test_repeated_navigation_text_is_left_out(index):
    _, docs = index
    text = " ".join(doc["text"] for doc in docs)
    assert "grows from level to level" not in text and "What changes from" not in text
    assert "Previous level:" not in text and "Along the track" not in text


def test_every_level_and_change_result_names_its_family(index):
    _, docs = index
    titles = {doc["location"]: doc["title"] for doc in docs if "#" not in doc["location"]}
    assert titles["levels/se4.html"] == "Staff Software Engineer (Engineering, Individual contributor)"
    assert titles["changes/se4/em1.html"] == "Staff Software Engineer to Engineering Manager (Engineering)"


def test_an_amount_is_found_on_every_page_showing_it_and_nowhere_without_pay(index, tmp_path):
    site, docs = index
    showing = {p.relative_to(site).as_posix() for p in site.rglob("*.html")
               if AMOUNT in p.read_text("utf-8").split('<article', 1)[-1]}
    found = {doc["location"].split("#")[0] for doc in docs if AMOUNT in doc["text"]}
    assert len(showing) > 3 and showing == found
    bare = build(tmp_path / "site", "--no-pay")
    assert AMOUNT not in (bare / "search/search_index.json").read_text("utf-8")
    assert AMOUNT not in (bare / "search/search_index.js").read_text("utf-8")


def test_the_index_is_also_a_script_for_the_site_opened_from_disk(index):
    site, _ = index
    script = (site / "search/search_index.js").read_bytes()
    assert script == b"var __index = " + (site / "search/search_index.json").read_bytes()


def test_a_checklist_does_not_make_a_level_found_for_its_next_levels_words(index):
    _, docs = index
    se3 = " ".join(doc["text"] for doc in docs if doc["location"].startswith("levels/se3.html"))
    assert se3 and "Print this checklist" not in se3 and "Tick what you have shown" not in se3
