"""Hostile and broken input: each case with the exact diagnostic `ladderc check` must give.

Ladders arrive in pull requests from anyone in the company: ladderc must refuse what could
hurt (bombs, code, escapes from the ladder directory) with a positioned finding, never crash.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import check_json, edit, findings, run

LEVEL_E1 = "  - id: e1\n"


def family(minimal: Path) -> Path:
    return minimal / "families/eng.yaml"


def only(found: list[dict]) -> tuple[str, str, int, int, str]:
    assert len(found) == 1, found
    (code, name, line, column), = findings(found)
    return code, name, line, column, found[0]["message"]


def test_alias_bomb(capsys, minimal: Path):
    lines = ["lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)]
    (minimal / "families/bomb.yaml").write_text("\n".join(lines) + "\n")
    assert only(check_json(capsys, minimal)[1]) == (
        "S001", "bomb.yaml", 1, 7, "anchors and aliases are not allowed in ladders")


def test_nesting_ten_thousand_deep(capsys, minimal: Path):
    # What ladderc promises is one S001 on line 1 of the file, not which column: our own bound
    # (64 levels) or libyaml's (1000 in the libyaml PyYAML 6.0.4 bundles) may stop the parse first.
    (minimal / "families/deep.yaml").write_text("family: " + "[" * 10000 + "]" * 10000 + "\n")
    code, file, line, column, message = only(check_json(capsys, minimal)[1])
    assert (code, file, line) == ("S001", "deep.yaml", 1)
    assert 9 <= column <= 10009
    assert "nesting" in message


def test_fifty_megabyte_file_is_refused_unread(capsys, minimal: Path):
    with open(minimal / "families/huge.yaml", "wb") as handle:
        handle.write(b"# " + b"x" * (50 * 1024 * 1024) + b"\n")
    assert only(check_json(capsys, minimal)[1]) == (
        "S001", "huge.yaml", 1, 1, "file is 52,428,803 bytes, over the limit of 10,485,760 bytes")


def test_nul_bytes(capsys, minimal: Path):
    edit(family(minimal), "title: Engineer I", "title: Engineer\x00I")
    assert only(check_json(capsys, minimal)[1]) == (
        "S001", "eng.yaml", 8, 20, "invalid YAML: control characters are not allowed")


def test_invalid_utf8(capsys, minimal: Path):
    path = family(minimal)
    path.write_bytes(path.read_bytes().replace(b"Engineer I\n", b"Engineer \xff\n", 1))
    assert only(check_json(capsys, minimal)[1]) == (
        "S001", "eng.yaml", 8, 21, "file is not UTF-8 text: byte 0xff cannot be decoded")


def test_utf8_bom_and_crlf_line_ends_are_read_as_plain_text(capsys, minimal: Path):
    path = family(minimal)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    code, found = check_json(capsys, minimal)
    assert (code, found) == (0, [])
    edit(path, "grade: G2", "grade: G9")  # positions still count lines, not CR/LF pairs
    assert only(check_json(capsys, minimal)[1])[:4] == ("R001", "eng.yaml", 15, 12)


def test_python_object_tag(capsys, minimal: Path):
    edit(family(minimal), "title: Engineer I", "title: !!python/object/apply:os.system [echo pwned]")
    assert only(check_json(capsys, minimal)[1]) == (
        "S001", "eng.yaml", 8, 12,
        "YAML tags are not allowed in ladders (found 'tag:yaml.org,2002:python/object/apply:os.system')")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks on this platform")
def test_symlink_pointing_outside_the_ladder_is_refused(capsys, minimal: Path, tmp_path: Path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("family: {id: x, name: X}\nlevels: []\n")
    (minimal / "families/linked.yaml").symlink_to(secret)
    code, found = check_json(capsys, minimal)
    assert code == 1
    code_, name, line, column, message = only(found)
    assert (code_, name, line, column) == ("S001", "linked.yaml", 1, 1)
    assert message == f"linked.yaml is a link to {secret.resolve()}, outside the ladder; refused"


def test_path_traversal_id(capsys, minimal: Path):
    edit(family(minimal), LEVEL_E1, "  - id: ../../etc\n")
    assert only(check_json(capsys, minimal)[1]) == (
        "S002", "eng.yaml", 5, 9, 'levels[0].id: "../../etc" does not match the pattern ^[a-z0-9][a-z0-9-]{0,63}$')


def test_ids_differing_only_by_case(capsys, minimal: Path):
    edit(minimal / "ladder.yaml", "grades: [G1, G2, G3, G4]", "grades: [G1, G2, g2, G3, G4]")
    assert only(check_json(capsys, minimal)[1])[:4] == ("R002", "ladder.yaml", 5, 18)


def test_amount_written_as_text(capsys, minimal: Path):
    edit(family(minimal), "max: 140000", 'max: "140k"')
    assert only(check_json(capsys, minimal)[1]) == (
        "S002", "eng.yaml", 12, 43, 'levels[0].pay.us.max: "140k" is text, expected a number')


def test_amount_too_large_for_a_float(capsys, minimal: Path):
    edit(family(minimal), "max: 140000", "max: 1e309")
    assert only(check_json(capsys, minimal)[1]) == (
        "S002", "eng.yaml", 12, 43, "levels[0].pay.us.max: inf is not a finite number")


def test_currency_not_in_iso_4217(capsys, minimal: Path):
    edit(minimal / "ladder.yaml", "currency: GBP", "currency: BTC")
    assert only(check_json(capsys, minimal)[1]) == (
        "S002", "ladder.yaml", 19, 15, 'zones[1].currency: "BTC" is not one of the allowed values')


def test_hostile_text_passes_check_and_stays_inert_in_site_and_exports(capsys, minimal: Path, tmp_path: Path):
    """`<script>` titles, `javascript:` links and formulas are legal text: shown as text, never run."""
    import csv
    import json

    from conftest import run

    edit(family(minimal), "title: Senior Engineer", "title: <script>alert(1)</script>")
    edit(family(minimal), "title: Engineer II\n", "title: Engineer II\n    summary: '[click me](javascript:alert(2))'\n")
    edit(family(minimal), "title: Staff Engineer", "title: '=HYPERLINK(\"http://x\",\"y\")'")
    assert check_json(capsys, minimal) == (0, [])

    assert run(capsys, "build", str(minimal), "-o", str(tmp_path / "site"))[0] == 0
    page = (tmp_path / "site/levels/e3.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    every_page = "".join(p.read_text() for p in (tmp_path / "site").rglob("*.html"))
    assert "<script>alert(1)" not in every_page
    assert 'href="javascript:' not in every_page.lower()
    assert "[click me](javascript:alert(2))" in (tmp_path / "site/levels/e2.html").read_text()

    assert run(capsys, "export", str(minimal), "--target", "csv,json", "-o", str(tmp_path / "out"))[0] == 0
    with open(tmp_path / "out/minimal/csv/levels.csv", newline="", encoding="utf-8") as handle:
        titles = {row["level"]: row["title"] for row in csv.DictReader(handle)}
    assert titles["e4"] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert titles["e3"] == "<script>alert(1)</script>"
    exported = json.loads((tmp_path / "out/minimal/json/ladder.json").read_text())
    assert '=HYPERLINK("http://x","y")' in json.dumps(exported, ensure_ascii=False).replace('\\"', '"')


def test_control_characters_escaped_in_quoted_text(capsys, minimal: Path):
    """Found by fuzzing: "\\x01" in a title crashed the Workday export; it is S002 at the title now."""
    edit(family(minimal), "title: Engineer I", 'title: "Engineer\\x01I"')
    assert only(check_json(capsys, minimal)[1]) == (
        "S002", "eng.yaml", 8, 12, "levels[0].title: text holds the control character U+0001")


@pytest.mark.parametrize("title, char", [
    ('"Engineer\\uFFFEI"', "FFFE"), ('"Engineer\\uFFFFI"', "FFFF"), ('"Engineer\\uFDD0I"', "FDD0"),
    ("Engineer\ufdefI", "FDEF"), ("'Engineer\ufdd5I'", "FDD5"), ("Engineer\U0001FFFEI", "1FFFE"),
    ('"Engineer\\U0010FFFFI"', "10FFFF"),
])
def test_non_characters_that_xml_cannot_carry_are_s002_at_the_text(capsys, minimal: Path, title, char):
    """A title holding U+FFFE made every SVG chart of its family malformed XML."""
    edit(family(minimal), "title: Engineer I", f"title: {title}")
    assert only(check_json(capsys, minimal)[1]) == (
        "S002", "eng.yaml", 8, 12, f"levels[0].title: text holds U+{char}, a Unicode non-character that XML "
        "(the site's charts, xlsx) cannot carry")


def test_text_next_to_the_non_characters_passes(capsys, minimal: Path):
    edit(family(minimal), "title: Engineer I", 'title: "Engineer \\uFDCF\\uFDF0\\uFFFD\\U0001FFFD I"')
    assert check_json(capsys, minimal) == (0, [])


@pytest.mark.parametrize("old, new", [
    ("title: Engineer I", "title: " + "word " * 20000),                       # 100 kB: too long (maxLength)
    ("title: Engineer I", "title: \"it's " + "x" * 100000 + "\""),            # quoted, with an apostrophe
    ("    title: Engineer I\n", "    title: Engineer I\n    " + "k" * 1000 + ": 1\n"),  # an unknown key (YAML keys stop at 1024)
])
def test_a_huge_value_is_quoted_shortened_with_an_ellipsis(capsys, minimal: Path, old, new):
    """A 100 kB title was echoed whole: 2.3 MB of output for one ladder."""
    edit(family(minimal), old, new)
    code, out, _ = run(capsys, "check", str(minimal))
    assert code == 1 and "…" in out
    assert len(out) < 2000, out[:3000]
