"""The build's short cuts give MkDocs and Material exactly what their own code would have, page by page.

prerendered.py renders ladderc's pages without Python-Markdown; search_tokens.py feeds Material's
search parser from html_tags instead of html.parser. Each is compared with the code it stands in
for on every page of the example ladder, real corpus ladders, a generated ladder and a ladder of
hostile text, and each must actually take the short cut on the level and change pages (a short
cut that always declines would pass every comparison and save nothing).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, edit

from ladderc.compiler import compile_ladder
from ladderc.site import SiteOptions, render_pages, spaced_cells
from ladderc.site.html_tags import split, tags
from ladderc.site.mkdocs import config as site_config
from ladderc.site.mkdocs import write_project

mkdocs_config = pytest.importorskip("mkdocs.config")
from material.plugins.search.plugin import Parser  # noqa: E402
from mkdocs.structure.files import File, get_files  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402
from mkdocs.structure.toc import get_toc  # noqa: E402

from ladderc.site import prerendered  # noqa: E402
from ladderc.site.search_tokens import token_parser  # noqa: E402

HOSTILE_SUMMARY = ("Tabs\\tand a fence:\\n\\n```\\nfirst\\n\\n\\tsecond & <b>\\n```\\n\\n"
                   "&#34 and &amp; and <!-- a comment --> and `code`\\n\\n    indented\\n\\n# not a heading")


def _generated(tmp: Path) -> Path:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    generate.main([str(tmp / "generated"), "--families", "3", "--zones", "3"])
    return tmp / "generated"


def _hostile(tmp: Path) -> Path:
    import shutil

    ladder = tmp / "hostile"
    shutil.copytree(FIXTURES / "minimal", ladder)
    edit(ladder / "ladder.yaml", "name: Minimal Co", "name: \"R&D <Labs> \\\"Q\\\" 's\"")
    edit(ladder / "families/eng.yaml", "name: Engineering", 'name: "Ops & <Support> [x](y) #1"')
    edit(ladder / "families/eng.yaml", "title: Engineer I\n",
         f'title: "A&B <i> \\\\* _x_ `c` #"\n    summary: "{HOSTILE_SUMMARY}"\n')
    edit(ladder / "families/eng.yaml", "title: Engineer II\n", 'title: "???"\n')
    edit(ladder / "families/eng.yaml", "title: Senior Engineer\n", 'title: "_1"\n')
    edit(ladder / "families/eng.yaml", "craft: Ships features.", f'craft: "{HOSTILE_SUMMARY}"')
    return ladder


LADDERS = {
    "example": lambda tmp: ROOT / "ladders" / "example",
    "gitlab": lambda tmp: ROOT / "tests" / "real" / "gitlab",
    "uk-ddat": lambda tmp: ROOT / "tests" / "real" / "uk-ddat",
    "generated": _generated,
    "hostile": _hostile,
}


@pytest.fixture(scope="module", params=sorted(LADDERS))
def project(request, tmp_path_factory):
    """(MkDocs config, files, pages read from their source) of a ladder's site project, as `build_site` writes it."""
    tmp = tmp_path_factory.mktemp(request.param)
    compilation = compile_ladder(LADDERS[request.param](tmp))
    assert compilation.ladder is not None
    files, nav = render_pages([compilation.ladder], SiteOptions(), [compilation.verified])
    files = {path: spaced_cells(text) if path.endswith(".md") else text for path, text in files.items()}
    config = mkdocs_config.load_config(str(write_project(tmp / "project", site_config("Site", nav, "material"), files)))
    site_files = get_files(config)
    pages = []
    for file in site_files.documentation_pages():
        page = Page(None, file, config)
        page.read_source(config)
        pages.append(page)
    return request.param, config, site_files, pages


def _toc(items) -> list:
    return [(item.title, item.id, item.level, _toc(item.children)) for item in items]


def _rendered(page, config, files) -> tuple:
    page.render(config, files)
    return page.content, _toc(page.toc), page._title_from_render, page.present_anchor_ids


def test_prerendered_pages_are_python_markdowns_output(project):
    name, config, files, pages = project
    prerendered.on_config(config)
    headings = prerendered._state["headings"]
    taken = set()
    for page in pages:
        fast = prerendered.render(page.markdown, headings)
        if fast is None:
            continue
        taken.add(page.file.src_uri)
        assert (fast.content, _toc(get_toc(fast.toc_tokens)), fast.title, fast.anchor_ids) == \
            _rendered(page, config, files), page.file.src_uri
    # every page of these kinds keeps to the subset, inline SVG graphs included
    short_cut_pages = {p.file.src_uri for p in pages if p.file.src_uri.startswith(("levels/", "changes/", "families/"))}
    if name == "hostile":  # the family's name, with '[', is its page's heading: MkDocs' own path
        assert "families/eng.md" not in taken
        short_cut_pages.remove("families/eng.md")
    assert short_cut_pages <= taken


def _sections(parser_class, html: str) -> list:
    parser = parser_class()
    parser.feed(html)
    parser.close()
    return [(s.el.tag, s.el.attrs, s.depth, s.id, s.title, s.text, s.is_excluded()) for s in parser.data]


def test_search_sections_are_materials(project):
    name, config, files, pages = project
    fast_parser = token_parser(Parser)
    tokenized = 0
    for page in pages:
        page.render(config, files)
        tokenized += split(page.content) is not None
        assert _sections(fast_parser, page.content) == _sections(Parser, page.content), page.file.src_uri
    assert tokenized >= 0.9 * len(pages)


@pytest.mark.parametrize("text", [
    "# Title\n<div>x</div>\n",  # a block right after a heading
    "<div>x</div>\n# Title\n",  # a heading right after a block
    "<div>x</div> tail\n",  # text after a block's last tag
    "<div>\n```\nx\n```\n</div>\n",  # a fence inside a block
    "<!-- c -->\n\n# T\n",  # a comment
    "<hr>\n\n# T\n",  # an empty block
    "<span>x</span>\n",  # an inline tag
    "Some text\n",  # a paragraph
    "# [link](x.md)\n",  # a link in a heading
    "<div>\x02</div>\n",  # Python-Markdown's placeholder character
])
def test_markdown_outside_the_subset_takes_mkdocs_own_path(text):
    assert prerendered.render(text, prerendered.Headings(["toc", "tables", "fenced_code"], {})) is None


@pytest.mark.parametrize("html", ['<p>a < b</p>', "<!-- c --><p>x</p>", "<P>x</P>", "<a href=x>y</a>",
                                  "<script>if (a<b) {}</script>", '</p class="x">', "<p>&#34 x</p>",
                                  "<svg><title>a<b>x</b></title></svg>", '<p a="<">x</p>'])
def test_html_outside_the_subset_goes_to_html_parser(html):
    assert (split(html) is None and tags(html) is None) or html == "<p>&#34 x</p>"
    assert _sections(token_parser(Parser), html) == _sections(Parser, html)


def test_the_hooks_are_in_the_generated_configuration():
    hooks = [Path(x).name for x in site_config("Site", [], "material")["hooks"]]
    assert hooks == ["prerendered.py", "shared_nav.py", "search_tokens.py"]
    assert [Path(x).name for x in site_config("Site", [], "mkdocs")["hooks"]] == ["prerendered.py"]


@pytest.mark.parametrize("html", ['<p>a<span/>b</p><p>c</p>', '<h1 id="t">T</h1><p>x<br>y<br/></p>',
                                  '<h2 id="x">T &amp; <code>c</code></h2><p data-search-exclude>no</p><p>yes &lt;</p>',
                                  '<pre><code>a\n\n  b &gt;</code></pre>\n<ul>\n<li>one</li>\n</ul>',
                                  '<div class="linenodiv"><p>1</p></div><p id="" hidden>z</p>',
                                  '<svg viewBox="0 0 1 1"><title>T &amp; x</title><text x="1">y</text></svg>'])
def test_token_parser_gives_materials_sections_on_html_in_the_subset(html):
    assert split(html) is not None
    assert _sections(token_parser(Parser), html) == _sections(Parser, html)


@pytest.mark.parametrize("lines", [
    ["# A", "## A", "### Pay"],  # the same id twice: converted together
    ["# ???", "## ???"],  # two empty ids
    ["# \\_1", "## ???"],  # an empty id after a heading whose id is `_1`
    ["## ???", "# Title", "### Pay", "## Pay_1", "## Pay"],
    ["### Deep", "# Top", "#### Deeper", "## Mid"],  # nesting out of order
])
def test_headings_converted_alone_are_the_headings_converted_together(lines):
    headings = prerendered.Headings(["toc", "tables", "fenced_code"], {})
    for line in lines:  # fill the cache, then convert the page
        headings.convert([line])
    converted = headings.convert(lines)
    together = prerendered.Headings(["toc", "tables", "fenced_code"], {})._convert_together(lines)
    assert converted is not None and together is not None
    (html, tokens, title, ids), (html_t, tokens_t, title_t, ids_t) = converted, together
    assert (html, _toc(get_toc(tokens)), title, ids) == (html_t, _toc(get_toc(tokens_t)), title_t, ids_t)


def _site_bytes(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_build_with_the_short_cuts_is_byte_for_byte_a_build_without(tmp_path):
    """With every short cut (the hooks, and the docs from memory) against MkDocs reading the docs from disk."""
    from ladderc.site.mkdocs import in_memory, run_build

    compilation = compile_ladder(_hostile(tmp_path))
    files, nav = render_pages([compilation.ladder], SiteOptions(), [compilation.verified])
    files = {path: spaced_cells(text) if path.endswith(".md") else text for path, text in files.items()}
    sites = {}
    for short_cuts in (True, False):
        settings = site_config("Site", nav, "material")
        if not short_cuts:
            settings["hooks"] = [x for x in settings["hooks"] if Path(x).name == "shared_nav.py"]
        config_file = write_project(tmp_path / f"project-{short_cuts}", settings, {} if short_cuts else files)
        run_build(config_file, tmp_path / f"site-{short_cuts}", 0, in_memory(files) if short_cuts else None)
        assert sorted(p.name for p in (tmp_path / f"project-{short_cuts}" / "docs").iterdir()) == (
            [] if short_cuts else sorted({path.split("/")[0] for path in files}))
        sites[short_cuts] = _site_bytes(tmp_path / f"site-{short_cuts}")
    assert sites[True] == sites[False]
    from material.plugins.search import plugin

    assert plugin.Parser is Parser  # Material's own class is back after the build


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_docs_from_memory_build_the_site_docs_on_disk_build_with_any_theme(tmp_path, theme):
    from ladderc.site.mkdocs import in_memory, run_build

    compilation = compile_ladder(FIXTURES / "full")
    files, nav = render_pages([compilation.ladder], SiteOptions(theme=theme), [compilation.verified])
    files = {**files, "assets/extra.css": "p { margin: 0 }\n"}
    sites = {}
    for memory in (True, False):
        config_file = write_project(tmp_path / f"project-{memory}", site_config("Site", nav, theme),
                                    {} if memory else files)
        run_build(config_file, tmp_path / f"site-{memory}", 0, in_memory(files) if memory else None)
        sites[memory] = _site_bytes(tmp_path / f"site-{memory}")
    assert sites[True] == sites[False] and "assets/extra.css" in sites[True]


def test_docs_from_memory_are_met_in_the_order_of_mkdocs_own_walk_of_the_docs(tmp_path):
    """The order of the pages is the order they are built and indexed in: it must be MkDocs' own."""
    from ladderc.site.mkdocs import _walk_order

    # No README.md: MkDocs drops one beside an index.md, and ladderc's ids (lower case) never make one.
    names = ["index.md", "b.md", "B.md", "a-z.md", "a.md", "levels/index.md", "levels/x.md", "levels/a/b.md",
             "levels/a/index.md", "levels-x.md", "levels.md", "z/a.md", "Z.md", "assets/a.css", "index.svg", "a/z.md"]
    config_file = write_project(tmp_path / "project", site_config("Site", [], "mkdocs"), dict.fromkeys(names, "x\n"))
    found = [f.src_uri for f in get_files(mkdocs_config.load_config(str(config_file)))]
    assert sorted(found) == sorted(names) and found[:2] == ["index.md", "index.svg"]
    assert found == sorted(names, key=lambda name: _walk_order(File(name, None, None, False)))
