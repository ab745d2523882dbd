"""`ladderc build [PATH...] [-o site/]`: check the ladders, then build the employee site."""

from __future__ import annotations

import sys
from pathlib import Path

HELP = "check the ladders, then build the employee site (MkDocs)"


def add_arguments(parser) -> None:
    from ladderc.options import add_paths, add_rule_selection, folder_url
    from ladderc.site.mkdocs import THEMES

    add_paths(parser)
    parser.add_argument("-o", "--output", type=Path, default=Path("site"), metavar="DIR",
                        help="where the site goes (default: site/); replaced only when the build succeeds, and only if it is "
                             "new, empty or a site ladderc wrote")
    parser.add_argument("--no-pay", dest="pay", action="store_false",
                        help="leave every pay band and amount out (a site for outsiders)")
    parser.add_argument("--history", action="store_true",
                        help="add a \"what changed\" page per effective date, told from the git history of each ladder")
    parser.add_argument("--theme", choices=sorted(THEMES), default="material",
                        help="MkDocs theme (default: material)")
    parser.add_argument("--site-url", type=folder_url, default=None, metavar="URL",
                        help="where the site will be served, e.g. https://example.com/careers/ (makes the "
                             "404 page work under a sub-path)")
    add_rule_selection(parser)


def run(args) -> int:
    from ladderc.compiler import DEFAULT_ROOT, compile_all
    from ladderc.guard import refuse_unsafe_place
    from ladderc.options import compile_options
    from ladderc.reporters import REPORTERS

    # Before the work, not after it; whether a folder there is ladderc's is judged under the lock.
    refuse_unsafe_place(args.output, args.paths or [DEFAULT_ROOT])
    options = compile_options(args)
    batch = compile_all(args.paths, options)
    if batch.diagnostics or not batch.ok:
        sys.stdout.write(REPORTERS["text"](batch.diagnostics, batch.files))
    if not batch.ok:
        sys.stdout.write(f"ladderc: site not built; {args.output} is unchanged\n")
        return 1

    from ladderc.history import histories
    from ladderc.site import SiteOptions, build_site

    ladders = [c.ladder for c in batch.compilations if c.ladder is not None]  # all are: batch.ok
    site = SiteOptions(pay=args.pay, theme=args.theme, site_url=args.site_url,
                       history=histories(ladders, options) if args.history else {})
    pages = build_site(ladders, args.output, site, [c.verified for c in batch.compilations])
    sys.stdout.write(f"site written to {args.output / 'index.html'} ({pages} pages)\n")
    return 0
