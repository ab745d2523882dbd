"""The postings target: CSV and schema.org JobPosting JSON-LD, read back and checked against schema.org's shape."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import jsonschema
import pytest
from conftest import FIXTURES, edit, run
from export_helpers import compiled, model_bands, number, read_csv
from test_pay_policy import without_pay

SCHEMA = json.loads((FIXTURES / "schema-org" / "jobposting.schema.json").read_text(encoding="utf-8"))


@pytest.fixture
def posted(example, tmp_path, capsys):
    code, out, _ = run(capsys, "export", str(example), "--target", "postings", "-o", str(tmp_path / "out"))
    assert code == 0, out
    return compiled(example), tmp_path / "out" / "example" / "postings"


def validate(document: dict) -> None:
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    value = document["baseSalary"]["value"]
    assert value["minValue"] <= value["maxValue"]


def test_the_csv_has_one_row_per_level_and_zone_with_its_closed_range(posted):
    ladder, out = posted
    rows = read_csv(out / "postings.csv")
    assert list(rows[0]) == ["family", "level", "title", "track", "grade", "zone", "zone_name", "currency",
                             "pay_period", "base_min", "base_max", "on_target_min", "on_target_max"]
    assert sorted((r["level"], r["zone"], r["currency"], number(r["base_min"]), number(r["base_max"])) for r in rows) == \
        sorted((level, zone, currency, low, high) for level, zone, currency, low, _, high in model_bands(ladder))
    se1 = next(r for r in rows if (r["level"], r["zone"]) == ("se1", "us-tier1"))
    assert (se1["title"], se1["pay_period"], se1["base_min"], se1["base_max"]) == \
        ("Software Engineer I", "annual", "100000", "140000")


def test_the_json_ld_validates_against_schema_org_job_posting(posted):
    ladder, out = posted
    documents = json.loads((out / "postings.jsonld").read_text(encoding="utf-8"))
    assert len(documents) == len(model_bands(ladder))
    for document in documents:
        validate(document)
    first = documents[0]
    assert first["title"] == "Software Engineer I" and first["hiringOrganization"]["name"] == ladder.organisation.name
    assert first["baseSalary"] == {"@type": "MonetaryAmount", "currency": "USD", "value": {
        "@type": "QuantitativeValue", "minValue": 100000, "maxValue": 140000, "unitText": "YEAR"}}


def test_the_schema_refuses_what_schema_org_does_not_define(posted):
    _, out = posted
    document = json.loads((out / "postings.jsonld").read_text(encoding="utf-8"))[0]
    for broken in ({**document, "salary": 1},
                   {**document, "baseSalary": {**document["baseSalary"], "currency": "dollars"}},
                   {**document, "baseSalary": {**document["baseSalary"], "value": {"@type": "QuantitativeValue",
                                                                                  "minValue": 100000}}}):
        with pytest.raises(jsonschema.ValidationError):
            validate(broken)


class Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts: list[tuple[dict, str]] = []
        self.open = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.open = (dict(attrs), "")

    def handle_data(self, data):
        if self.open is not None:
            self.open = (self.open[0], self.open[1] + data)

    def handle_endtag(self, tag):
        if tag == "script" and self.open is not None:
            self.scripts.append(self.open)
            self.open = None


def snippet(path) -> list[tuple[dict, str]]:
    parser = Scripts()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.scripts


def test_each_zone_has_one_json_ld_script_per_level_to_paste(posted):
    ladder, out = posted
    assert sorted(p.stem for p in (out / "snippets").glob("*.html")) == sorted(ladder.zones)
    page = (out / "snippets" / "us-tier1.html").read_text(encoding="utf-8")
    scripts = snippet(out / "snippets" / "us-tier1.html")
    assert re.findall(r"<!-- ([a-z0-9-]+) -->", page)[:2] == ["se1", "se2"] and len(scripts) == len(ladder.levels)
    for attrs, text in scripts:
        assert attrs == {"type": "application/ld+json"}
        validate(json.loads(text))
    assert json.loads(scripts[0][1])["title"] == "Software Engineer I"


def test_a_title_cannot_close_the_script(minimal, tmp_path, capsys):
    edit(minimal / "families" / "eng.yaml", "title: Engineer I\n", "title: \"Engineer</script><script>alert(1)</script> & co\"\n")
    code, out, _ = run(capsys, "export", str(minimal), "--target", "postings", "-o", str(tmp_path / "out"))
    assert code == 0, out
    path = tmp_path / "out" / "minimal" / "postings" / "snippets" / "us.html"
    scripts = snippet(path)
    assert path.read_text(encoding="utf-8").count("</script>") == len(scripts) == 6
    assert json.loads(scripts[0][1])["title"] == "Engineer</script><script>alert(1)</script> & co"


def test_a_ladder_without_pay_posts_no_range(minimal, tmp_path, capsys):
    code, out, _ = run(capsys, "export", str(without_pay(minimal)), "--target", "postings", "-o", str(tmp_path / "out"))
    assert code == 0, out
    posted = tmp_path / "out" / "minimal" / "postings"
    assert read_csv(posted / "postings.csv") == [] and json.loads((posted / "postings.jsonld").read_text("utf-8")) == []


def test_a_level_with_variable_pay_posts_its_on_target_range_too(posted):
    """Pay includes the variable part (Directive 2023/970 Art. 3): a 50/50 commission plan doubles base."""
    ladder, out = posted
    rows = {(r["level"], r["zone"]): r for r in read_csv(out / "postings.csv")}
    ae2 = ladder.levels["ae2"]
    band = ae2.bands["us-tier1"]
    expected = [ladder.total(ae2, "us-tier1", b) - (ae2.equity["us-tier1"].amount if "us-tier1" in ae2.equity else 0)
                for b in (band.min, band.max)]
    row = rows[("ae2", "us-tier1")]
    assert [number(row["on_target_min"]), number(row["on_target_max"])] == expected
    assert expected[0] > band.min
    assert rows[("se1", "us-tier1")]["on_target_min"] == ""  # no variable pay: no on-target range
    # The JSON-LD lists the postings in the CSV's order (one per level and zone).
    documents = dict(zip(((r["level"], r["zone"]) for r in read_csv(out / "postings.csv")),
                         json.loads((out / "postings.jsonld").read_text(encoding="utf-8")), strict=True))
    posting = documents[("ae2", "us-tier1")]
    validate(posting)
    assert posting["incentiveCompensation"].startswith(
        f"On-target earnings {expected[0]:,} to {expected[1]:,} USD a year, base pay included (commission")
    assert "incentiveCompensation" not in documents[("se1", "us-tier1")]


def test_an_hourly_level_posts_its_rate_per_hour(minimal, tmp_path, capsys):
    edit(minimal / "families/eng.yaml", "levels:\n", "classification: {pay_rate: hourly}\nlevels:\n")
    code, out, _ = run(capsys, "export", str(minimal), "--target", "postings", "-o", str(tmp_path / "out"))
    assert code == 0, out
    postings = tmp_path / "out" / "minimal" / "postings"
    rows = read_csv(postings / "postings.csv")
    assert {r["pay_period"] for r in rows} == {"hourly"}
    documents = json.loads((postings / "postings.jsonld").read_text(encoding="utf-8"))
    assert {d["baseSalary"]["value"]["unitText"] for d in documents} == {"HOUR"}
    for document in documents:
        validate(document)
