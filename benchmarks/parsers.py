"""Probe YAML parsers against what ladderc's loader guarantees: `python benchmarks/parsers.py [LADDER]`.

Each installed candidate (yaml-rs, ryaml, fastyaml-rs, py-yaml12, libfyaml, rapidyaml) and
ladderc's own loader read the same small documents, one per guarantee; the table says which
guarantees each keeps. With a LADDER folder (benchmarks/generate.py writes one), each also reads
every file of it and the table adds its CPU time against PyYAML's CSafeLoader load; `--differ N`
counts, for each, the random documents it accepts but reads otherwise than ladderc. Candidates
that are not installed are left out; install them by hand to compare (none is a dependency).
"""

from __future__ import annotations

import argparse
import importlib
import math
import random
import sys
import time
from pathlib import Path

import yaml

SRC = Path(__file__).resolve().parents[1] / "src"

# The YAML 1.2 core schema's reading of plain scalars that other schemas (1.1, or a parser's own) read otherwise.
CORE = {"NO": "NO", "yes": "yes", "on": "on", "010": 10, "0o17": 15, "0x1F": 31, "1_000": "1_000", "0b101": "0b101",
        "+0x1F": "+0x1F", "-0o7": "-0o7", "00": 0, "1e3": 1000.0, ".5": 0.5, "-.inf": -math.inf, "~": None,
        "True": True, "tRUE": "tRUE", "2024-01-01": "2024-01-01", "1:20:30": "1:20:30", "0x_1F": "0x_1F"}


def _core_text() -> str:
    return "".join(f"k{i}: {word}\n" for i, word in enumerate(CORE))


def _core_kept(data) -> bool:
    if not isinstance(data, dict):
        return False
    for i, want in enumerate(CORE.values()):
        got = data.get(f"k{i}", object())
        if type(got) is not type(want) or got != want:
            return False
    return True


def _value(data, key: str):
    return data.get(key) if isinstance(data, dict) else None


# (guarantee, document, kept: a predicate on what the parser returned, or "refused" when raising is the guarantee)
PROBES = [
    ("YAML 1.2 core typing", _core_text(), _core_kept),
    ("duplicate key reported", "a: 1\na: 2\n", "refused"),
    ("alias refused before expansion", "a: &x [1]\nb: *x\n", "refused"),
    ("global tag refused", "a: !!python/object:os.system x\n", "refused"),
    ("local tag refused", "a: !pay x\n", "refused"),
    ("`<<` is a plain key", "b:\n  <<: {y: 2}\n", lambda data: _value(_value(data, "b") or {}, "<<") == {"y": 2}),
    ("key `010` kept as written", "010: a\n", lambda data: data == {"010": "a"}),
    ("tab indentation refused", "levels:\n\t- id: se1\n", "refused"),
    ("unclosed flow refused", "a: [1, 2\nb: 3\n", "refused"),
    ("10,000-deep nesting refused", "a: " + "[" * 10_000 + "]" * 10_000 + "\n", "refused"),
    ("CRLF line breaks read as LF", "a: |\r\n  x\r\n  y\r\n", lambda data: data == {"a": "x\ny\n"}),
]


def candidates() -> dict[str, object]:
    """name -> a function from text to Python values, for every candidate that imports here."""
    found = {"libyaml (ladderc's loader)": _ladderc}
    for name, module, build in (
            ("yaml-rs", "yaml_rs", lambda m: lambda s: m.loads(s, parse_datetime=False)),
            ("ryaml", "ryaml", lambda m: m.loads),
            ("fastyaml-rs", "fast_yaml", lambda m: m.safe_load),
            ("py-yaml12", "yaml12", lambda m: m.parse_yaml),
            ("libfyaml", "libfyaml", lambda m: lambda s: _plain(m.loads(s))),
            ("rapidyaml (tree only)", "ryml", lambda m: lambda s: m.parse_in_arena(s.encode()))):
        try:
            found[name] = build(importlib.import_module(module))
        except ImportError:
            continue
    return found


def _ladderc(text: str):
    sys.path.insert(0, str(SRC))
    from ladderc.loader import parse

    doc, findings = parse(Path("probe.yaml"), text.encode())
    if findings:
        raise ValueError(findings[0].message)
    return doc.data


def _plain(value):
    """libfyaml's generic values as plain Python: its wrappers pass isinstance() for what they hold."""
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    for kind in (bool, int, float, str):
        if isinstance(value, kind):
            return kind(value)
    return None


def keeps(parse, document: str, kept) -> str:
    """"yes", "**no**", or "n/a" for a parser that gives a tree of its own rather than Python values."""
    try:
        data = parse(document)
    except Exception:  # noqa: BLE001 - any refusal counts, whatever the parser calls it
        return "yes" if kept == "refused" else "**no**"
    if kept == "refused":
        return "**no**"
    if not isinstance(data, (dict, list)):
        return "n/a"
    return "yes" if kept(data) else "**no**"


def timed(parse, texts: list[str]) -> float:
    start = time.process_time()
    for text in texts:
        parse(text)
    return time.process_time() - start


def report(ladder: Path | None) -> str:
    found = candidates()
    texts = [f.read_text(encoding="utf-8") for f in sorted(ladder.rglob("*.yaml"))] if ladder else []
    floor = timed(lambda s: yaml.load(s, Loader=yaml.CSafeLoader), texts) if texts else 0.0
    head = ["guarantee", *found]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, document, kept in PROBES:
        lines.append(f"| {name} | " + " | ".join(keeps(parse, document, kept) for parse in found.values()) + " |")
    lines.append("| positions of every node and key | yes | " + " | ".join("no" for _ in list(found)[1:]) + " |")
    if texts:
        lines.append(f"| CPU, {len(texts):,} files ÷ CSafeLoader load ({floor:.2f} s) | "
                     + " | ".join(f"{timed(parse, texts) / floor:.2f}×" for parse in found.values()) + " |")
    return "\n".join(lines)


# Pieces of YAML text, joined at random by `differ`: indicators, indentation, typed and untyped words.
PIECES = ["a", "id", "x y", "1", "010", "0x1F", "1.5", "1e3", ".inf", "-", ":", " ", "  ", "\n", "\n  ", "\n    ",
          "#", "'", '"', "[", "]", "{", "}", ",", "|", ">", "?", "null", "true", "NO", "-1", "+1", "0o7", "\\",
          "\\n", "%", "@", "`", "---", "...", "é", "00", "1_0", "-.5", "2026-01-01", "~", "\r\n", "=", "<<", "\t"]


def differ(parse, texts: int, seed: int = 0) -> tuple[int, list[str]]:
    """How many of `texts` random documents `parse` accepts but reads otherwise than ladderc (or ladderc refuses)."""
    rng = random.Random(seed)
    found: list[str] = []
    for _ in range(texts):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 14)))
        try:
            theirs = parse(text)
        except Exception:  # noqa: BLE001 - a refusal falls back to libyaml in any hybrid, so it is no divergence
            continue
        try:
            ours = _ladderc(text)
        except ValueError:
            found.append(text)
            continue
        if repr(theirs) != repr(ours):
            found.append(text)
    return len(found), found[:5]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ladder", nargs="?", type=Path, help="also time every parser on this ladder's files")
    parser.add_argument("--differ", type=int, default=0, metavar="N",
                        help="also read N random documents with each parser and count those it reads otherwise")
    args = parser.parse_args(argv)
    print(report(args.ladder))
    if args.differ:
        print(f"\n| parser | of {args.differ:,} random documents, accepted but read otherwise than ladderc | examples |")
        print("|---|---:|---|")
        for name, parse in list(candidates().items())[1:]:
            if name.startswith("rapidyaml"):
                continue  # its tree is not Python values: there is nothing to compare
            count, examples = differ(parse, args.differ)
            print(f"| {name} | {count:,} | {', '.join(f'`{e!r}`' for e in examples[:3])} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
