"""A MkDocs hook (mkdocs.yml `hooks:`): the menu of pages outside the navigation, rendered once per folder.

Material renders the whole visible menu into every page. Level and change pages, nearly all the
pages of a ladder, are outside the navigation, so no entry of their menu is active and its links,
relative, depend only on the page's folder, and only on its depth when no page of the navigation
shares its first folder: the menu of `changes/a/b.html` is, byte for byte, that of `changes/c/d.html`.
`overrides/main.html` wraps Material's menu partial in a call to
`ladder_shared_nav`, which renders it for the first such page of a folder and reuses it for the
others. Without this, the menu's cost grows with families × pages, the square of the ladder.

Loaded by MkDocs from its path, so it imports nothing of ladderc.
"""

from __future__ import annotations

import posixpath

_in_nav: set[str] = set()
_nav_folders: set[str] = set()  # the first folder of each page in the navigation
_menus: dict[object, str] = {}


def on_nav(nav, config, files):
    _in_nav.clear()
    _in_nav.update(page.file.src_uri for page in nav.pages)
    _nav_folders.clear()
    _nav_folders.update(page.url.split("/")[0] for page in nav.pages if "/" in page.url)
    _menus.clear()
    return nav


def on_env(env, config, files):
    env.globals["ladder_shared_nav"] = shared_nav
    return env


def shared_nav(page, caller):
    """`caller()` renders the menu; pages outside the navigation share it with their folder."""
    file = getattr(page, "file", None)
    if file is None or file.src_uri in _in_nav:
        return caller()
    folder = posixpath.dirname(page.url)
    key = folder if folder.split("/")[0] in _nav_folders else page.url.count("/")
    if key not in _menus:
        _menus[key] = caller()
    return _menus[key]
