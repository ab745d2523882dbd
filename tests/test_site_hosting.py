"""The site hosted anywhere: a sub-path (--site-url), no source maps, and the ladder as data beside it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import EXAMPLE, run

AMOUNT = re.compile(r'"(min|mid|max|round)": \d')


@pytest.fixture(scope="module")
def hosted(tmp_path_factory) -> Path:
    from ladderc.cli import main

    site = tmp_path_factory.mktemp("hosted") / "site"
    assert main(["build", str(EXAMPLE), "-o", str(site), "--site-url", "https://example.com/careers"]) == 0
    return site


def test_the_404_page_links_under_the_site_url(hosted):
    page = (hosted / "404.html").read_text("utf-8")
    links = re.findall(r'(?:href|src)="([^"]+)"', page)
    rooted = [link for link in links if link.startswith("/")]
    assert rooted and all(link.startswith("/careers/") for link in rooted), rooted
    assert "/careers/assets/ladderc.css" in rooted and "/careers/families/engineering.html" in rooted


def test_a_site_url_that_is_no_folder_url_is_a_usage_error(capsys, minimal, tmp_path):
    for bad in ("example.com/careers", "ftp://example.com/", "https://example.com/?x=1"):
        with pytest.raises(SystemExit) as stop:  # argparse's usage error
            run(capsys, "build", str(minimal), "-o", str(tmp_path / "site"), "--site-url", bad)
        err = capsys.readouterr().err
        assert stop.value.code == 2 and "is not an http(s) URL of a folder" in err and "Traceback" not in err
    assert not (tmp_path / "site").exists()


def test_no_source_map_ships(hosted):
    assert not list(hosted.rglob("*.map"))
    assets = [p for p in (hosted / "assets").rglob("*") if p.suffix in (".js", ".css")]
    assert assets and not any(b"sourceMappingURL" in p.read_bytes() for p in assets)


def test_ladder_json_is_the_json_export(capsys, hosted, tmp_path):
    code, out, err = run(capsys, "export", str(EXAMPLE), "--target", "json", "-o", str(tmp_path / "export"))
    assert code == 0, out + err
    published = (hosted / "ladder.json").read_text("utf-8")
    assert json.loads(published) == json.loads((tmp_path / "export/example/json/ladder.json").read_text("utf-8"))
    assert "<" not in published
    assert 'href="ladder.json"' in (hosted / "index.html").read_text("utf-8")


def test_ladder_json_without_pay_has_no_amount(capsys, tmp_path):
    code, out, err = run(capsys, "build", str(EXAMPLE), "-o", str(tmp_path / "site"), "--no-pay")
    assert (code, err) == (0, ""), out
    text = (tmp_path / "site/ladder.json").read_text("utf-8")
    doc = json.loads(text)
    assert not AMOUNT.search(text) and all(level["bands"] == {} for level in doc["levels"])
    assert all(zone["derive"] is None for zone in doc["zones"]) and len(doc["levels"]) > 10
    assert "range_spread" not in doc["policy"] and doc["policy"]["readiness"] is not None
