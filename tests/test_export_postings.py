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
                             "pay_period", "base_min", "base_max"]
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
