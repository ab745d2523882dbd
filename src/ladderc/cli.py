"""The command line: parse flags, run one command, turn failures into exit codes.

Exit 0: clean. 1: findings at error severity (or warnings with --strict). 2: usage, operational
(an output refused or unwritable, a full disk) or internal failure, reported in one line (the
traceback only with --debug).
"""

from __future__ import annotations

import argparse
import importlib
import keyword
import sys

from ladderc import __version__
from ladderc.commands import COMMANDS


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The full parser, or with `only` one command's options (the others listed by name and help).

    Adding a command's options imports what its choices come from (diff formats, site themes);
    `ladderc check` in a pre-commit hook should not pay for every other command's imports.
    """
    parser = argparse.ArgumentParser(prog="ladderc", description="Compile dual-track career ladders written as YAML.")
    parser.add_argument("--version", action="version", version=f"ladderc {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        module = importlib.import_module(f"ladderc.commands.{module_name(name)}")
        command = sub.add_parser(name, help=module.HELP, description=module.HELP)
        if only is not None and name != only:
            continue
        command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def module_name(command: str) -> str:
    """`graph` -> `graph`; `import`, a Python keyword, -> `import_`."""
    name = command.replace("-", "_")
    return f"{name}_" if keyword.iskeyword(name) else name


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    chosen = next((word for word in words if not word.startswith("-")), None)
    args = build_parser(chosen if chosen in COMMANDS else None).parse_args(argv)
    from ladderc.errors import UsageError
    from ladderc.guard import OutputError

    try:
        return args.run(args)
    except (UsageError, OutputError) as error:
        sys.stderr.write(f"ladderc: {error}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("ladderc: interrupted\n")
        return 2
    except BrokenPipeError:
        return 0
    except OSError as error:  # I/O that cannot go on (permissions, a full disk): not a bug, no traceback
        if getattr(args, "debug", False):
            raise
        from ladderc.output import describe

        sys.stderr.write(f"ladderc: {describe(error)}\n")
        return 2
    except Exception as error:  # a bug or I/O that cannot go on: one line, not a traceback
        if getattr(args, "debug", False):
            raise
        sys.stderr.write(f"ladderc: internal error: {type(error).__name__}: {error} (run with --debug for details)\n")
        return 2
