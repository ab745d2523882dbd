"""The pictures: per family, a pay band chart per zone and the transition graph, as static SVG.

Plain SVG strings (no script, no external reference), so a picture shows in any browser, offline,
and cannot fetch anything. Every YAML-derived string is XML-escaped. Each picture carries a
`<title>` and `<desc>`; the page beside it carries the full text alternative (a table or list).
"""

from __future__ import annotations

import math
from html import escape

from ladderc.model import PROMOTION, Ladder, Track, Transition, Zone, annual, format_amount, format_rate

COLOURS = ("#1a5fb4", "#a51d2d", "#26693a", "#613583", "#865e3c")  # AA contrast on white
FONT = 'font-family="system-ui, sans-serif"'


def _svg(width: int, height: int, label: str, body: list[str]) -> str:
    label = escape(label)
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{label}">',
        f"<title>{label}</title>", *body, "</svg>", ""])


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = span / ticks
    if not raw > 0:  # bands all zero or upside down: possible with P001 turned off
        return 1
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def _compact(value: float) -> str:
    """Axis labels: 120000 → '120k', 1500000 → '1.5M'."""
    for size, suffix in ((1_000_000, "M"), (1_000, "k")):
        if value >= size:
            return f"{value / size:g}{suffix}"
    return f"{value:g}"


def _chart_bands(ladder: Ladder, family_id: str, zone: Zone) -> tuple[list, dict]:
    """The levels of the family with a band in `zone`, and their on-target totals there when the family
    has variable pay or equity: each level also gets a light bar behind its base bar, spanning its
    on-target total (the part above the base bar is what it earns beyond base)."""
    levels = [lv for lv in ladder.levels_of(family_id) if zone.id in lv.bands]
    totals = {lv.id: ladder.total_bands(lv)[zone.id] for lv in levels} if any(
        lv.earns_beyond_base for lv in levels) else {}
    return levels, totals


def pay_scale(ladder: Ladder, family_id: str, zones: list[Zone]) -> tuple[float, float, float]:
    """One y-axis for every pay chart of a family (low, high and tick step, per year), so bars compare by eye
    from chart to chart. Every bar is per year (`annual`): hourly bands share the axis."""
    policy, amounts = ladder.policy, []
    for zone in zones:
        levels, totals = _chart_bands(ladder, family_id, zone)
        for band in [lv.bands[zone.id] for lv in levels] + list(totals.values()):
            amounts += [annual(band, "min", policy), annual(band, "max", policy)]
    low, high = min(amounts), max(amounts)
    step = _nice_step(high - low or abs(high) or 1)
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step
    return low, max(high, low + step), step


def pay_chart(ladder: Ladder, family_id: str, tracks: list[Track], zone: Zone,
              scale: tuple[float, float, float] | None = None) -> str:
    """One bar per level from band min to max with a tick at mid; tracks side by side per grade.

    The axis is annual pay: an hourly band is drawn annualised (`annual`), so hourly and salaried
    levels of one family compare on one axis; its tooltip gives the hourly amounts as written.
    `scale` (`pay_scale`) is the family's shared axis; without it the axis fits this zone alone.
    """
    levels, totals = _chart_bands(ladder, family_id, zone)
    grades = sorted({lv.grade_index for lv in levels})
    bar, gap, group_gap, left, top, plot, bottom = 24, 4, 28, 72, 44, 260, 56
    group = len(tracks) * (bar + gap) - gap
    width = left + len(grades) * (group + group_gap) + 16
    height = top + plot + bottom
    bands = [lv.bands[zone.id] for lv in levels] + list(totals.values())
    policy = ladder.policy
    low, high, step = scale or pay_scale(ladder, family_id, [zone])
    hourly = any(b.hourly for b in bands)

    def y(value: float) -> float:
        return round(top + plot - (value - low) / (high - low) * plot, 1)

    family = ladder.families[family_id].name
    body = [f"<desc>Pay bands of {escape(family)} in {escape(zone.name)}, {zone.currency}: "
            "one bar per level from band minimum to maximum, the tick marks the midpoint"
            + ("; the light bar behind it spans the on-target total (base plus variable pay and equity)" if totals else "")
            + ".</desc>",
            f'<g {FONT} font-size="12" fill="#1d1d1d">',
            f'<text x="{left}" y="16">Annual base pay{" (solid) and on-target total (light)" if totals else ""}, '
            f'{zone.currency}'
            + (f" (hourly bands × {format_amount(policy.hours_per_year)} hours)" if hourly else "") + "</text>"]
    for i, track in enumerate(tracks):
        x: float = left + i * 200
        body.append(f'<rect x="{x}" y="24" width="12" height="12" fill="{COLOURS[i % len(COLOURS)]}"/>'
                    f'<text x="{x + 18}" y="34">{escape(track.name)}</text>')
    value = low
    while value <= high:
        body.append(f'<line x1="{left - 4}" x2="{width - 8}" y1="{y(value)}" y2="{y(value)}" stroke="#d0d0d0"/>'
                    f'<text x="{left - 8}" y="{y(value) + 4}" text-anchor="end">{_compact(value)}</text>')
        value += step
    for g_pos, grade in enumerate(grades):
        x0 = left + g_pos * (group + group_gap) + group_gap / 2
        body.append(f'<text x="{x0 + group / 2}" y="{top + plot + 20}" text-anchor="middle">'
                    f"{escape(ladder.grades[grade].id)}</text>")
        for t_pos, track in enumerate(tracks):
            level = next((lv for lv in levels if lv.grade_index == grade and lv.track == track.id), None)
            if level is None:
                continue
            band, x = level.bands[zone.id], x0 + t_pos * (bar + gap)
            if band.hourly:
                tip = (f"{level.title}: {format_rate(band.min, zone.currency)} to {format_rate(band.max, zone.currency)} "
                       f"{zone.currency} per hour, midpoint {format_rate(band.mid, zone.currency)} "
                       f"({format_amount(annual(band, 'mid', policy), zone.currency)} {zone.currency} a year)")
            else:
                tip = (f"{level.title}: {format_amount(band.min, zone.currency)} to {format_amount(band.max, zone.currency)} "
                       f"{zone.currency}, midpoint {format_amount(band.mid, zone.currency)}")
            band_min, band_mid, band_max = (annual(band, k, policy) for k in ("min", "mid", "max"))
            total = totals.get(level.id)
            if total is not None and level.earns_beyond_base:
                total_min, total_max = annual(total, "min", policy), annual(total, "max", policy)
                tip += (f"; on-target total {format_amount(total_min, zone.currency)} to "
                        f"{format_amount(total_max, zone.currency)} {zone.currency}"
                        + (" a year" if band.hourly else ""))
                body.append(f'<rect x="{x}" y="{y(total_max)}" width="{bar}" height="{max(y(total_min) - y(total_max), 2)}" '
                            f'fill="{COLOURS[t_pos % len(COLOURS)]}" fill-opacity="0.3"/>')
            body.append(f'<g><title>{escape(tip)}</title>'
                        f'<rect x="{x}" y="{y(band_max)}" width="{bar}" height="{max(y(band_min) - y(band_max), 2)}" '
                        f'fill="{COLOURS[t_pos % len(COLOURS)]}"/>'
                        f'<line x1="{x - 3}" x2="{x + bar + 3}" y1="{y(band_mid)}" y2="{y(band_mid)}" '
                        'stroke="#1d1d1d" stroke-width="2"/></g>')
    body.append(f'<text x="{left}" y="{height - 12}">Grade</text></g>')
    return _svg(width, height, f"Pay bands of {family} in {zone.name} ({zone.currency})", body)


# The transition graph is drawn narrow enough that, fitted to a 360 px phone, its 14 px text still
# reads at 11 px or more; titles wrap in their box (never cut), up to WRAP characters a line.
BOX_W, COL, ROW, TOP, LABEL, LINE, WRAP, FONT_SIZE = 150, 200, 80, 72, 40, 16, 17, 14
BOX_H = 3 * LINE + 10


def _lines(title: str) -> list[str]:
    import textwrap

    return textwrap.wrap(title, WRAP, break_on_hyphens=False) or [""]


def _layout(ladder: Ladder, family_id: str, tracks: list[Track]) -> tuple[dict, list[tuple[int, int]], int, int]:
    """Like the ladder itself: one column per track, the highest grade on top; a row as tall as its longest title.

    (boxes by level id as (x, y, height), (grade, y) per row, width, height)"""
    levels = ladder.levels_of(family_id)
    grades = sorted({lv.grade_index for lv in levels}, reverse=True)
    lane = {track.id: i for i, track in enumerate(tracks)}
    rows = [max([len(_lines(lv.title)) for lv in levels if lv.grade_index == g]) for g in grades]
    tops = [TOP + sum(ROW + (n - 3) * LINE if n > 3 else ROW for n in rows[:i]) for i in range(len(grades))]
    boxes = {lv.id: (LABEL + lane[lv.track] * COL, tops[grades.index(lv.grade_index)],
                     max(BOX_H, len(_lines(lv.title)) * LINE + 10)) for lv in levels}
    height = (tops[-1] + max(BOX_H, rows[-1] * LINE + 10) + 16) if grades else TOP
    return boxes, list(zip(grades, tops, strict=False)), LABEL + len(tracks) * COL, height


def transition_size(ladder: Ladder, family_id: str, tracks: list[Track]) -> tuple[int, int]:
    _, _, width, height = _layout(ladder, family_id, tracks)
    return width, height


def _edge(start: tuple[float, float], end: tuple[float, float], box_h: float) -> tuple[float, ...]:
    """The segment between two box centres, clipped to the boxes and nudged aside so a pair of
    opposite transitions (a switch and its way back) shows as two arrows, not one line."""
    (x1, y1), (x2, y2) = start, end
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1
    nx, ny = -dy / length * 7, dx / length * 7
    clip = min(BOX_W / 2 / abs(dx) if dx else math.inf, box_h / 2 / abs(dy) if dy else math.inf) + 4 / length
    return (round(x1 + dx * clip + nx, 1), round(y1 + dy * clip + ny, 1),
            round(x2 - dx * clip + nx, 1), round(y2 - dy * clip + ny, 1))


def transition_chart(ladder: Ladder, family_id: str, tracks: list[Track], transitions: list[Transition], href) -> str:
    """Levels in one lane per track, placed by grade; promotions solid, switches dashed; each level a link.

    Drawn into the family page (not as an <img>), so that each level can be clicked and reached by
    keyboard; `href(level_id)` is the link to its page. A legend names the two kinds of line.
    `transitions`: the ladder's transitions that touch the family (in the ladder's order); those
    between two of its levels are drawn.
    """
    boxes, rows, width, height = _layout(ladder, family_id, tracks)
    family = ladder.families[family_id].name
    body = [f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
            "<defs>" + "".join(
                f'<marker id="ladder-arrow-{kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
                f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="{colour}"/></marker>'
                for kind, colour in (("promotion", "#1d1d1d"), ("switch", "#a51d2d"))) + "</defs>",
            f'<g {FONT} font-size="{FONT_SIZE}" fill="#1d1d1d">',
            # The legend: what a solid and a dashed line mean.
            '<line x1="8" y1="14" x2="40" y2="14" stroke="#1d1d1d" stroke-width="2" '
            'marker-end="url(#ladder-arrow-promotion)"/><text x="46" y="19">Promotion</text>',
            '<line x1="150" y1="14" x2="182" y2="14" stroke="#a51d2d" stroke-width="2" stroke-dasharray="6 4" '
            'marker-end="url(#ladder-arrow-switch)"/><text x="188" y="19">Switch of track</text>']
    for grade, y in rows:
        body.append(f'<text x="4" y="{y + BOX_H / 2 + 5}">{escape(ladder.grades[grade].id)}</text>')
    for i, track in enumerate(tracks):
        body.append(f'<text x="{LABEL + i * COL + BOX_W / 2}" y="52" text-anchor="middle" font-weight="bold">'
                    f"{escape(track.name)}</text>")  # a long name overflows into the margin, and is in the table
    for t in transitions:
        if t.source not in boxes or t.target not in boxes:
            continue  # a way into another family is listed in the text beside the picture
        (sx, sy, sh), (tx, ty, th) = boxes[t.source], boxes[t.target]
        x1, y1, x2, y2 = _edge((sx + BOX_W / 2, sy + sh / 2), (tx + BOX_W / 2, ty + th / 2), max(sh, th))
        style = 'stroke="#1d1d1d"' if t.kind == PROMOTION else 'stroke="#a51d2d" stroke-dasharray="6 4"'
        body.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" {style} stroke-width="2" '
                    f'marker-end="url(#ladder-arrow-{t.kind})"/>')
    for level_id, (x, y, h) in boxes.items():
        level = ladder.levels[level_id]
        lines = _lines(level.title)
        first = y + h / 2 - (len(lines) - 1) * LINE / 2 + 5
        text = "".join(f'<tspan x="{x + BOX_W / 2}" y="{first + n * LINE}">{escape(line)}</tspan>'
                       for n, line in enumerate(lines))
        body.append(f'<a href="{escape(href(level_id))}" class="ladder-graph-level">'
                    f'<title>{escape(level.title)} ({escape(level.grade)})</title>'
                    f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{h}" rx="6" fill="#f4f6fa" '
                    f'stroke="#1a5fb4"/><text text-anchor="middle">{text}</text></a>')
    body.append("</g>")
    label = escape(f"Transition graph of {family}")
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ladder-graph" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="group" aria-label="{label}">',
        f"<title>{label}</title>",
        f"<desc>Ways between the levels of {escape(family)}: solid arrows are promotions, dashed arrows are "
        "switches between tracks. Each level links to its page.</desc>", *body, "</svg>"])
