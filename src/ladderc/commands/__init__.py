"""One module per `ladderc` command, each with `add_arguments(parser)` and `run(args) -> exit code`.

A command parses its options, calls one library function, picks a reporter and returns an exit
code, in at most 80 lines; what two commands share lives in the library (`ladderc.options`,
`ladderc.review`, `ladderc.export.folder`...), never in a command another imports
(tests/test_commands_thin.py). Command modules import only argparse-level things at import time;
heavy libraries are imported inside `run`, so `ladderc check` starts fast.
"""

COMMANDS = ("check", "build", "export", "diff", "log", "comment", "init", "graph", "rules", "explain", "schema",
            "import")
