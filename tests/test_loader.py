"""The loader: YAML 1.2 meaning, positions, and refusal of what ladders must not contain."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from ladderc.loader import Document, load_file, parse


def load(text: str | bytes) -> tuple[Document | None, list]:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return parse(Path("f.yaml"), raw)


def codes(found) -> list[tuple[str, int, int]]:
    return [(x.code, x.line, x.column) for x in found]


def test_yaml_12_meaning_keeps_norway_and_decimal_numbers():
    doc, found = load("country: NO\nyes_: yes\noff_: off\noctal: 010\nhex: 0x1F\n"
                      "flag: true\nnothing: null\nwhen: 2026-01-01\nratio: 0.5\nquoted: '10'\n")
    assert found == []
    assert doc.data == {"country": "NO", "yes_": "yes", "off_": "off", "octal": 10, "hex": 31, "flag": True,
                        "nothing": None, "when": "2026-01-01", "ratio": 0.5, "quoted": "10"}


def test_positions_of_values_and_keys_are_one_based():
    doc, _ = load("family:\n  id: eng\nlevels:\n  - id: e1\n    title: Engineer\n")
    assert (doc.at(("levels", 0, "title")).line, doc.at(("levels", 0, "title")).column) == (5, 12)
    assert (doc.key_at(("levels", 0, "title")).line, doc.key_at(("levels", 0, "title")).column) == (5, 5)
    assert (doc.at(("levels", 0)).line, doc.at(("levels", 0)).column) == (4, 5)
    # a path below a scalar falls back to the nearest written ancestor
    assert doc.at(("family", "id", "nowhere")).line == 2


def test_duplicate_keys_are_s003_at_the_second_key_and_all_are_reported():
    _, found = load("a: 1\nb:\n  x: 1\n  x: 2\na: 3\n")
    assert codes(found) == [("S003", 4, 3), ("S003", 5, 1)]
    assert "duplicate key 'x' (first at line 3)" in found[0].message


def test_alias_bomb_is_refused_fast_and_in_bounded_memory():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 12):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 9) + "]\n"
    tracemalloc.start()
    doc, found = load(bomb)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert doc is None
    assert codes(found) == [("S001", 1, 4)]
    assert "anchors and aliases are not allowed" in found[0].message
    assert peak < 10 * 1024 * 1024


def test_a_lone_anchor_is_refused_too():
    _, found = load("a: &x 1\nb: 2\n")
    assert codes(found) == [("S001", 1, 4)]


def test_markdown_emphasis_is_not_taken_for_an_alias():
    doc, found = load("summary: Writes *careful* code & R&D notes\n")
    assert found == [] and doc.data["summary"] == "Writes *careful* code & R&D notes"


def test_tags_are_refused():
    _, found = load("a: !!python/object:os.system echo\n")
    assert codes(found) == [("S001", 1, 4)]
    assert "tags are not allowed" in found[0].message


@pytest.mark.parametrize("text, line, column", [
    ("a: ! 010\n", 1, 4),  # the non-specific tag: it would have typed 010 as the number 10
    ("a: x\nb: !!str 5\n", 2, 4),  # a standard tag names a type the composer does not keep
    ("- !!int '7'\n", 1, 3),
    ("a: !!map {b: 1}\n", 1, 4),
    ("!local\na: 1\n", 1, 1),
])
def test_every_written_tag_is_refused_even_the_ones_the_composer_hides(text, line, column):
    _, found = load(text)
    assert codes(found) == [("S001", line, column)]
    assert "tags are not allowed" in found[0].message


def test_an_exclamation_mark_in_text_is_no_tag():
    doc, found = load("title: Hello world!\nsummary: 'Yes! !Really'\ncriteria: \"! is fine\"\n")
    assert found == [] and doc.data == {"title": "Hello world!", "summary": "Yes! !Really", "criteria": "! is fine"}


def test_tab_indentation_is_s001_with_the_parser_position():
    _, found = load("levels:\n\t- id: e1\n")
    assert codes(found) == [("S001", 2, 1)]
    assert found[0].hint == "indent with spaces, not tabs"


def test_binary_file_is_s001():
    _, found = load(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert codes(found) == [("S001", 1, 1)]
    assert "not UTF-8" in found[0].message


def test_nul_byte_is_s001_at_its_position():
    _, found = load("a: 1\nb: x\x00y\n")
    assert codes(found) == [("S001", 2, 5)]


def test_truncated_file_is_s001():
    _, found = load("levels:\n  - {id: e1, title: [Engineer\n")
    assert [x.code for x in found] == ["S001"]
    assert found[0].line == 3


def test_empty_file_loads_as_nothing():
    doc, found = load("")
    assert found == [] and doc.data is None


def test_bom_and_crlf_are_accepted():
    doc, found = load(b"\xef\xbb\xbfa: 1\r\nb: two\r\n")
    assert found == [] and doc.data == {"a": 1, "b": "two"}
    assert doc.at(("b",)).line == 2


def test_non_finite_numbers_are_remembered_for_the_schema_stage():
    doc, _ = load("a: 1e309\nb: .nan\nc: 3\n")
    assert doc.non_finite == [("a",), ("b",)]


def test_files_over_the_size_limit_are_refused_without_parsing(tmp_path: Path):
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * 2000 + "\n")
    doc, found = load_file(big, max_size=1000)
    assert doc is None
    assert codes(found) == [("S001", 1, 1)]
    assert "over the limit of 1,000 bytes" in found[0].message


@pytest.mark.parametrize("depth", [70])
def test_deep_nesting_is_refused(depth: int):
    _, found = load("a: " + "[" * depth + "]" * depth + "\n")
    assert [x.code for x in found] == ["S001"]
    assert "nesting is deeper than 64" in found[0].message


def _nested(depth: int, leaf: str) -> str:
    """Mappings nested `depth` deep under the root mapping, with `leaf` as the deepest value (at depth `depth` + 1)."""
    return "".join(f"{'  ' * i}k{i}:\n" for i in range(depth)) + f"{'  ' * depth}leaf: {leaf}\n"


@pytest.mark.parametrize("comment", ["", "# a * in a comment: the nodes are remembered for aliases\n"])
def test_the_depth_limit_holds_for_scalars_under_mappings(comment: str):
    # A scalar under the deepest mapping allowed is read; one level further is refused. The scalars
    # under a mapping are read in the mapping's loop when the text cannot hold an alias (no `*`).
    doc, found = load(comment + _nested(63, "x"))
    assert found == [] and doc is not None
    assert doc.at(tuple(f"k{i}" for i in range(63)) + ("leaf",)).line == 64 + bool(comment)
    _, found = load(comment + _nested(64, "x"))
    assert [x.code for x in found] == ["S001"] and "nesting is deeper than 64" in found[0].message


@pytest.mark.parametrize("text", ["a: [1, 2]\nb: {c: .inf, d: '\u2028'}\n", "a: \"\\x01\"\nb: [\"\\x02\"]\n",
                                  "a: \ufdd0x\nb: [\ufdd1]\n"])
def test_scalars_read_in_a_mapping_loop_are_checked_as_elsewhere(text: str):
    doc, _ = load(text)
    starred, _ = load(text + "# *\n")  # the same text, read with every node remembered
    assert doc is not None and starred is not None
    def where(marks):
        return {path: (mark.line, mark.column) for path, mark in marks.items()}

    assert (doc.data, where(doc.positions), where(doc.key_positions), doc.non_finite, doc.control_text) == (
        starred.data, where(starred.positions), where(starred.key_positions), starred.non_finite, starred.control_text)
    assert doc.non_finite or doc.control_text


@pytest.mark.parametrize("written, meaning", [
    ("~", None), ("Null", None), ("NULL", None), ("True", True), ("FALSE", False), ("+7", 7), ("-7", -7),
    ("0o17", 15), (".5", 0.5), ("-1.5e3", -1500.0), ("+.inf", float("inf")), ("-.Inf", float("-inf")),
    ("no", "no"), ("Off", "Off"), ("nulls", "nulls"), ("trueish", "trueish"), ("+", "+"), ("-x", "-x"),
    (".5.5", ".5.5"), ("~x", "~x"), ("1_000", "1_000"), ("0b101", "0b101"),
])
def test_every_core_typed_form_is_typed_and_look_alikes_stay_text(written, meaning):
    """Plain scalars are typed only after a look at their first character: each typed form must get past it."""
    doc, found = load(f"v: {written}\n")
    assert found == [] and doc.data["v"] == meaning and type(doc.data["v"]) is type(meaning)
