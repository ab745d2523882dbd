"""A MkDocs hook (mkdocs.yml `hooks:`): the menu of pages outside the navigation, rendered once per folder.

Material renders the whole visible menu into every page. Level and change pages, nearly all the
pages of a ladder, are outside the navigation, so no entry of their menu is active and its links,
relative, depend only on the page's folder, and only on its depth when no page of the navigation
shares its first folder: the menu of `changes/a/b.html` is, byte for byte, that of `changes/c/d.html`.
`overrides/main.html` wraps Material's menu partial in a call to
`ladder_shared_nav`, which renders it for the first such page of a folder and reuses it for the
others. Without this, the menu's cost grows with families × pages, the square of the ladder.

The menu of a level or change page lists only its own family under "Families" (the family its
front matter names, `ladderc.family`, which ladderc.js marks as current): every family in every
page's menu would make each page grow with the number of families and the whole site with its
square (at 300 families, 60 KB of a 110 KB page). The family pages and the other pages of the
navigation list them all.

Loaded by MkDocs from its path, so it imports nothing of ladderc.
"""

from __future__ import annotations

import copy
import posixpath

_in_nav: set[str] = set()
_nav_folders: set[str] = set()  # the first folder of each page in the navigation
_menus: dict[object, str] = {}
_family_pages: dict[str, object] = {}  # a family page's docs path -> its Page in the navigation


def on_nav(nav, config, files):
    _in_nav.clear()
    _in_nav.update(page.file.src_uri for page in nav.pages)
    _nav_folders.clear()
    _nav_folders.update(page.url.split("/")[0] for page in nav.pages if "/" in page.url)
    _menus.clear()
    _family_pages.clear()
    _family_pages.update((page.file.src_uri, page) for page in nav.pages)
    return nav


class _Menu:
    """The navigation with other top-level items: what Material's menu partial reads (`items`), the rest as is."""

    def __init__(self, nav, items):
        self._nav, self.items = nav, items

    def __getattr__(self, name):
        return getattr(self._nav, name)

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)


def on_page_context(context, page, config, nav):
    family = _family_of(page)
    if family is not None and family.parent is not None:
        # Copies of the sections above the family, each holding the copy below it; the family's
        # own section holds only the family. The navigation itself is left as it was.
        child, clone = family, family
        for section in family.ancestors:
            below = copy.copy(section)
            below.children = [clone] if child is family else [clone if c is child else c for c in section.children]
            child, clone = section, below
        context["nav"] = _Menu(nav, [clone if item is child else item for item in nav.items])
    return context


def _family_of(page):
    """The family page whose entry stands for `page` in the menu: only for pages outside the navigation."""
    file = getattr(page, "file", None)
    if file is None or file.src_uri in _in_nav:
        return None
    flag = (getattr(page, "meta", None) or {}).get("ladderc")
    family = flag.get("family") if isinstance(flag, dict) else None
    return _family_pages.get(family) if isinstance(family, str) else None


def on_env(env, config, files):
    env.globals["ladder_shared_nav"] = shared_nav
    return env


def shared_nav(page, caller):
    """`caller()` renders the menu; pages outside the navigation share it with their folder."""
    file = getattr(page, "file", None)
    if file is None or file.src_uri in _in_nav:
        return caller()
    folder = posixpath.dirname(page.url)
    key = (folder if folder.split("/")[0] in _nav_folders else page.url.count("/"), id(_family_of(page)))
    if key not in _menus:
        _menus[key] = caller()
    return _menus[key]
