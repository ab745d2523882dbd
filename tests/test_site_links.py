"""A link crawl of the built site: every internal link and resource of every page resolves (benchmarks/site.py)."""

from __future__ import annotations

import importlib.util

from conftest import EXAMPLE, ROOT

from ladderc.cli import main


def _crawl():
    spec = importlib.util.spec_from_file_location("bench_site", ROOT / "benchmarks" / "site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.crawl


def test_no_link_is_broken_as_built_nor_under_a_sub_path(tmp_path, example_site):
    crawl = _crawl()
    assert main(["build", str(EXAMPLE), "-o", str(tmp_path / "careers"), "--site-url", "https://example.com/careers/"]) == 0
    assert crawl(example_site) == []
    assert crawl(tmp_path / "careers", "/careers/") == []
    # the crawl sees a broken link: the 404 page of a site built for the root, hosted under /careers/
    assert ("404.html", "/assets/ladderc.css") in crawl(example_site, "/careers/")
