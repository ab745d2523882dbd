"""Transitions between levels: implied promotions, then the moves the family files list.

Implied promotions climb each track of a family in grade order; a listed transition adds its
requirements, criteria, support and trial to one, or is a move of its own (R002 when listed twice,
R001 for an unknown level or requirement).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ladderc.diagnostics import Diagnostic
from ladderc.levels import Families, Path_
from ladderc.loader import Document
from ladderc.model import PROMOTION, Requirement, Transition, Trial
from ladderc.raw import RawTransition, family_file
from ladderc.references import unknown
from ladderc.stage_rules import DUPLICATE_ID


def transitions(docs: Sequence[Document], resolved: Families, requirements: Mapping[str, Requirement]
                ) -> tuple[tuple[Transition, ...], list[Diagnostic]]:
    """Implied promotions along each track of each family, then the transitions the family files list."""
    levels = resolved.levels
    result: dict[tuple[str, str], Transition] = {}
    found: list[Diagnostic] = []
    for family in resolved.families.values():
        for track in dict.fromkeys(levels[i].track for i in family.levels):
            chain = sorted((levels[i] for i in family.levels if levels[i].track == track), key=lambda lv: lv.grade_index)
            for low, high in zip(chain, chain[1:], strict=False):
                result[(low.id, high.id)] = Transition(low.id, high.id, PROMOTION, (), "", True, family.id, high.pos)
    for doc in docs:
        written = family_file(doc.data)
        for i, item in enumerate(written.get("transitions") or []):
            path: Path_ = ("transitions", i)
            more = _references(doc, path, item, resolved, requirements)
            found += more
            if more or item["from"] not in levels or item["to"] not in levels:
                continue
            key = (item["from"], item["to"])
            if key in result and not result[key].implied:
                found.append(DUPLICATE_ID.at(doc.at(path), f"transition {key[0]} -> {key[1]} is listed twice; "
                                             f"first at {result[key].pos}", "merge the two entries into one"))
                continue
            # Listing an implied promotion adds its requirements and criteria to it.
            result[key] = Transition(key[0], key[1], item["kind"], tuple(item.get("requires") or ()),
                                     item.get("criteria") or "", False, written["family"]["id"], doc.at(path),
                                     tuple(item.get("support") or ()), _trial(doc, path, item))
    return tuple(result.values()), found


def _references(doc: Document, path: Path_, item: RawTransition, resolved: Families,
                requirements: Mapping[str, Requirement]) -> list[Diagnostic]:
    """R001 for a transition's unknown levels (unless they failed to resolve, reported already) and requirements."""
    found = [unknown("level", item[end], resolved.written, doc.at(path + (end,)))
             for end in ("from", "to") if item[end] not in resolved.written]
    for key, refs in (("requires", item.get("requires")), ("support", item.get("support"))):
        for j, req in enumerate(refs or []):
            if req not in requirements:
                found.append(unknown("requirement", req, requirements, doc.at(path + (key, j))))
    return found


def _trial(doc: Document, path: Path_, item: RawTransition) -> Trial | None:
    return Trial(item["trial"]["months"], doc.at(path + ("trial",))) if "trial" in item else None
