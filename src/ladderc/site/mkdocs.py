"""The MkDocs project: write mkdocs.yml and the pages, then run a real, quiet, reproducible build.

Theme specifics live only in the generated configuration (`THEMES`), so any MkDocs-compatible
theme can be swapped in by name. The build runs in-process with mkdocs' logging held at warnings,
`strict` on (a broken generated link is a ladderc bug and must fail loudly), and
`SOURCE_DATE_EPOCH` set for its duration, because mkdocs stamps the sitemap and its gzip header
with the build date.
"""

from __future__ import annotations

import contextlib
import logging
import os
import posixpath
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import cast

import yaml
from markupsafe import Markup, escape

from ladderc.output import write_bytes, write_text

THEMES = {
    # font: false keeps Material from fetching Google Fonts: the site makes no off-host request.
    "material": {"name": "material", "font": False, "language": "en",
                 "features": ["navigation.sections", "navigation.top", "search.highlight",
                              # Only the visible part of the menu goes into each page.
                              "navigation.prune"],
                 # Light or dark as the system says, with a toggle; Material keeps the choice locally.
                 "palette": [
                     {"media": "(prefers-color-scheme: light)", "scheme": "default",
                      "toggle": {"icon": "material/brightness-7", "name": "Switch to dark mode"}},
                     {"media": "(prefers-color-scheme: dark)", "scheme": "slate",
                      "toggle": {"icon": "material/brightness-4", "name": "Switch to light mode"}}]},
    "mkdocs": {"name": "mkdocs"},
    "readthedocs": {"name": "readthedocs"},
}
STYLESHEET = "assets/ladderc.css"
SCRIPT = "assets/ladderc.js"  # small fixes to the theme and the narrow-screen tables; the site works without it
# Loaded before the theme's own scripts: search from file:// and the index only once a search starts.
SEARCH_LOADER = "assets/ladderc-search.js"
DOCS_PLUGIN = "ladderc-docs"  # the plugin that hands MkDocs the pages from memory (`_docs_plugin`)


def config(site_name: str, nav: list, theme: str, site_url: str | None = None) -> dict:
    settings = {
        "site_name": site_name,  # escaped once, as markup, by run_build
        "use_directory_urls": False,  # plain .html links: the site also opens straight from disk
        "strict": True,
        "theme": THEMES[theme],
        "plugins": ["search"],
        "markdown_extensions": ["toc"],
        "extra_css": [STYLESHEET],
        "extra_javascript": [SCRIPT],
        "extra": {"polyfills": [SEARCH_LOADER]},  # Material's hook for scripts that run before its bundle
        "nav": nav,
    }
    here = Path(__file__).parent
    # ladderc's pages as HTML, without a Python-Markdown pass (prerendered.py).
    hooks = [str(here / "prerendered.py")]
    if theme == "material":
        # The menu of the pages outside the navigation, rendered once per folder (shared_nav.py).
        settings["theme"] = {**cast("dict[str, object]", settings["theme"]), "custom_dir": str(here / "overrides")}
        # Material's search index from html_tags' tokens rather than a second html.parser pass (search_tokens.py).
        hooks += [str(here / "shared_nav.py"), str(here / "search_tokens.py")]
    settings["hooks"] = hooks
    if site_url:
        # Pages link relatively and work anywhere; the 404 page, served at any depth, links from
        # the root of `site_url`'s path, so under a sub-path it needs to know that path.
        settings["site_url"] = site_url
    return settings


def write_project(project: Path, settings: dict, files: Mapping[str, str]) -> Path:
    """Write mkdocs.yml and every docs file (Markdown, SVG, CSS), each checked to land inside docs/.

    `ladderc build` writes only mkdocs.yml this way and hands MkDocs the docs from memory
    (`run_build`'s `docs`); a project on disk is for a build by other means (the tests, an engine
    that reads the same project).
    """
    from ladderc.paths import destination

    (project / "docs").mkdir(parents=True, exist_ok=True)
    for path, text in sorted(files.items()):
        write_text(destination(project / "docs", path), text)
    config_file = project / "mkdocs.yml"
    write_text(config_file, yaml.safe_dump(settings, sort_keys=False, allow_unicode=True))
    return config_file


def in_memory(files: Mapping[str, str]) -> dict[str, str]:
    """The docs files for `run_build`, their names checked as `write_project` checks them (a refusal is a usage error)."""
    from ladderc.paths import virtual

    return {virtual(path): text for path, text in files.items()}


@contextlib.contextmanager
def _reproducible(epoch: int) -> Iterator[None]:
    """Quiet mkdocs and pin its clock; restore both afterwards."""
    logger = logging.getLogger("mkdocs")
    level, saved = logger.level, os.environ.get("SOURCE_DATE_EPOCH")
    logger.setLevel(logging.WARNING)
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        logger.setLevel(level)
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def run_build(config_file: Path, site_dir: Path, epoch: int, docs: Mapping[str, str] | None = None) -> None:
    """Build the project at `config_file` into `site_dir`, with `docs` (path -> text, from `in_memory`) added to its docs.

    MkDocs takes `docs` as its own virtual files (`File.generated`), so the pages are never
    written out only to be read back: that was a tenth of a build, in opening, creating folders
    and deleting the copies again.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from ladderc.compiler import gc_paused

    # A build allocates much and frees it by reference counting; the cyclic collector would
    # re-walk every live object (pages, their HTML, the index) again and again as they pile up.
    with _reproducible(epoch), gc_paused():
        settings = load_config(str(config_file), site_dir=str(site_dir))
        # Themes print the site name raw in some places (`{{ config.site_name }}`) and through
        # `| e` in others (Material's header title): escaped text marked as markup is printed
        # once-escaped by both, where escaped plain text showed `R&amp;amp;D` in the title.
        settings["site_name"] = Markup(escape(settings["site_name"]))
        if docs:
            settings.plugins[DOCS_PLUGIN] = _docs_plugin(docs)
        build(settings)
    drop_source_maps(site_dir)
    script_index(site_dir)


def _docs_plugin(docs: Mapping[str, str]):
    """A MkDocs plugin whose `on_files` adds `docs` to the files MkDocs found, where they would be on disk
    (and which tells Jinja the templates stay as they are for the build).

    In the order MkDocs' own walk of docs_dir gives (`_walk_order`), ahead of the theme's files, so
    the pages are built, indexed and listed in the same order as from disk; and as on disk, a
    theme file of the same name gives way to the docs file.
    """
    from mkdocs.plugins import BasePlugin, event_priority
    from mkdocs.structure.files import File, Files

    class DocsInMemory(BasePlugin):
        @event_priority(100)  # before any other plugin looks at the files
        def on_files(self, files: Files, config) -> Files:
            own = [File.generated(config, path, content=text) for path, text in docs.items()]
            names = {f.src_uri for f in own}
            found = list(files)
            in_docs = [f for f in found if f.src_dir == config["docs_dir"]]
            theme = [f for f in found if f.src_dir != config["docs_dir"] and f.src_uri not in names]
            return Files(sorted(in_docs + own, key=_walk_order) + theme)

        def on_env(self, env, config, files):
            # No template changes while a build runs: Jinja need not look at each template's file
            # again every time a page includes it (tens of times a page, a stat call each).
            env.auto_reload = False
            return env

        def on_post_page(self, output: str, page, config) -> str:
            # The page is built: its text, kept by its File, is needed by no one (as prerendered.py drops
            # the page's own copies), and MkDocs keeps every File until the build ends.
            if page.file.generated_by == DOCS_PLUGIN:  # MkDocs names the plugin that made the file
                page.file.content_string = ""
            return output

    return DocsInMemory()


def _walk_order(file) -> tuple:
    """Where `os.walk` of docs_dir, as MkDocs' get_files runs it, meets this file.

    A folder's files first (`index` and `README` ahead of the rest, then by name), then its
    sub-folders by name, each in the same way.
    """
    *folders, name = file.src_uri.split("/")
    return (*((1, folder) for folder in folders), (0, (posixpath.splitext(name)[0] not in ("index", "README"), name)))


def script_index(site_dir: Path) -> None:
    """The search index also as `search/search_index.js`, which Material loads from file:// instead.

    Without it, every page opened from disk logs a script error. (Material's `offline` plugin
    writes the same file but also adds a script fetched from unpkg.com: the site fetches nothing
    off its host.)
    """
    index = site_dir / "search" / "search_index.json"
    if index.is_file():
        write_bytes(index.with_suffix(".js"), b"var __index = " + index.read_bytes())


def drop_source_maps(site_dir: Path) -> None:
    """Remove the theme's source maps (a megabyte nobody reading the site needs) and the comments naming them."""
    import re

    for source_map in sorted(site_dir.rglob("*.map")):
        source_map.unlink()
    comment = re.compile(rb"\n?/[/*][#@] sourceMappingURL=[^\n]*")
    for asset in sorted(site_dir.joinpath("assets").rglob("*")):
        if asset.suffix in (".js", ".css") and b"sourceMappingURL=" in asset.read_bytes():
            asset.write_bytes(comment.sub(b"", asset.read_bytes()))
