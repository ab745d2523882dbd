"""Real public career frameworks (tests/real/) through the real CLI: check, build, export, diff, graph.

Each ladder under tests/real/ is a public framework written into ladderc's format; its ladder.yaml
says where it comes from, under which licence, and what was simplified. The findings asserted
below are what is true of each framework, each explained where it is listed.

Three of the four ladders use format 1.x keys (`policy.pay`, competency `families`, family
`policy.rules` with reasons: see docs/format.md, "Additions in 1.x"). Until ladderc implements
them those ladders stop at S002, so every test of theirs is marked `xfail(strict=True)` with the
missing features in its reason: it runs, and it must start passing when the features land (an
XPASS fails the run, so the mark cannot outlive the features). The expectations are written for
ladderc with every addition of issue 13; rows that depend on one behaviour beyond the schema say so.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, edit, run
from ladderc.cli import main
from test_diff import git

REAL = Path(__file__).parent / "real"
TARGETS = {"json", "csv", "workday", "oracle-hdl", "successfactors", "lattice", "pave", "postings"}


def _features() -> set[str]:
    """The 1.x additions the schemas in this checkout accept."""
    ladder = json.loads((ROOT / "schemas/ladder.schema.json").read_text(encoding="utf-8"))["$defs"]
    family = json.loads((ROOT / "schemas/family.schema.json").read_text(encoding="utf-8"))
    found = set()
    if "pay" in ladder["policy"].get("properties", {}):
        found.add("policy.pay")
    if "families" in ladder["competency"].get("properties", {}):
        found.add("competency families")
    if "policy" in family.get("properties", {}):
        found.add("family policy.rules")
    return found


FEATURES = _features()


@dataclass(frozen=True)
class Real:
    """One real ladder: the 1.x features it needs, its true findings, and a realistic edit for `diff`."""

    needs: frozenset[str]
    findings: list[tuple[str, str, str, int, int]]  # code, severity, file name, line, column
    edit: tuple[str, str, str]  # family file, old text, new text
    reported: tuple[str, tuple[str, ...]]  # what `diff --format markdown` and `--format json` must contain
    shown: str  # text the site shows (a title, in the pay site and the no-pay site)

    @property
    def exit_code(self) -> int:
        return 1 if any(severity == "error" for _, severity, *_ in self.findings) else 0

    @property
    def error_codes(self) -> str:
        """The codes with error findings, to --ignore so that build and export run."""
        return ",".join(sorted({code for code, severity, *_ in self.findings if severity == "error"}))


LADDERS = {
    # PostHog's public compensation calculator: full pay, no 1.x keys; runs on today's ladderc.
    "posthog": Real(
        needs=frozenset(),
        findings=[
            # PostHog's level factors go Junior 0.59 -> Intermediate 0.78: a 32.2% rise in the
            # midpoint, above the default 30% per grade. True of every role, so once per family
            # (the derived zones share it and are folded into the one finding).
            ("P006", "warning", "engineering.yaml", 22, 33),
            ("P006", "warning", "sales.yaml", 23, 33),
            ("P006", "warning", "support.yaml", 22, 33),
        ],
        # The San Francisco benchmark for Senior Product Engineer goes from 285,000 to 288,000.
        edit=("engineering.yaml", "us-sf: {min: 242250, mid: 285000, max: 327750}",
              "us-sf: {min: 244800, mid: 288000, max: 331200}"),
        reported=("| `pe-senior` | `us-sf` | max | 327,750 USD | 331,200 USD | +3,450 (+1.1%) |",
                  ('"level": "pe-senior"', '"new": 331200')),
        shown="Principal Support Engineer",
    ),
    # Sourcegraph's engineering and support frameworks: no pay; competencies differ per family.
    "sourcegraph": Real(
        needs=frozenset({"policy.pay", "competency families"}),
        findings=[
            # The IC track is described up to IC5 (IC6 is "coming soon"), management up to M6.
            ("G004", "error", "engineering.yaml", 45, 5),
            # The framework documents no move from management back to an IC level, at any level.
            ("G006", "error", "engineering.yaml", 55, 5),
            ("G006", "error", "engineering.yaml", 64, 5),
            ("G006", "error", "engineering.yaml", 73, 5),
            ("G006", "error", "engineering.yaml", 82, 5),
            # Not reported, because of 1.x: P002 for every level (pay: none), and T002 for
            # proficiency on support levels and impact/scope on engineering levels (families).
        ],
        # Sourcegraph publishes IC6: the IC track now reaches M6's level, resolving G004.
        edit=("engineering.yaml", "\n  - id: m3\n",
              "  - id: ic6\n    track: ic\n    grade: L6\n    title: Senior Staff Software Engineer (IC6)\n"
              "    expectations:\n      proficiency: Sets technical vision across organisations.\n"
              "      execution: Delivers company-wide outcomes.\n      teamwork: Shapes engineering culture.\n"
              "\n  - id: m3\n"),
        reported=("| `ic6` | added |", ('"level": "ic6"', '"change": "resolved"', '"code": "G004"')),
        shown="Engineering Manager (M6)",
    ),
    # GitLab's sales and customer success job families: job grades, no pay.
    "gitlab": Real(
        needs=frozenset({"policy.pay", "competency families", "family policy.rules"}),
        findings=[
            # Customer success: IC ends at Staff CSM (grade 9), management at VP (12); an exception
            # with a reason in the family file makes it a warning.
            ("G004", "warning", "customer-success.yaml", 41, 5),
            # Manager and Senior Manager, CSM share grade 9 (exception: seniority within the grade).
            ("G002", "warning", "customer-success.yaml", 57, 5),
            # No documented way back from any CSM management level to an IC level.
            ("G006", "error", "customer-success.yaml", 49, 5),
            ("G006", "error", "customer-success.yaml", 57, 5),
            ("G006", "error", "customer-success.yaml", 65, 5),
            ("G006", "error", "customer-success.yaml", 73, 5),
            ("G006", "error", "customer-success.yaml", 81, 5),
            # Not reported once G003 follows any path upward (issue 13, item 5): Manager, CSM (9)
            # reaches Director (10) through Senior Manager (9). Today's G003 reports it at 49:5.
            # The three enterprise AE titles all sit at grade 8, each promoted to the next at the
            # same grade (exception: progression is by territory and quota within the grade).
            ("G002", "warning", "sales.yaml", 31, 5),
            ("G002", "warning", "sales.yaml", 38, 5),
            # AEs' IC path ends at grade 8 while the ladder's IC track reaches 9 (Staff CSM): no
            # chain of transitions from any grade-8 AE leads higher (the way on is sales management).
            ("G003", "error", "sales.yaml", 24, 5),
            ("G003", "error", "sales.yaml", 31, 5),
            ("G003", "error", "sales.yaml", 38, 5),
        ],
        # The job family page's own heading for the level: "Customer Success Manager (Intermediate)".
        edit=("customer-success.yaml", "title: Customer Success Manager\n",
              "title: Customer Success Manager (Intermediate)\n"),
        reported=("| `csm` | retitled | Customer Success Manager | Customer Success Manager (Intermediate) |",
                  ('"new": "Customer Success Manager (Intermediate)"',)),
        shown="Vice President of Customer Success",
    ),
    # UK Government Digital and Data framework on the Civil Service grades: only SCS pay is published.
    "uk-ddat": Real(
        needs=frozenset({"policy.pay", "competency families", "family policy.rules"}),
        findings=[
            # Infrastructure operations ends at principal (G7) below the specialist track's top
            # (G6); an exception with a reason in the family file makes it a warning.
            ("G003", "warning", "it-operations.yaml", 56, 5),
            # The chief technology officer (SCS2) has no documented way back to a specialist role.
            ("G006", "error", "chief-digital-data.yaml", 10, 5),
            # Not reported, because of 1.x: P002 for the 14 delegated-grade levels (pay: optional),
            # and T002 for every competency of another family (families).
        ],
        # A pay award raises the SCS pay band 2 minimum by 1,000.
        edit=("chief-digital-data.yaml", "uk: {min: 98000, max: 162500}", "uk: {min: 99000, max: 162500}"),
        reported=("| `cto` | `uk` | min | 98,000 GBP | 99,000 GBP | +1,000 (+1.0%) |",
                  ('"level": "cto"', '"new": 99000')),
        shown="Principal developer - management",
    ),
}


def params(*names: str):
    """One pytest param per ladder, xfail(strict) while a 1.x feature it needs is missing."""
    out = []
    for name in names or LADDERS:
        missing = sorted(LADDERS[name].needs - FEATURES)
        marks = [pytest.mark.xfail(strict=True, reason=f"needs format 1.x: {', '.join(missing)}")] if missing else []
        out.append(pytest.param(name, marks=marks, id=name))
    return out


def invoke(*argv: str) -> tuple[int, str, str]:
    """`ladderc ARGV...` in-process, outside any test's capsys (for module-scoped fixtures)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def produced(tmp_path_factory):
    """Each ladder's site (with and without pay) and exports, made once per session."""
    cache: dict[str, dict] = {}

    def get(name: str) -> dict:
        if name not in cache:
            where = tmp_path_factory.mktemp(name)
            ladder = Path(shutil.copytree(REAL / name, where / name))
            ignore = ("--ignore", LADDERS[name].error_codes) if LADDERS[name].error_codes else ()
            cache[name] = {
                "site": (where / "site", invoke("build", str(ladder), "-o", str(where / "site"), *ignore)),
                "no-pay": (where / "no-pay", invoke("build", str(ladder), "--no-pay", "-o", str(where / "no-pay"),
                                                    *ignore)),
                "exports": (where / "exports", invoke("export", str(ladder), "--all", "-o", str(where / "exports"),
                                                      "--jobs", "1", *ignore)),
            }
        return cache[name]

    return get


def levels(name: str) -> list[dict]:
    """The levels of a real ladder, as written."""
    return [level for family in sorted((REAL / name / "families").glob("*.yaml"))
            for level in yaml.safe_load(family.read_text(encoding="utf-8"))["levels"]]


def site_text(site: Path) -> str:
    return "\n".join(page.read_text(encoding="utf-8") for page in sorted(site.rglob("*.html")))


@pytest.mark.parametrize("name", params())
def test_check_reports_exactly_the_true_findings(capsys, name):
    real = LADDERS[name]
    code, out, err = run(capsys, "check", str(REAL / name), "--format", "json")
    assert "internal error" not in err
    found = [(x["code"], x["severity"], Path(x["file"]).name, x["line"], x["column"])
             for x in json.loads(out)["diagnostics"]]
    assert sorted(found) == sorted(real.findings)
    assert code == real.exit_code


@pytest.mark.parametrize("name", params())
def test_build_makes_a_site_with_and_without_pay(produced, name):
    real = LADDERS[name]
    for kind in ("site", "no-pay"):
        site, (code, out, err) = produced(name)[kind]
        assert "internal error" not in out + err, kind
        assert code == 0, (kind, err)
        assert real.shown in site_text(site), kind


# A published amount: PostHog's Junior Product Engineer midpoint in San Francisco, and the SCS
# pay band 2 maximum, the Civil Service ladder's one published band.
AMOUNTS = {"posthog": "168,150", "uk-ddat": "162,500"}


@pytest.mark.parametrize("name", params(*AMOUNTS))
def test_site_shows_pay_only_when_asked(produced, name):
    assert AMOUNTS[name] in site_text(produced(name)["site"][0])
    assert AMOUNTS[name] not in site_text(produced(name)["no-pay"][0])


@pytest.mark.parametrize("name", params("uk-ddat"))
def test_partial_pay_site_says_not_published(produced, name):
    assert re.search("not published", site_text(produced(name)["site"][0]), re.IGNORECASE)


@pytest.mark.parametrize("name", params())
def test_export_all_writes_every_target(produced, name):
    exports, (code, out, err) = produced(name)["exports"]
    assert "internal error" not in out + err
    assert code == 0, err
    targets = {path.name for path in (exports / name).iterdir()}
    # A ladder without pay may have nothing for a pay-only target (Lattice's bands); the rest are there.
    assert {"json", "csv", "workday", "oracle-hdl", "successfactors"} <= targets <= TARGETS
    written = json.dumps(json.loads((exports / name / "json" / "ladder.json").read_text(encoding="utf-8")))
    for level in levels(name):
        assert f'"{level["id"]}"' in written, level["id"]


@pytest.mark.parametrize("name", params())
def test_exported_bands_are_the_published_ones(produced, name):
    # Every band for PostHog; the chief technology officer's alone for the Civil Service; none
    # for Sourcegraph and GitLab, which publish no pay.
    exports, (code, _, err) = produced(name)["exports"]
    assert code == 0, err
    bands = exports / name / "csv" / "bands.csv"
    rows = list(csv.DictReader(bands.open(encoding="utf-8"))) if bands.exists() else []
    assert {row["level"] for row in rows} == {level["id"] for level in levels(name) if level.get("pay")}


@pytest.mark.parametrize("name", params())
def test_diff_reports_a_realistic_edit(capsys, tmp_path, monkeypatch, name):
    real = LADDERS[name]
    repo = tmp_path / "repo"
    shutil.copytree(REAL / name, repo / "ladders" / name)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "the framework as published")
    family, old, new = real.edit
    edit(repo / "ladders" / name / "families" / family, old, new)
    git(repo, "commit", "-qam", "a realistic edit")
    monkeypatch.chdir(repo)
    reports = {}
    for fmt in ("markdown", "json"):
        code, out, err = run(capsys, "diff", "HEAD~1", "HEAD", f"ladders/{name}", "--format", fmt)
        assert "internal error" not in out + err, fmt
        assert code in (0, 1), (fmt, err)
        reports[fmt] = out
    markdown, in_json = real.reported
    assert markdown in reports["markdown"]
    json.loads(reports["json"])
    for text in in_json:
        assert text in reports["json"]


@pytest.mark.parametrize("name", params())
def test_graph_has_every_level_and_every_listed_transition(capsys, name):
    real = LADDERS[name]
    ignore = ("--ignore", real.error_codes) if real.error_codes else ()
    code, out, err = run(capsys, "graph", str(REAL / name), "--format", "json", *ignore)
    assert "internal error" not in err
    assert code == 0, err
    graph = json.loads(out)
    assert sorted(node["id"] for node in graph["nodes"]) == sorted(level["id"] for level in levels(name))
    edges = {(edge["source"], edge["target"], edge["kind"]) for edge in graph["edges"]}
    for family in (REAL / name / "families").glob("*.yaml"):
        for move in yaml.safe_load(family.read_text(encoding="utf-8")).get("transitions") or []:
            assert (move["from"], move["to"], move["kind"]) in edges, move
