"""Write every output ladderc makes for the example and the real ladders into one folder.

Run it on two checkouts and compare the folders with `diff -r`: a refactoring that keeps behaviour
leaves them identical, byte for byte (exit codes, stdout and stderr of each command included).

    python benchmarks/outputs.py OUT [--site]

`--site` adds the employee site of the example (a real MkDocs build, about half a minute).
The review commands compare two fixed commits of this repository's history, so the folder
needs the git history, not a shallow clone.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LADDERS = ["ladders/example", *sorted(f"tests/real/{p.name}" for p in (ROOT / "tests/real").iterdir() if p.is_dir()),
           "tests/fixtures/full"]
OLD, NEW = "4a8c87f", "0ba5dcd"  # two commits whose ladders/example differ


def run(out: Path, name: str, *args: str) -> None:
    """Run `ladderc ARGS` from the repository root and keep its exit code, stdout and stderr."""
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    done = subprocess.run([sys.executable, "-m", "ladderc", *args], cwd=ROOT, capture_output=True, env=env)
    text = b"exit %d\n" % done.returncode + done.stdout + b"\n--- stderr\n" + done.stderr
    (out / f"{name}.out").write_bytes(text.replace(bytes(out), b"OUT"))  # the same wherever OUT is


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--site", action="store_true")
    options = parser.parse_args()
    out: Path = options.out.resolve()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    run(out, "rules", "rules")
    for code in subprocess.run([sys.executable, "-m", "ladderc", "rules"], capture_output=True, text=True,
                               cwd=ROOT).stdout.split():
        if len(code) == 4 and code[0].isupper() and code[1:].isdigit():
            run(out, f"explain-{code}", "explain", code)
    for kind in ("ladder", "family"):
        run(out, f"schema-{kind}", "schema", kind)
    for ladder in LADDERS:
        tag = ladder.replace("/", "_")
        for fmt in ("text", "json", "sarif", "github"):
            run(out, f"{tag}-check-{fmt}", "check", "--format", fmt, ladder)
        for fmt in ("mermaid", "dot", "graphml", "json"):
            run(out, f"{tag}-graph-{fmt}", "graph", "--format", fmt, ladder)
        run(out, f"{tag}-export", "export", "--all", "-o", str(out / f"{tag}-export"), ladder)
    for fmt in ("text", "json", "markdown"):
        run(out, f"diff-{fmt}", "diff", OLD, NEW, "ladders/example", "--format", fmt)
    run(out, "log", "log", "ladders/example")
    if options.site:
        run(out, "build", "build", "-o", str(out / "site"), "ladders/example")
    return 0


if __name__ == "__main__":
    sys.exit(main())
