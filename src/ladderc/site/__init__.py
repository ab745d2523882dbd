"""The employee site: the resolved ladders as a browsable, searchable static site (MkDocs).

`build_site` reads top to bottom: plan the pages (pages.py), render their Markdown (render.py),
write the MkDocs configuration into a temporary folder and hand MkDocs the pages from memory
(mkdocs.py), build it into a fresh directory that replaces the output only once everything
succeeded (ladderc.output.atomic_directory).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ladderc.model import Ladder


@dataclass(frozen=True)
class SiteOptions:
    pay: bool = True  # False: a build for outsiders, with no band or amount anywhere
    theme: str = "material"
    # Ladder root (resolved) -> its history (`ladderc.history.Era`s): a "what changed" page per effective date.
    history: Mapping[Path, list] = field(default_factory=dict)
    site_url: str | None = None  # where the site is served ('https://example.com/careers/'); 404 links need it


def render_pages(ladders: list[Ladder], options: SiteOptions,
                 verified: list[frozenset[str]] | None = None) -> tuple[dict[str, str], list]:
    """Every docs file of the MkDocs project (path → text) and the navigation.

    `verified` holds, per ladder, the rules that were verified on it (`Compilation.verified`);
    without it the rules are run here, all of them, so that no promise goes unchecked.
    """
    from ladderc.site.mkdocs import SCRIPT, SEARCH_LOADER, STYLESHEET
    from ladderc.site.pages import plan
    from ladderc.site.render import environment, render_markdown

    env = environment()
    pages, svgs, nav = plan(ladders, options.pay, verified if verified is not None else [check(x) for x in ladders],
                            options.history)
    files = {page.path: front_matter(page) + env.get_template(page.template).render(page.context) for page in pages}
    render_markdown.cache_clear()  # the texts are in the pages now
    files.update(svgs)
    files.update(ladder_data(ladders, options.pay))
    for asset in (STYLESHEET, SCRIPT, SEARCH_LOADER):
        files[asset] = resources.files("ladderc.site").joinpath("templates").joinpath(Path(asset).name).read_text("utf-8")
    return files, navigation(nav, options.history)


def spaced_cells(text: str) -> str:
    """A space between adjacent table cells: search indexes the text of a page's HTML, and
    `175,000 USD</td><td>207,000 USD` would otherwise be one word, `USD207,000`."""
    import re

    return re.sub(r"</(td|th)><(td|th)\b", r"</\1> <\2", text)


def ladder_data(ladders: list[Ladder], pay: bool) -> dict[str, str]:
    """Each ladder as the json export's document, beside its home page, for other tools; no pay without pay."""
    from ladderc.export.json_target import document, encode, without_pay
    from ladderc.site.pages import ladder_paths

    def text(ladder: Ladder) -> str:
        data = encode(document(ladder) if pay and ladder.publishes_pay else without_pay(document(ladder)))
        # The same data, but no markup character, even if a server labels the file as HTML: '<', '>'
        # and '&' occur in JSON only inside strings, where their \u escapes mean the same.
        return data.decode("utf-8").replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

    return {paths.data(): text(ladder) for ladder, paths in zip(ladders, ladder_paths(ladders), strict=False)}


def check(ladder: Ladder) -> frozenset[str]:
    """The rules verified on `ladder` when every rule runs, for a caller that did not say."""
    from ladderc.checks import run_rules, verified_rules
    from ladderc.graph import TransitionGraph

    return verified_rules(ladder, run_rules(ladder, TransitionGraph(ladder)))


def front_matter(page) -> str:
    """The page title as MkDocs metadata, HTML-escaped; level pages boosted in search.

    Without it MkDocs takes the title from the first heading, and Material prints that through
    `striptags`, which unescapes entities: a title `</title><script>` would become markup.
    Material and MkDocs print a metadata title as it is, so it must arrive escaped. Someone who
    searches for a title wants the level before the pages that compare it with its neighbours;
    `search.boost` is Material's and ignored by other themes. `ladderc.prerendered` lets the
    MkDocs hook prerendered.py give MkDocs the page's HTML without a Python-Markdown pass (the
    hook checks that the page keeps to the Markdown it can render; other engines ignore the key);
    `ladderc.family` names the family page whose menu entry stands for a level or change page
    (shared_nav.py lists only that family in such a page's menu).
    """
    import yaml
    from markupsafe import escape

    meta: dict = {"title": str(escape(page.title))}
    if page.template == "level.md.j2":
        meta["search"] = {"boost": 2}
    meta["ladderc"] = {"prerendered": True} | ({"family": page.family} if page.family else {})
    # libyaml's emitter when PyYAML has it: the pure-Python one was a tenth of the render stage.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return "---\n" + yaml.dump(meta, Dumper=dumper, allow_unicode=True, width=1000) + "---\n\n"


def navigation(ladders, history: Mapping[Path, list] = {}) -> list:
    """The menu: per ladder its home, promises, families, competencies and requirements (by name); then HR's.

    New employee pages of a ladder belong in `section`; material for HR (how the ladder is
    checked and maintained) under "For HR".
    """
    from html import escape

    from ladderc.site.pages import IMPORT_PAGE, PAY_SETTING_TITLE, RULES_PAGE, history_title
    from ladderc.site.render import by_name

    menu: list = []
    for ladder, paths in ladders:
        section = [{"Overview": paths.home()}, {"Our promises": paths.promises()},
                   {"How to use this site": paths.guide()}, {"Compare two levels": paths.compare()},
                   {"Families": [{escape(f.name): paths.family(f.id)} for f in by_name(ladder.families)]},
                   {PAY_SETTING_TITLE: paths.pay_setting()}]
        if ladder.competencies:
            section.append({"Competencies": [{escape(c.name): paths.competency(c.id)}
                                             for c in by_name(ladder.competencies)]})
        if ladder.requirements:
            section.append({"Readiness requirements": [{escape(r.name): paths.requirement(r.id)}
                                                       for r in by_name(ladder.requirements)]})
        if eras := history.get(Path(ladder.root).resolve()):
            section.append({"What changed": [{escape(history_title(era)): paths.history(era)} for era in reversed(eras)]})
        menu.extend(section if len(ladders) == 1 else [{escape(ladder.organisation.name): section}])
    if len(ladders) > 1:
        menu.insert(0, {"Home": "index.md"})
    menu.append({"For HR": [{"Rule reference": RULES_PAGE}, {"Start from a spreadsheet": IMPORT_PAGE}]})
    return menu


def build_site(ladders: list[Ladder], target: Path, options: SiteOptions = SiteOptions(),
               verified: list[frozenset[str]] | None = None) -> int:
    """Build the site into `target` (replaced only as `ladderc.guard` allows); returns the number of pages."""
    from ladderc.compiler import gc_paused
    from ladderc.importer.template import write_template
    from ladderc.output import atomic_directory, scratch_directory, source_date
    from ladderc.site.mkdocs import config, in_memory, run_build, write_project
    from ladderc.site.pages import TEMPLATE_FILE
    from ladderc.timings import stage

    # The pages pile up until MkDocs has them: the cyclic collector would walk them again and again.
    with stage("render"), gc_paused():
        files, nav = render_pages(ladders, options, verified)
    name = ladders[0].organisation.name if len(ladders) == 1 else "Career ladders"
    epoch = int(source_date(min(ladder.organisation.effective for ladder in ladders)).timestamp())
    pages = sum(1 for path in files if path.endswith(".md"))
    with scratch_directory("site") as project, atomic_directory(target, "site") as site:
        with stage("write-project"):
            # Only mkdocs.yml and the template sheet go to disk; MkDocs takes the pages from memory.
            config_file = write_project(project, config(name, nav, options.theme, options.site_url), {})
            write_template(project / "docs" / TEMPLATE_FILE)  # the import's template sheet, for the HR page
            docs = in_memory({path: spaced_cells(text) if path.endswith(".md") else text
                              for path, text in files.items()})
        del files
        with stage("mkdocs"):  # the benchmark counts everything but this stage as ladderc's own work
            run_build(config_file, site, epoch, docs)
    return pages
