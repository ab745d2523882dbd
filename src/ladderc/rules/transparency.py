"""L rules: what pay-transparency law asks of a pay structure (EU Directive 2023/970, the US posting laws).

L001 checks that competencies cover the Directive's criteria of work of equal value (Art. 4(4)), L002
that job titles are gender-neutral (Art. 5(3)), L003 that every posting can carry a closed, good-faith
range (Art. 5(1); Colorado, California, Washington, New York and others). Each is a warning by default
and an error under the `policy.pay_transparency` regime whose law asks for it; a `policy.rules` entry
still wins. docs/pay-transparency.md maps each article and statute to these rules.
"""

from __future__ import annotations

import math

from ladderc.diagnostics import ERROR, WARNING, Diagnostic, Rule
from ladderc.model import CRITERIA, PAY_REQUIRED, TRANSPARENCY_EU, TRANSPARENCY_US, Ladder, format_amount
from ladderc.rules.bands import derived_note, echo_note, failing_zones, money
from ladderc.titles import gendered_words


def under(*regimes: str):
    """The default severity of an L rule (its `Rule.escalate`): error under one of `regimes`, else a warning."""
    return lambda policy: ERROR if policy.pay_transparency in regimes else WARNING


def covered_criteria(ladder: Ladder, family: str, track: str) -> list[str]:
    """The Art. 4(4) criteria the competencies applying to this family and track evaluate, in CRITERIA order."""
    named = {c.criterion for c in ladder.competencies.values() if track in c.tracks and family in c.families}
    return [criterion for criterion in CRITERIA if criterion in named]


def criteria_coverage(ladder: Ladder, graph, policy) -> list[Diagnostic]:
    """The competencies of a family's track leave one of the equal-value criteria uncovered.

    A competency says which criterion it evaluates with `criterion: skills | effort | responsibility |
    working-conditions`. The rule runs once a competency of the ladder declares a criterion, or under
    `policy.pay_transparency: eu`, where it is an error.

    Why: EU Directive 2023/970 (Art. 4(4)) asks for pay structures that let anyone assess whether work
    is of equal value on objective, gender-neutral criteria, which include skills, effort,
    responsibility and working conditions. A ladder whose competencies never look at one of them
    cannot compare two jobs on it.

    Failing:

        competencies:
          - {id: craft, name: Craft, criterion: skills}
          - {id: delivery, name: Delivery, criterion: effort}
          - {id: impact, name: Impact, criterion: responsibility}

    Passing:

        competencies:
          - {id: craft, name: Craft, criterion: skills}
          - {id: delivery, name: Delivery, criterion: effort}
          - {id: impact, name: Impact, criterion: responsibility}
          - {id: on-call, name: On-call and conditions, criterion: working-conditions}
    """
    declared = any(c.criterion for c in ladder.competencies.values())
    if not declared and policy.pay_transparency != TRANSPARENCY_EU:
        return []
    found = []
    for family in ladder.families.values():
        tracks = [t for t in ladder.tracks.values() if ladder.levels_of(family.id, t.id)]
        for track in tracks:
            covered = covered_criteria(ladder, family.id, track.id)
            missing = [criterion for criterion in CRITERIA if criterion not in covered]
            if not missing:
                continue
            have = f"cover {', '.join(covered)} but not" if covered else "declare none of the criteria"
            found.append(CRITERIA_COVERAGE.at(
                    family.pos, f"the competencies of family '{family.id}', track '{track.id}' {have} "
                    f"{', '.join(missing)} (EU Directive 2023/970, Art. 4(4))",
                    f"add `criterion: {missing[0]}` to a competency that applies to {track.name} in "
                    f"{family.name}, or add a competency that evaluates it"))
    return found


CRITERIA_COVERAGE = Rule.checking("L001", "criteria-coverage", criteria_coverage, WARNING,
                                  escalate=under(TRANSPARENCY_EU))


def gender_neutral_titles(ladder: Ladder, graph, policy) -> list[Diagnostic]:
    """A job title, family name or track name uses a gendered word, such as "Salesman" or "Kaufmann".

    The word lists cover English, German, French, Spanish and Dutch (each with its sources, in
    `ladderc/data/gendered-terms/`); a ladder adds words with `policy.gendered_terms` and exempts
    words with `policy.neutral_terms`. A title marked for everyone (`(m/w/d)`, `(H/F)`, `(m/v/x)`) or
    naming both forms (`Kaufmann/-frau`, `Vendedor/a`, `Verkäufer*in`) passes. An error under
    `policy.pay_transparency: eu`.

    Why: EU Directive 2023/970 (Art. 5(3)) asks that vacancy notices and job titles be gender-neutral,
    and a posting's title comes from the ladder. Germany's AGG (§ 11) has asked the same of job
    advertisements since 2006.

    Failing:

        - {id: ae2, track: ic, grade: G3, title: Senior Salesman}

    Passing:

        - {id: ae2, track: ic, grade: G3, title: Senior Salesperson}
    """
    named = [(f"title of level '{lv.id}'", lv.title, lv.at_title()) for lv in ladder.levels.values()]
    named += [(f"name of family '{f.id}'", f.name, f.pos) for f in ladder.families.values()]
    named += [(f"name of track '{t.id}'", t.name, t.pos) for t in ladder.tracks.values()]
    found = []
    for what, text, at in named:
        for hit in gendered_words(text, policy.gendered_terms, policy.neutral_terms):
            found.append(GENDER_NEUTRAL_TITLES.at(
                    at, f"the {what}, '{text}', uses the gendered word '{hit.word}'",
                    f"use a gender-neutral form such as '{hit.neutral}', mark the title for everyone "
                    f"('(m/w/d)'), or list the word under policy.neutral_terms if it is not gendered here"))
    return found


GENDER_NEUTRAL_TITLES = Rule.checking("L002", "gender-neutral-titles", gender_neutral_titles, WARNING,
                                      escalate=under(TRANSPARENCY_EU))


def posting_range(ladder: Ladder, graph, policy) -> list[Diagnostic]:
    """A job posting for a level could not give a closed, good-faith pay range in a zone.

    A posting gives the level's band in the zone, min to max (`ladderc export --target postings`). The
    rule reports a band wider than `policy.posting_spread` (default 1.00: the max at most double the
    min), and, under `policy.pay_transparency: eu` or `us` (where it is an error), a level with no band
    to post in a zone under `policy.pay: optional` (under `required` that is P002), or a ladder with
    `policy.pay: none`: a posting needs a range with both ends, never "from X" or "up to Y".

    Why: Colorado, California, Washington, New York and other US states require a good-faith pay
    range in every job posting (New York's and Washington's guidance reject open-ended ranges), and
    EU Directive 2023/970 (Art. 5(1)) gives applicants the initial pay or its range before the
    interview. A range so wide it says nothing is not a good-faith one.

    Failing:

        pay:
          us: {min: 80000, max: 200000}     # 150%, wider than posting_spread 1.00

    Passing:

        pay:
          us: {min: 120000, max: 180000}    # 50%
    """
    regime = policy.pay_transparency in (TRANSPARENCY_EU, TRANSPARENCY_US)
    unposted = regime and policy.pay != PAY_REQUIRED  # under `required`, P002 reports a missing band
    found = []
    if not ladder.publishes_pay:
        if regime and policy.pos is not None:
            found.append(POSTING_RANGE.at(policy.pos, f"policy.pay is none, so no job posting can carry the pay range "
                                          f"policy.pay_transparency: {policy.pay_transparency} asks for",
                                          "publish the bands (policy.pay: required or optional)"))
        return found

    def too_wide(band):
        return band.spread > policy.posting_spread

    for level in ladder.levels.values():
        if unposted:
            found += [POSTING_RANGE.at(level.pos,
                                       f"level '{level.id}' ({level.title}) has no band in {zone}, so a posting there "
                                       f"would carry no pay range",
                                       f"publish a band for {zone}, or do not post the level there")
                      for zone in ladder.zones if zone not in level.bands]
        for zone, (band,), _, echoes in failing_zones(ladder, (level,), too_wide):
            currency = ladder.zones[zone].currency
            found.append(POSTING_RANGE.at(
                    band.pos, f"a posting for '{level.id}' in {zone}{derived_note(ladder, zone, band)} would give "
                    f"{format_amount(band.min, currency)}–{money(band.max, ladder, zone)}, a spread of "
                    f"{band.spread * 100:.1f}%, wider than policy.posting_spread "
                    f"{policy.posting_spread * 100:g}%{echo_note(echoes)}",
                    f"lower max to at most {format_amount(math.floor(band.min * (1 + policy.posting_spread)))}, "
                    f"or raise policy.posting_spread if this range is a genuine estimate"))
    return found


POSTING_RANGE = Rule.checking("L003", "posting-range", posting_range, WARNING,
                              escalate=under(TRANSPARENCY_EU, TRANSPARENCY_US))
