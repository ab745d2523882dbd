"""`ladderc build [PATH...] [-o site/]`: check the ladders, then build the employee site."""

from __future__ import annotations

import sys
from pathlib import Path

HELP = "check the ladders, then build the employee site (MkDocs)"


def add_arguments(parser) -> None:
    from ladderc.commands.check import add_rule_selection
    from ladderc.site.mkdocs import THEMES

    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="ladder directories, folders of ladders, or files in a ladder (default: ./ladders/)")
    parser.add_argument("-o", "--output", type=Path, default=Path("site"), metavar="DIR",
                        help="where the site goes (default: site/); replaced only when the build succeeds, and only if it is "
                             "new, empty or a site ladderc wrote")
    parser.add_argument("--no-pay", dest="pay", action="store_false",
                        help="leave every pay band and amount out (a site for outsiders)")
    parser.add_argument("--history", action="store_true",
                        help="add a \"what changed\" page per effective date, told from the git history of each ladder")
    parser.add_argument("--theme", choices=sorted(THEMES), default="material",
                        help="MkDocs theme (default: material)")
    add_rule_selection(parser)


def run(args) -> int:
    from ladderc.commands.check import compile_all
    from ladderc.compiler import DEFAULT_ROOT
    from ladderc.diagnostics import ERROR
    from ladderc.guard import refuse_unsafe_place
    from ladderc.reporters import REPORTERS

    # Before the work, not after it; whether a folder there is ladderc's is judged under the lock.
    refuse_unsafe_place(args.output, args.paths or [DEFAULT_ROOT])
    compilations, diagnostics, files = compile_all(args)
    if diagnostics or not all(c.ok for c in compilations):
        sys.stdout.write(REPORTERS["text"](diagnostics, files))
    if any(x.severity == ERROR for x in diagnostics) or not all(c.ok for c in compilations):
        sys.stdout.write(f"ladderc: site not built; {args.output} is unchanged\n")
        return 1

    from ladderc.site import SiteOptions, build_site

    ladders = [c.ladder for c in compilations]
    history = _history(ladders, args) if args.history else {}
    pages = build_site(ladders, args.output, SiteOptions(pay=args.pay, theme=args.theme, history=history))
    sys.stdout.write(f"site written to {args.output / 'index.html'} ({pages} pages)\n")
    return 0


def _history(ladders, args) -> dict:
    """Each ladder's history from the git repository holding it, keyed by its resolved root."""
    from pathlib import PurePosixPath

    from ladderc.commands.check import options_from
    from ladderc.gitrev import repository_root
    from ladderc.history import history

    found = {}
    for ladder in ladders:
        root = Path(ladder.root).resolve()
        repo = repository_root(root).resolve()
        scope = PurePosixPath(root.relative_to(repo).as_posix())
        found[root] = history(repo, scope, options_from(args)).get(scope.as_posix(), [])
    return found
