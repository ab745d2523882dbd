"""The site plan: which pages exist, where they live, and what each one shows (model → contexts).

Pages are planned from the resolved model only. Each `Page` names its Markdown path in the MkDocs
project, its template and its context; `links.url` turns any two page paths into the relative
`.html` link the built site uses, so templates never spell a URL themselves.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ladderc.model import CRITERIA, REQUIREMENT_KINDS, SWITCH, Band, Ladder, Level, Transition, annual
from ladderc.site import charts
from ladderc.site.render import by_name


@dataclass
class Page:
    path: str  # Markdown file in the MkDocs docs directory, '/'-separated
    template: str
    title: str  # plain text; the page's front matter carries it, escaped
    context: dict = field(default_factory=dict)
    family: str = ""  # a level or change page: its family's page, the one family its menu lists


@dataclass(frozen=True)
class Paths:
    """Where one ladder's pages live: at the root for a lone ladder, else under its own folder."""

    prefix: str  # '' or 'name/'

    def home(self) -> str:
        return f"{self.prefix}index.md"

    def family(self, family_id: str) -> str:
        return f"{self.prefix}families/{family_id}.md"

    def level(self, level_id: str) -> str:
        return f"{self.prefix}levels/{level_id}.md"

    def change(self, t: Transition) -> str:
        # One folder per source level: ids may contain '-', so 'a-to-b' could be ambiguous.
        return f"{self.prefix}changes/{t.source}/{t.target}.md"

    def competency(self, competency_id: str) -> str:
        return f"{self.prefix}competencies/{competency_id}.md"

    def requirement(self, requirement_id: str) -> str:
        return f"{self.prefix}requirements/{requirement_id}.md"

    def promises(self) -> str:
        return f"{self.prefix}promises.md"

    def compare(self) -> str:
        return f"{self.prefix}compare.md"

    def guide(self) -> str:
        return f"{self.prefix}guide.md"

    def data(self) -> str:
        return f"{self.prefix}ladder.json"

    def chart(self, name: str) -> str:
        return f"{self.prefix}charts/{name}.svg"

    def pay_setting(self) -> str:
        """The Art. 6 page: how pay is set and progresses (no "-pay-" in the name: that marks the pay charts)."""
        return f"{self.prefix}pay-and-progression.md"

    def history(self, era) -> str:
        return f"{self.prefix}history/{era.effective.isoformat() if era.effective else 'unknown'}.md"


RULES_PAGE = "hr/rules.md"  # the rule reference, for HR: employees read each ladder's promises page
IMPORT_PAGE = "hr/import.md"  # for HR: start a ladder from a spreadsheet, with the template to download
TEMPLATE_FILE = "hr/ladder-template.xlsx"  # written by `build_site` beside the page (a binary, not a page)
PAY_SETTING_TITLE = "How pay is set and progresses"
CRITERION_NAMES = dict(zip(CRITERIA, ("Skills", "Effort", "Responsibility", "Working conditions"), strict=False))

# How a readiness path names each kind of evidence, in the order it walks them (REQUIREMENT_KINDS):
# first the conversation about why, then learning, practice, and what others saw of it.
KIND_STEPS = {
    "conversation": "Talk it through", "training": "Learn", "apprenticeship": "Try it",
    "mentoring": "Be mentored", "feedback": "Hear from the people you led", "assessment": "Be assessed",
    "trial": "Trial", "other": "Complete",
}


def url(source: str, target: str) -> str:
    """The relative link from page `source` to file `target` in the built site (.md → .html)."""
    built = target[:-3] + ".html" if target.endswith(".md") else target
    return _relative(posixpath.dirname(source), built)


@functools.lru_cache(maxsize=1 << 16)
def _relative(folder: str, built: str) -> str:
    # Pages of one folder link to the same targets: each pair is worked out once a build. Both made
    # absolute from the site's root, so relpath need not ask the process for its working folder.
    return posixpath.relpath("/" + built, "/" + folder)


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "ladder"


def ladder_paths(ladders: list[Ladder]) -> list[Paths]:
    if len(ladders) == 1:
        return [Paths("")]
    taken: dict[str, int] = {}
    found = []
    for ladder in ladders:
        base = slug(ladder.name)
        taken[base] = taken.get(base, 0) + 1
        found.append(Paths(f"{base}/" if taken[base] == 1 else f"{base}-{taken[base]}/"))
    return found


class LadderPlan:
    """Every page of one ladder, with the facts each page needs."""

    def __init__(self, ladder: Ladder, paths: Paths, pay: bool, verified: frozenset[str]):
        from ladderc.promises import verdicts

        # A ladder with `policy.pay: none` is built as with --no-pay: it has no pay to show.
        self.ladder, self.paths, self.pay = ladder, paths, pay and ladder.publishes_pay
        self.verdicts = verdicts(ladder, verified, self.pay)
        self.promised = {v.promise.key: v.promise for v in self.verdicts if v.kept}
        # The page a link of each kind leads to, given the ids its kind needs (`href` in the templates).
        self.targets: dict[str, Callable[..., str]] = {
            "home": paths.home, "family": paths.family, "level": paths.level, "change": paths.change,
            "competency": paths.competency, "requirement": paths.requirement, "chart": paths.chart,
            "pay-setting": paths.pay_setting, "promises": paths.promises, "data": paths.data,
            "compare": paths.compare, "rules": lambda: RULES_PAGE}
        # Each family's transitions (from or to one of its levels), in the ladder's order: looked up
        # per family page, where scanning every transition of the ladder grew with families².
        self.family_transitions: dict[str, list[Transition]] = {family: [] for family in ladder.families}
        for t in ladder.transitions:
            families = dict.fromkeys((ladder.levels[t.source].family, ladder.levels[t.target].family))
            for family in families:
                self.family_transitions[family].append(t)

    def pages(self) -> tuple[list[Page], dict[str, str]]:
        """(Markdown pages, SVG files by path)."""
        ladder, paths = self.ladder, self.paths
        exceptions = exception_facts(ladder)
        # The browser shows "title - site name": the home of a lone ladder is its overview, not
        # "Northwind Labs - Northwind Labs".
        title = "Overview" if paths.home() == "index.md" else ladder.organisation.name
        pages = [Page(paths.home(), "home.md.j2", title, self.common(paths.home()) | {
            "exceptions": exceptions, "readiness_policy": self.readiness_policy()}),
                 Page(paths.promises(), "promises.md.j2", "Our promises", self.common(paths.promises()) | {
                     "verdicts": self.verdicts, "exceptions": exceptions,
                     "readiness_policy": self.readiness_policy()}),
                 Page(paths.guide(), "guide.md.j2", "How to use this site", self.common(paths.guide())),
                 Page(paths.compare(), "compare.md.j2", "Compare two levels", self.common(paths.compare()) | {
                     "families": [(f, ladder.levels_of(f.id)) for f in by_name(ladder.families)]})]
        svgs: dict[str, str] = {}
        for family in ladder.families.values():
            page, pictures = self.family_page(family.id)
            pages.append(page)
            svgs.update(pictures)
        for level in ladder.levels.values():
            path = paths.level(level.id)
            # The title search results and browser tabs show: several families may share a title.
            title = f"{level.title} ({ladder.families[level.family].name}, {ladder.track_of(level).name})"
            pages.append(Page(path, "level.md.j2", title, self.common(path) | self.level_facts(level),
                              paths.family(level.family)))
        for t in ladder.transitions:
            path = paths.change(t)
            title = (f"{ladder.levels[t.source].title} to {ladder.levels[t.target].title}"
                     f" ({ladder.families[ladder.levels[t.source].family].name})")
            pages.append(Page(path, "change.md.j2", title, self.common(path) | self.change_facts(t),
                              paths.family(ladder.levels[t.source].family)))
        for competency in by_name(ladder.competencies):
            path = paths.competency(competency.id)
            scoped = len(competency.families) < len(ladder.families)  # then the page names its families
            scope = [ladder.families[f] for f in competency.families] if scoped else []
            pages.append(Page(path, "competency.md.j2", competency.name, self.common(path) | {
                "competency": competency, "families": self.growth(competency.id), "scope": scope}))
        path = paths.pay_setting()
        pages.append(Page(path, "pay-setting.md.j2", PAY_SETTING_TITLE, self.common(path) | self.pay_setting_facts()))
        for requirement in ladder.requirements.values():
            path = paths.requirement(requirement.id)
            asking = [self.way(t, t.target) for t in ladder.transitions if requirement.id in t.requires]
            providing = [self.way(t, t.target) for t in ladder.transitions if requirement.id in t.support]
            pages.append(Page(path, "requirement.md.j2", requirement.name, self.common(path) | {
                "requirement": requirement, "transitions": asking, "provided_after": providing}))
        return pages, svgs

    def common(self, path: str) -> dict:
        targets = self.targets

        def href(kind: str, *ids) -> str:
            target: str = targets[kind](*ids)
            return url(path, target)

        return {"ladder": self.ladder, "pay": self.pay, "href": href, "rules_href": url(path, RULES_PAGE),
                "promised": self.promised}

    def readiness_policy(self) -> list[str] | None:
        """The readiness policy as employees read it ('apprenticeship or training'), only when T004 verified it."""
        readiness = self.ladder.policy.readiness
        if "readiness_kinds" not in self.promised or readiness is None:
            return None
        return [" or ".join(entry) for entry in readiness.into_management]

    def family_page(self, family_id: str) -> tuple[Page, dict[str, str]]:
        ladder, paths = self.ladder, self.paths
        path = paths.family(family_id)
        levels = ladder.levels_of(family_id)
        tracks = [track for track in ladder.tracks.values() if any(lv.track == track.id for lv in levels)]
        tracks.sort(key=lambda track: track.is_management)  # IC columns first, the dual track's point
        grades = sorted({lv.grade_index for lv in levels})
        rows = [(ladder.grades[g].id, [next((lv for lv in levels if lv.grade_index == g and lv.track == track.id),
                                            None) for track in tracks]) for g in grades]
        svgs: dict[str, str] = {}
        pay_charts = []
        if self.pay:
            charted = [zone for zone in ladder.zones.values() if any(zone.id in lv.bands for lv in levels)]
            scale = charts.pay_scale(ladder, family_id, charted) if charted else None
            for zone in ladder.zones.values():
                # A level without a band here shows "not published"; a zone where the family has
                # no band at all gets no chart (an empty chart would say nothing, or worse, zero).
                name = f"{family_id}-pay-{zone.id}" if any(zone.id in lv.bands for lv in levels) else None
                if name:
                    svgs[paths.chart(name)] = charts.pay_chart(ladder, family_id, tracks, zone, scale)
                zone_rows = [(lv, lv.bands.get(zone.id)) for lv in levels]
                pay_charts.append({"zone": zone, "chart": name, "rows": zone_rows,
                                   "hourly": any(band is not None and band.hourly for _, band in zone_rows),
                                   # the on-target total per level id, where the family has variable pay or equity
                                   "totals": {lv.id: ladder.total_bands(lv).get(zone.id) for lv in levels}
                                   if any(lv.earns_beyond_base for lv in levels) else None})
        transitions = self.family_transitions[family_id]
        return Page(path, "family.md.j2", ladder.families[family_id].name, self.common(path) | {
            "family": ladder.families[family_id], "tracks": tracks, "rows": rows, "pay_charts": pay_charts,
            "graph": charts.transition_chart(ladder, family_id, tracks, transitions,
                                             lambda level: url(path, paths.level(level))),
            "transitions": transitions}), svgs

    def level_facts(self, level: Level) -> dict:
        ladder = self.ladder
        same_track = ladder.levels_of(level.family, level.track)
        at = [lv.id for lv in same_track].index(level.id)
        return {
            "level": level, "track": ladder.track_of(level), "family": ladder.families[level.family],
            "top": same_track[-1].id == level.id,
            # Previous and next along the track, lowest grade first: the pager at the page's foot.
            "below": same_track[at - 1] if at > 0 else None,
            "above": same_track[at + 1] if at + 1 < len(same_track) else None,
            "expectations": [(c, level.expectations[c.id]) for c in by_name(ladder.competencies)
                             if c.id in level.expectations and c.applies_to(level)],
            "bands": [(zone, level.bands.get(zone.id)) for zone in ladder.zones.values()],  # None: not published
            "beyond_base": self.beyond_base(level),
            "ways_in": [self.way(t, t.source) for t in ladder.transitions_to(level.id)],
            "ways_out": [self.way(t, t.target) for t in ladder.transitions_from(level.id)],
            "checklists": [self.checklist(t) for t in ladder.transitions_from(level.id)],
        }

    def beyond_base(self, level: Level) -> dict | None:
        """Variable pay, equity and on-target totals per zone, for a level that earns beyond base (else None)."""
        ladder = self.ladder
        if not (self.pay and level.earns_beyond_base):
            return None
        variable = level.variable
        zones = []
        for zone in ladder.zones.values():
            band = level.bands.get(zone.id)
            if band is None:
                continue
            # Per year, as the totals: an hourly band's base is annualised before the variable target applies.
            amounts = [ladder.variable_amount(level, zone.id, annual(band, k, ladder.policy)) for k in ("min", "mid", "max")]
            equity = level.equity.get(zone.id)
            zones.append({"zone": zone, "variable": amounts if variable else None,
                          "equity": equity.amount if equity else None, "total": ladder.total_bands(level)[zone.id]})
        return {"variable": variable, "equity": any(row["equity"] is not None for row in zones),
                "target": f"{float(variable.target) * 100:.4g}%" if variable else None,
                "mix": f"{variable.mix[0]}/{variable.mix[1]}" if variable and variable.mix else None, "zones": zones}

    def checklist(self, t: Transition) -> dict:
        """One way up or across as things to show: the target's expectations, then what the move asks."""
        ladder = self.ladder
        target = ladder.levels[t.target]
        return self.way(t, t.target) | {
            "expectations": [(c, target.expectations[c.id]) for c in by_name(ladder.competencies)
                             if c.id in target.expectations and c.applies_to(target)],
            "readiness": self.readiness_path(t) if ladder.into_management(t) else None}

    def way(self, t: Transition, other: str) -> dict:
        """A transition seen from one end: the level at the other end, what it asks, where it is explained."""
        return {"transition": t, "other": self.ladder.levels[other],
                "source": self.ladder.levels[t.source], "target": self.ladder.levels[t.target],
                "requirements": [self.ladder.requirements[r] for r in t.requires]}

    def change_facts(self, t: Transition) -> dict:
        ladder = self.ladder
        source, target = ladder.levels[t.source], ladder.levels[t.target]
        competencies = [(c, source.expectations.get(c.id, ""), target.expectations.get(c.id, ""))
                        for c in by_name(ladder.competencies) if c.applies_to(source) or c.applies_to(target)]
        bands = [(zone, now, next_, _pay_change(ladder, now, next_))  # None: not published
                 for zone in ladder.zones.values()
                 for now, next_ in [(source.bands.get(zone.id), target.bands.get(zone.id))]]
        # On-target totals: an hourly level's total is per year (Ladder.total_bands); _pay_change compares
        # per year whenever the two are not both hourly.
        totals = [(zone, now, next_, _pay_change(ladder, now, next_))
                  for zone in ladder.zones.values()
                  for now, next_ in [(ladder.total_bands(source).get(zone.id), ladder.total_bands(target).get(zone.id))]
                  ] if source.earns_beyond_base or target.earns_beyond_base else []
        return {"transition": t, "source": source, "target": target, "competencies": competencies,
                "family": ladder.families[source.family],
                "bands": bands, "totals": totals, "requirements": [ladder.requirements[r] for r in t.requires],
                "hourly": any(now is not None and now.hourly or next_ is not None and next_.hourly
                              for _, now, next_, _ in bands),
                "source_track": ladder.track_of(source), "target_track": ladder.track_of(target),
                "readiness": self.readiness_path(t) if ladder.into_management(t) else None}

    def readiness_path(self, t: Transition) -> dict:
        """A move into management as steps: before it by kind (in KIND_STEPS order), the support after, the trial."""
        ladder = self.ladder
        required = [ladder.requirements[r] for r in t.requires]
        before = [(KIND_STEPS[kind], [r for r in required if r.kind == kind]) for kind in REQUIREMENT_KINDS]
        ways_back = ladder.ways_back(t)
        return {"transition": t, "target": ladder.levels[t.target], "before": [step for step in before if step[1]],
                "after": [ladder.requirements[r] for r in t.support], "trial": t.trial,
                "way_back": ladder.levels[ways_back[0].target] if ways_back else None}

    def pay_setting_facts(self) -> dict:
        """What EU Directive 2023/970 Art. 6 asks employees be told: the criteria for pay, pay levels and progression.

        Grades and the levels on them, each competency's equal-value criterion, how each zone's bands are
        set, the pay ranges per grade (only when the build shows pay), and the written moves between levels.
        """
        ladder = self.ladder
        grades = [(grade, [(track, [lv for lv in ladder.levels.values() if lv.grade == grade.id and lv.track == track.id])
                           for track in ladder.tracks.values()]) for grade in ladder.grades]
        ranges = []
        if self.pay:
            for zone in ladder.zones.values():
                rows = []
                for grade, _ in grades:
                    bands = [lv.bands[zone.id] for lv in ladder.levels.values() if lv.grade == grade.id and zone.id in lv.bands]
                    if bands:
                        rows.append((grade, min(b.min for b in bands), max(b.max for b in bands)))
                ranges.append((zone, rows))
        listed = [t for t in ladder.transitions if not t.implied]
        return {
            "grades": [(grade, tracks) for grade, tracks in grades if any(levels for _, levels in tracks)],
            "criteria": [(c, CRITERION_NAMES.get(c.criterion or "")) for c in ladder.competencies.values()],
            "criterion_names": CRITERION_NAMES,
            "zones": list(ladder.zones.values()) if ladder.publishes_pay else [],
            "ranges": ranges,
            "promotions": [self.way(t, t.target) for t in listed if t.kind != SWITCH],
            "switches": [self.way(t, t.target) for t in listed if t.kind == SWITCH],
            "policy": ladder.policy,
            # Pay beyond base and bands from a formula: how pay is set, not how much (shown with pay only).
            "variable": [(lv, ladder.families[lv.family]) for lv in ladder.levels.values() if lv.variable is not None]
            if self.pay else [],
            "equity": self.pay and any(lv.equity for lv in ladder.levels.values()),
            "formulas": [f for f in by_name(ladder.families) if f.pay_formula] if self.pay else [],
        }

    def growth(self, competency_id: str) -> list[tuple]:
        """Per family and track it applies to: the levels that carry this competency, lowest grade first."""
        ladder = self.ladder
        competency = ladder.competencies[competency_id]
        found = []
        for family in by_name(ladder.families):
            for track in ladder.tracks.values():
                if track.id not in competency.tracks or family.id not in competency.families:
                    continue
                levels = [lv for lv in ladder.levels_of(family.id, track.id) if competency_id in lv.expectations]
                if levels:
                    found.append((family, track, levels))
        return found


def exception_facts(ladder: Ladder) -> list[dict]:
    """The rules the ladder sets below their catalogue severity: which, where, how, and why."""
    from ladderc.severity import exceptions

    def where(family: str | None) -> str:
        return "the whole ladder" if family is None else f"the {ladder.families[family].name} family"

    return [{"rule": x.rule, "severity": x.setting.severity, "default": x.default, "reason": x.reason,
             "ladder": ladder, "where": where(x.setting.family)} for x in exceptions(ladder)]


def history_title(era) -> str:
    return era.effective.isoformat() if era.effective else "an effective date that does not compile"


def history_pages(ladder: Ladder, paths: Paths, eras: list, pay: bool) -> list[Page]:
    """A "what changed" page per effective date of the ladder's history (`ladderc.history`), pay left out without pay."""
    from ladderc.diff import words_text
    from ladderc.history import change_without_pay, story

    pages = []
    for era in eras:
        path = paths.history(era)
        changes = []
        for change in era.changes:
            shown = change if pay else change_without_pay(change)
            diff = shown.diff
            changes.append({
                "date": change.date, "subject": change.subject, "lines": story(shown),
                "levels": [] if change.created else [
                    {"level": x.level, "change": x.change, "old": x.old, "new": x.new,
                     "href": url(path, paths.level(x.level)) if x.level in ladder.levels else ""}
                    for x in diff.levels],
                "transitions": [] if change.created else list(diff.transitions),
                "expectations": [] if change.created else [
                    {"level": x.level, "competency": x.competency, "change": x.change, "words": words_text(x.words)}
                    for x in diff.expectations]})
        pages.append(Page(path, "history.md.j2", f"What changed for {history_title(era)}",
                          {"era_title": history_title(era), "changes": changes}))
    return pages


def plan(ladders: list[Ladder], pay: bool, verified: list[frozenset[str]], history: Mapping | None = None
         ) -> tuple[list[Page], dict[str, str], list]:
    """Every page, every picture, and the navigation of the whole site; `verified` holds each ladder's verified rules."""
    from ladderc.catalogue import all_rules

    pages: list[Page] = []
    svgs: dict[str, str] = {}
    nav: list = []
    for ladder, paths, checked in zip(ladders, ladder_paths(ladders), verified, strict=False):
        found, pictures = LadderPlan(ladder, paths, pay, checked).pages()
        pages += found
        # Registered here: the "what changed" pages, one per effective date, when the build has a history.
        pages += history_pages(ladder, paths, (history or {}).get(Path(ladder.root).resolve(), []),
                               pay and ladder.publishes_pay)
        svgs.update(pictures)
        nav.append((ladder, paths))
    made = [x for ladder in ladders for x in exception_facts(ladder)]
    if len(ladders) > 1:
        pages.insert(0, Page("index.md", "site-home.md.j2", "Career ladders", {"ladders": [
            (ladder, url("index.md", paths.home()), url("index.md", paths.promises())) for ladder, paths in nav],
            "rules_href": url("index.md", RULES_PAGE),
            "exceptions": made}))
    # Without pay the rules page keeps to summaries: the full docs carry example bands with amounts.
    pay = pay and any(ladder.publishes_pay for ladder in ladders)
    pages.append(Page(RULES_PAGE, "rules.md.j2", "Rule reference", {"rules": all_rules(), "pay": pay, "exceptions": {
        rule.code: [x for x in made if x["rule"].code == rule.code] for rule in all_rules()}}))
    pages.append(Page(IMPORT_PAGE, "hr-import.md.j2", "Start from a spreadsheet",
                      {"template_href": url(IMPORT_PAGE, TEMPLATE_FILE)}))
    return pages, svgs, nav


def _pay_change(ladder: Ladder, now: Band | None, next_: Band | None) -> dict | None:
    """(old, new) per min, mid, max and the unit they are in: as written when both bands are in one unit
    (' per hour' for two hourly bands), else both annual (`annual`); None when either is not published."""
    if now is None or next_ is None:
        return None
    if now.hourly and next_.hourly:
        return {"amounts": [(getattr(now, k), getattr(next_, k)) for k in ("min", "mid", "max")], "unit": " per hour"}
    return {"amounts": [(annual(now, k, ladder.policy), annual(next_, k, ladder.policy)) for k in ("min", "mid", "max")],
            "unit": ""}
