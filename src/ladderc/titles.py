"""Gendered words in job titles: the word lists (data files, one per language) and the matcher (rule L002).

The lists live in `ladderc/data/gendered-terms/<language>.yaml`, each with its sources in a comment:
`terms` maps a gendered word or phrase to a neutral one; `suffixes` catch compounds (`Industriekaufmann`,
`Beraterin`, `Linesman`) and turn the stem into a neutral form, except for the words that only end so.
A ladder adds words with `policy.gendered_terms` and exempts words with `policy.neutral_terms`. A term
may be a phrase (`cleaning lady`): it matches as whole words, case-insensitively, with any whitespace
between its words; `term_key` is the one spelling every list and every match is looked up by.

A title that marks itself as for everyone, with `(m/w/d)`, `(H/F)`, `(m/v/x)` and the like, is neutral as
a whole; a word written next to its other form (`Kaufmann/-frau`, `Vendedor/a`) is neutral where it stands.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

LANGUAGES = ("en", "de", "fr", "es", "nl")
# '(m/w/d)', '(w/m/d)', '(m/f/d)', '(H/F)', '(m/v/x)', '(f/m/x)', '(h/m)': the marks of a title for everyone.
_FOR_EVERYONE = re.compile(r"\(\s*[mwfdhvx*]\s*(?:[/|,]\s*[mwfdhvx*]\s*){1,3}\)", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
_MIN_STEM = 2  # 'Mann' alone, 'Erin', 'Man': no compound, so no suffix finding


@dataclass(frozen=True)
class Suffix:
    suffix: str
    neutral: str  # a format string with {stem}
    exempt: frozenset[str]


@dataclass(frozen=True)
class WordList:
    language: str
    terms: Mapping[str, str]  # casefolded word or phrase -> neutral suggestion
    suffixes: tuple[Suffix, ...]

    @functools.cached_property
    def pattern(self) -> re.Pattern:
        return terms_pattern(tuple(self.terms))


@dataclass(frozen=True)
class Gendered:
    """One gendered word found in a title, with the neutral form to use instead."""

    word: str  # as written in the title
    neutral: str
    language: str  # the word list it came from, or 'policy'


@functools.cache
def word_lists() -> tuple[WordList, ...]:
    """The shipped word lists, one per language in LANGUAGES."""
    import yaml

    found = []
    folder = resources.files("ladderc").joinpath("data").joinpath("gendered-terms")
    for language in LANGUAGES:
        data = yaml.safe_load(folder.joinpath(f"{language}.yaml").read_text("utf-8"))
        suffixes = tuple(Suffix(s["suffix"], s["neutral"], frozenset(w.casefold() for w in s.get("except", ())))
                         for s in data.get("suffixes", ()))
        found.append(WordList(language, {term_key(k): v for k, v in data["terms"].items()}, suffixes))
    return tuple(found)


def term_key(term: str) -> str:
    """A word or phrase as the lists key it: casefolded, its words one space apart ('Cleaning\tLady' -> 'cleaning lady')."""
    return " ".join(term.split()).casefold()


def _paired(title: str, start: int, end: int) -> bool:
    """Whether the word at title[start:end] is written with its other form ('Kaufmann/-frau', 'Verkäufer/in')."""
    return title[end:end + 1] == "/" or (start > 0 and title[start - 1] == "/")


def gendered_words(title: str, extra: Mapping[str, str] = {}, neutral: frozenset[str] = frozenset()) -> list[Gendered]:
    """Every gendered word or phrase in `title`, in the order written.

    `extra` (word or phrase -> suggestion) is the ladder's `policy.gendered_terms`, checked first;
    `neutral` (words or phrases) its `policy.neutral_terms`, never reported; both compared by `term_key`.
    """
    return list(_gendered(title, tuple((term_key(k), v) for k, v in extra.items()), frozenset(map(term_key, neutral))))


@functools.lru_cache(maxsize=4096)  # a ladder repeats its titles (one per family, say) and names
def _gendered(title: str, extra: tuple[tuple[str, str], ...], neutral: frozenset[str]) -> tuple[Gendered, ...]:
    if _FOR_EVERYONE.search(title):
        return ()
    found: dict[int, Gendered] = {}
    taken: set[int] = set()  # character offsets already part of a finding
    sources = [(wl.language, wl.terms, wl.pattern) for wl in word_lists()]
    if extra:
        sources.insert(0, ("policy", dict(extra), terms_pattern(tuple(term for term, _ in extra))))
    for language, terms, pattern in sources:
        for m in pattern.finditer(title):
            term = term_key(m.group())
            span = set(range(m.start(), m.end()))
            if span & taken or term in neutral or term not in terms or _paired(title, m.start(), m.end()):
                continue
            taken |= span
            found[m.start()] = Gendered(m.group(), terms[term], language)
    endings = _endings()
    for m in _WORD.finditer(title):
        word = m.group().casefold()
        if not word.endswith(endings) or m.start() in taken or word in neutral or _paired(title, m.start(), m.end()):
            continue
        hit = _by_suffix(m.group(), word)
        if hit is not None:
            found[m.start()] = hit
    return tuple(found[at] for at in sorted(found))


@functools.lru_cache(maxsize=64)
def terms_pattern(terms: tuple[str, ...]) -> re.Pattern:
    """One pattern matching any of `terms` as whole words, longest first (so a phrase beats its first word);
    the words of a phrase match across any whitespace ('cleaning  lady', a title folded over two lines)."""
    alternatives = "|".join(r"\s+".join(map(re.escape, term.split())) for term in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


@functools.cache
def _endings() -> tuple[str, ...]:
    return tuple(suffix.suffix for wl in word_lists() for suffix in wl.suffixes)


def _by_suffix(written: str, word: str) -> Gendered | None:
    for wl in word_lists():
        for suffix in wl.suffixes:
            stem = written[:len(written) - len(suffix.suffix)]
            if word.endswith(suffix.suffix) and len(stem) >= _MIN_STEM and word not in suffix.exempt:
                return Gendered(written, suffix.neutral.format(stem=stem), wl.language)
    return None
