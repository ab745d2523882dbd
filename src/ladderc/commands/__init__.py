"""One module per `ladderc` command, each with `add_arguments(parser)` and `run(args) -> exit code`.

Command modules import only argparse-level things at import time; heavy libraries are imported
inside `run`, so `ladderc check` starts fast.
"""

COMMANDS = ("check", "build", "export", "diff", "log", "comment", "init", "graph", "rules", "explain", "schema",
            "import")
