"""The employee site: the resolved ladders as a browsable, searchable static site (MkDocs).

`build_site` reads top to bottom: plan the pages (pages.py), render their Markdown (render.py),
write the MkDocs project into a temporary folder (mkdocs.py), build it into a fresh directory
that replaces the output only once everything succeeded (ladderc.output.atomic_directory).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Mapping

from ladderc.model import Ladder


@dataclass(frozen=True)
class SiteOptions:
    pay: bool = True  # False: a build for outsiders, with no band or amount anywhere
    theme: str = "material"
    # Ladder root (resolved) -> its history (`ladderc.history.Era`s): a "what changed" page per effective date.
    history: Mapping[Path, list] = field(default_factory=dict)


def render_pages(ladders: list[Ladder], options: SiteOptions) -> tuple[dict[str, str], list]:
    """Every docs file of the MkDocs project (path → text) and the navigation."""
    from ladderc.site.mkdocs import SCRIPT, STYLESHEET
    from ladderc.site.pages import plan
    from ladderc.site.render import environment

    env = environment()
    pages, svgs, nav = plan(ladders, options.pay, options.history)
    files = {page.path: front_matter(page) + env.get_template(page.template).render(page.context) for page in pages}
    files.update(svgs)
    for asset in (STYLESHEET, SCRIPT):
        files[asset] = resources.files("ladderc.site").joinpath("templates", Path(asset).name).read_text("utf-8")
    return files, navigation(nav, options.history)


def front_matter(page) -> str:
    """The page title as MkDocs metadata, HTML-escaped; level pages boosted in search.

    Without it MkDocs takes the title from the first heading, and Material prints that through
    `striptags`, which unescapes entities: a title `</title><script>` would become markup.
    Material and MkDocs print a metadata title as it is, so it must arrive escaped. Someone who
    searches for a title wants the level before the pages that compare it with its neighbours;
    `search.boost` is Material's and ignored by other themes.
    """
    import yaml
    from markupsafe import escape

    meta: dict = {"title": str(escape(page.title))}
    if page.template == "level.md.j2":
        meta["search"] = {"boost": 2}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, width=1000) + "---\n\n"


def navigation(ladders, history: Mapping[Path, list] = {}) -> list:
    """The menu: per ladder its home, families, competencies and requirements; then the rules."""
    from html import escape

    from ladderc.site.pages import PAY_SETTING_TITLE
    from ladderc.site.pages import history_title

    menu: list = []
    for ladder, paths in ladders:
        section = [{"Overview": paths.home()},
                   {"Families": [{escape(f.name): paths.family(f.id)} for f in ladder.families.values()]},
                   {PAY_SETTING_TITLE: paths.pay_setting()}]
        if ladder.competencies:
            section.append({"Competencies": [{escape(c.name): paths.competency(c.id)}
                                             for c in ladder.competencies.values()]})
        if ladder.requirements:
            section.append({"Readiness requirements": [{escape(r.name): paths.requirement(r.id)}
                                                       for r in ladder.requirements.values()]})
        if eras := history.get(Path(ladder.root).resolve()):
            section.append({"What changed": [{escape(history_title(era)): paths.history(era)} for era in reversed(eras)]})
        menu.extend(section if len(ladders) == 1 else [{escape(ladder.organisation.name): section}])
    if len(ladders) > 1:
        menu.insert(0, {"Home": "index.md"})
    menu.append({"Rules": "rules.md"})
    return menu


def build_site(ladders: list[Ladder], target: Path, options: SiteOptions = SiteOptions()) -> int:
    """Build the site into `target` (replaced only as `ladderc.guard` allows); returns the number of pages."""
    from ladderc.output import atomic_directory, scratch_directory, source_date
    from ladderc.site.mkdocs import config, run_build, write_project

    from ladderc.timings import stage

    with stage("render"):
        files, nav = render_pages(ladders, options)
    name = ladders[0].organisation.name if len(ladders) == 1 else "Career ladders"
    epoch = int(source_date(min(ladder.organisation.effective for ladder in ladders)).timestamp())
    with scratch_directory("site") as project, atomic_directory(target, "site") as site:
        with stage("write-project"):
            config_file = write_project(project, config(name, nav, options.theme), files)
        with stage("mkdocs"):  # the benchmark counts everything but this stage as ladderc's own work
            run_build(config_file, site, epoch)
    return sum(1 for path in files if path.endswith(".md"))
