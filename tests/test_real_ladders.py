"""Real public career frameworks (tests/real/) through every command of the real CLI.

Each ladder under tests/real/ is a public framework written into ladderc's format; its ladder.yaml
says where it comes from, under which licence, and what was decided where the source is silent.
Between them they cover engineering (PostHog, Sourcegraph, UK DDaT), sales (PostHog's calculator,
GitLab, Sourcegraph's SDR and AE frameworks, PostHog go-to-market with commission and bonus
splits), operations and support (Basecamp, UK DDaT IT operations, Sourcegraph and PostHog support,
PostHog revenue operations) and every pay policy: full pay (posthog), partial pay (uk-ddat,
posthog-gtm) and none (sourcegraph, sourcegraph-sales, gitlab, basecamp). The findings asserted
below are what is true of each framework, each explained where it is listed.

Every command runs on every ladder: check (every format), build (with and without pay, and with
--history), export --all, graph (every format), explain LEVEL, diff and log on a two-commit git history, comment
against the fake GitHub API of test_github_comment, the csv export imported back, and init beside
the ladder. Each must exit as documented with no traceback, and write nothing when it fails.
The MkDocs builds are marked `slow`.

A ladder may name 1.x features it needs (`needs`); while one is missing from the schemas, its
tests are `xfail(strict=True)`, so the mark cannot outlive the feature.
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
from xml.etree import ElementTree

import pytest
import yaml
from conftest import ROOT, edit, run
from test_diff import git
from test_github_comment import github  # noqa: F401  (the fake GitHub API fixture)

from ladderc.cli import main

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
    edit_errors: frozenset[str] = frozenset()  # codes with errors that the edit introduces

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
            ("P006", "warning", "sales.yaml", 24, 32),
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
        # With IC6 the IC track reaches L6, and Support Engineer IC5 becomes a dead end below it.
        edit_errors=frozenset({"G003"}),
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
    # PostHog's go-to-market roles: on-target earnings split into base and commission or bonus,
    # bands from the calculator's formula, and sales development without a published base.
    "posthog-gtm": Real(
        needs=frozenset(),
        findings=[],
        # PostHog raises the revenue operations benchmark from 192,000 to 200,000.
        edit=("revops.yaml", "benchmark: 192000", "benchmark: 200000"),
        reported=("| `revops-senior` | `us-sf` (formula) | mid | 192,000 USD | 200,000 USD | +8,000 (+4.2%) |",
                  ('"level": "revops-senior"', '"new": 200000')),
        shown="Principal Technical Customer Success Manager",
    ),
    # Sourcegraph's sales frameworks: SDRs and account executives on one P-level spine, no pay.
    "sourcegraph-sales": Real(
        needs=frozenset(),
        findings=[],
        # Sourcegraph raises the Commercial AE quota ceiling.
        edit=("account-executives.yaml", "A quota under $800k a year.", "A quota under $900k a year."),
        reported=("| `ae-commercial` | `territory` | changed | A quota under ~~$800k~~ **$900k** a year. |",
                  ('"level": "ae-commercial"', '"words": "A quota under [-$800k-] {+$900k+} a year."')),
        shown="Strategic Account Executive (P6)",
    ),
    # Basecamp's operations (SRE) and customer support title ladders: one track, no pay.
    "basecamp": Real(
        needs=frozenset(),
        findings=[],
        edit=("operations.yaml", "title: SRE (L2)", "title: Site Reliability Engineer (L2)"),
        reported=("| `sre-l2` | retitled | SRE (L2) | Site Reliability Engineer (L2) |",
                  ('"new": "Site Reliability Engineer (L2)"',)),
        shown="Principal Customer Support Representative",
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


def ignoring(name: str, edited: bool = False) -> tuple[str, ...]:
    """`--ignore` for the ladder's error codes (and its edit's), so that build, export and graph run."""
    real = LADDERS[name]
    codes = ",".join(sorted({*real.error_codes.split(","), *(real.edit_errors if edited else ())} - {""}))
    return ("--ignore", codes) if codes else ()


@pytest.fixture(scope="module")
def produced(tmp_path_factory):
    """Each ladder's site (with and without pay) and exports, each made once per session, when asked."""
    cache: dict[tuple[str, str], tuple[Path, tuple[int, str, str]]] = {}

    def get(name: str, kind: str) -> tuple[Path, tuple[int, str, str]]:
        if (name, kind) not in cache:
            where = tmp_path_factory.mktemp(f"{name}-{kind}")
            ladder = str(shutil.copytree(REAL / name, where / name))
            argv = {"site": ("build", ladder), "no-pay": ("build", ladder, "--no-pay"),
                    "exports": ("export", ladder, "--all", "--jobs", "1")}[kind]
            cache[name, kind] = (where / "out", invoke(*argv, "-o", str(where / "out"), *ignoring(name)))
        return cache[name, kind]

    return get


def levels(name: str) -> list[dict]:
    """The levels of a real ladder, as written."""
    return [level for family in sorted((REAL / name / "families").glob("*.yaml"))
            for level in yaml.safe_load(family.read_text(encoding="utf-8"))["levels"]]


def banded(name: str) -> set[str]:
    """The levels with a published band: written on the level, or computed by its family's pay formula."""
    out = set()
    for family in (REAL / name / "families").glob("*.yaml"):
        data = yaml.safe_load(family.read_text(encoding="utf-8"))
        out |= {level["id"] for level in data["levels"] if level.get("pay") or data.get("pay_formula")}
    return out


def site_text(site: Path) -> str:
    return "\n".join(page.read_text(encoding="utf-8") for page in sorted(site.rglob("*.html")))


def clean(out: str, err: str) -> None:
    """No traceback and no internal error, whatever the exit code."""
    assert "Traceback" not in out + err and "internal error" not in out + err, out + err


def findings_of(out: str) -> list[tuple[str, str, str, int, int]]:
    return [(x["code"], x["severity"], Path(x["file"]).name, x["line"], x["column"])
            for x in json.loads(out)["diagnostics"]]


def history(tmp_path: Path, name: str) -> Path:
    """A git repository holding the ladder under ladders/NAME: the framework as published, then its edit."""
    repo = tmp_path / "repo"
    shutil.copytree(REAL / name, repo / "ladders" / name)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "the framework as published")
    family, old, new = LADDERS[name].edit
    edit(repo / "ladders" / name / "families" / family, old, new)
    git(repo, "commit", "-qam", "a realistic edit")
    return repo


# -- check -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", params())
def test_check_reports_exactly_the_true_findings(capsys, name):
    real = LADDERS[name]
    code, out, err = run(capsys, "check", str(REAL / name), "--format", "json")
    clean(out, err)
    assert sorted(findings_of(out)) == sorted(real.findings)
    assert code == real.exit_code


@pytest.mark.parametrize("name", params())
def test_check_says_the_same_in_every_format(capsys, name):
    real = LADDERS[name]
    reports = {}
    for fmt in ("text", "json", "github", "sarif"):
        code, out, err = run(capsys, "check", str(REAL / name), "--format", fmt)
        clean(out, err)
        assert code == real.exit_code, fmt
        reports[fmt] = out
    sarif = json.loads(reports["sarif"])
    results = [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
               for run_ in sarif["runs"] for r in run_["results"]]
    assert sorted(results) == sorted((code, line) for code, _, _, line, _ in real.findings)
    for code, severity, file, line, column in real.findings:
        assert f"{file}:{line}:{column}: {severity} {code}" in reports["text"]
        level = "error" if severity == "error" else "warning"
        assert re.search(rf"::{level} file=[^,]*{re.escape(file)},line={line},col={column}", reports["github"]), code
    if not real.findings:
        assert "no problems" in reports["text"] and reports["github"] == ""


@pytest.mark.parametrize("name", params())
def test_strict_fails_on_warnings_only_where_there_are_some(capsys, name):
    real = LADDERS[name]
    code, out, err = run(capsys, "check", str(REAL / name), "--strict")
    clean(out, err)
    assert code == (1 if real.findings else 0)


# -- build (MkDocs: slow) ----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("name", params())
def test_build_makes_a_site_with_and_without_pay(produced, name):
    real = LADDERS[name]
    for kind in ("site", "no-pay"):
        site, (code, out, err) = produced(name, kind)
        clean(out, err)
        assert code == 0, (kind, err)
        assert real.shown in site_text(site), kind
    # Without pay, no level page names an amount (nor does free text such as a summary).
    pages = [page for page in produced(name, "no-pay")[0].rglob("*.html") if "levels" in page.parent.parts]
    assert pages
    for page in pages:
        assert not re.search(r"\d,\d{3} (USD|GBP)", page.read_text(encoding="utf-8")), page


# A published amount: PostHog's Junior Product Engineer midpoint in San Francisco, the SCS pay
# band 2 maximum (the Civil Service ladder's one published band), and the Senior Technical
# Customer Success Manager's base minimum in San Francisco (0.85 x 213,637.50, rounded).
AMOUNTS = {"posthog": "168,150", "uk-ddat": "162,500", "posthog-gtm": "181,592"}


@pytest.mark.slow
@pytest.mark.parametrize("name", params(*AMOUNTS))
def test_site_shows_pay_only_when_asked(produced, name):
    assert AMOUNTS[name] in site_text(produced(name, "site")[0])
    assert AMOUNTS[name] not in site_text(produced(name, "no-pay")[0])


@pytest.mark.slow
@pytest.mark.parametrize("name", params("uk-ddat", "posthog-gtm"))
def test_partial_pay_site_says_not_published(produced, name):
    assert re.search("not published", site_text(produced(name, "site")[0]), re.IGNORECASE)


@pytest.mark.slow
@pytest.mark.parametrize("name", params())
def test_build_with_history_tells_the_edit(capsys, tmp_path, monkeypatch, name):
    repo = history(tmp_path, name)
    monkeypatch.chdir(repo)
    code, out, err = run(capsys, "build", f"ladders/{name}", "--history", "-o", "site", *ignoring(name, edited=True))
    clean(out, err)
    assert code == 0, err
    assert LADDERS[name].shown in site_text(repo / "site")
    told = [page for page in (repo / "site").rglob("*.html") if "history" in page.parent.parts]
    assert any("a realistic edit" in page.read_text(encoding="utf-8") for page in told)  # "what changed"


@pytest.mark.parametrize("name", params(*(name for name in LADDERS if LADDERS[name].exit_code)))
def test_build_and_export_with_errors_write_nothing(capsys, tmp_path, name):
    for command in (("build",), ("export", "--all", "--jobs", "1")):
        out_dir = tmp_path / command[0]
        code, out, err = run(capsys, command[0], str(REAL / name), *command[1:], "-o", str(out_dir))
        clean(out, err)
        assert code == 1, command
        assert not out_dir.exists(), command


# -- export --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", params())
def test_export_all_writes_every_target(produced, name):
    exports, (code, out, err) = produced(name, "exports")
    clean(out, err)
    assert code == 0, err
    targets = {path.name for path in (exports / name).iterdir()}
    # A ladder without pay may have nothing for a pay-only target (Lattice's bands); the rest are there.
    assert {"json", "csv", "workday", "oracle-hdl", "successfactors"} <= targets <= TARGETS
    written = json.dumps(json.loads((exports / name / "json" / "ladder.json").read_text(encoding="utf-8")))
    for level in levels(name):
        assert f'"{level["id"]}"' in written, level["id"]


@pytest.mark.parametrize("name", params())
def test_exported_bands_are_the_published_ones(produced, name):
    # Every band for PostHog; the chief technology officer's alone for the Civil Service; every
    # level but sales development's for PostHog's go-to-market; none for Sourcegraph, GitLab and
    # Basecamp, which publish no pay.
    exports, (code, _, err) = produced(name, "exports")
    assert code == 0, err
    bands = exports / name / "csv" / "bands.csv"
    rows = list(csv.DictReader(bands.open(encoding="utf-8"))) if bands.exists() else []
    assert {row["level"] for row in rows} == banded(name)


@pytest.mark.parametrize("name", params())
def test_exported_amounts_have_no_float_artefacts(produced, name):
    """Amounts are exact decimals (docs/format.md, value limits): 191633.33, never 191633.33000000002."""
    exports, (code, _, err) = produced(name, "exports")
    assert code == 0, err
    for table in sorted((exports / name).rglob("*.csv")):
        text = table.read_text(encoding="utf-8-sig")
        assert not re.search(r"\d\.\d*(0000|9999)\d", text), (table, re.search(r"\S*\d\.\d*(0000|9999)\d\S*", text))


def test_on_target_earnings_come_back_as_published(produced):
    """PostHog's calculator figures are on-target earnings: base x (1 + variable) at the midpoint
    gives them again (to the dollar: the base is rounded to whole dollars)."""
    exports, (code, _, err) = produced("posthog-gtm", "exports")
    assert code == 0, err
    rows = {(row["level"], row["zone"]): row
            for row in csv.DictReader((exports / "posthog-gtm" / "csv" / "bands.csv").open(encoding="utf-8"))}
    ae, csm = rows["tae-senior", "us-sf"], rows["tcsm-senior", "us-sf"]
    assert (ae["mid"], ae["variable_kind"], ae["variable_mix"], ae["total_mid"]) == \
        ("150000", "commission", "50/50", "300000")
    assert (csm["variable_kind"], csm["variable_mix"]) == ("bonus", "90/10")
    assert abs(float(csm["total_mid"]) - 237375) < 1


# -- import: export csv -> import -> check -------------------------------------------------------


@pytest.mark.parametrize("name", params())
def test_csv_export_imports_back_with_the_same_findings(capsys, tmp_path, name):
    """What the CSVs hold comes back (docs/import.md): levels, bands, transitions, expectations and
    the scope of each competency. The policy does not (exceptions come back as errors, and derived
    zones as written bands, so counts differ), but no finding of a new kind may appear."""
    code, out, err = run(capsys, "export", str(REAL / name), "--target", "csv", "-o", str(tmp_path / "x"),
                         *ignoring(name))
    clean(out, err)
    assert code == 0, err
    code, out, err = run(capsys, "import", str(tmp_path / "x" / name / "csv"), "-o", str(tmp_path / "back"))
    clean(out, err)
    assert code == LADDERS[name].exit_code, out
    code, out, err = run(capsys, "check", str(tmp_path / "back"), "--format", "json")
    clean(out, err)
    assert {x[0] for x in findings_of(out)} == {x[0] for x in LADDERS[name].findings}
    assert code == LADDERS[name].exit_code


# -- explain -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", params())
def test_explain_says_where_each_kind_of_band_came_from(capsys, name):
    """`ladderc explain LEVEL PATH` on one level per band origin the ladder has (written, formula,
    derived), and on a level without bands where there is one: each zone's line names its origin."""
    from ladderc.compiler import compile_ladder

    ladder = compile_ladder(REAL / name).ladder
    assert ladder is not None
    chosen: dict[str, object] = {}
    for level in ladder.levels.values():
        for origin in {band.origin for band in level.bands.values()} or {"none"}:
            chosen.setdefault(origin, level)
    for level in chosen.values():
        code, out, err = run(capsys, "explain", level.id, str(REAL / name))
        clean(out, err)
        assert code == 0, err
        assert out.startswith(f"{level.id} {level.title} "), out
        for zone, band in level.bands.items():
            assert re.search(rf"^{re.escape(zone)}: .*\(min / mid / max, {band.origin}\)$", out, re.M), (zone, out)
        if not level.bands:
            assert "no band in any zone" in out, out


# -- graph ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", params())
def test_graph_has_every_level_and_every_listed_transition(capsys, name):
    code, out, err = run(capsys, "graph", str(REAL / name), "--format", "json", *ignoring(name))
    clean(out, err)
    assert code == 0, err
    graph = json.loads(out)
    assert sorted(node["id"] for node in graph["nodes"]) == sorted(level["id"] for level in levels(name))
    edges = {(edge["source"], edge["target"], edge["kind"]) for edge in graph["edges"]}
    for family in (REAL / name / "families").glob("*.yaml"):
        for move in yaml.safe_load(family.read_text(encoding="utf-8")).get("transitions") or []:
            assert (move["from"], move["to"], move["kind"]) in edges, move


@pytest.mark.parametrize("name", params())
def test_graph_prints_every_format(capsys, name):
    ids = [level["id"] for level in levels(name)]
    for fmt in ("mermaid", "dot", "graphml"):
        code, out, err = run(capsys, "graph", str(REAL / name), "--format", fmt, *ignoring(name))
        clean(out, err)
        assert code == 0, (fmt, err)
        for ident in ids:
            assert ident in out, (fmt, ident)
    ElementTree.fromstring(out)  # graphml is XML
    if LADDERS[name].exit_code:  # with its errors, graph says so and prints nothing
        code, out, err = run(capsys, "graph", str(REAL / name))
        clean(out, err)
        assert (code, out) == (1, "")


# -- diff, log and comment on a git history ------------------------------------------------------


@pytest.mark.parametrize("name", params())
def test_diff_reports_a_realistic_edit(capsys, tmp_path, monkeypatch, name):
    real = LADDERS[name]
    monkeypatch.chdir(history(tmp_path, name))
    reports = {}
    for fmt in ("text", "markdown", "json"):
        code, out, err = run(capsys, "diff", "HEAD~1", "HEAD", f"ladders/{name}", "--format", fmt)
        clean(out, err)
        assert code == 0, (fmt, err)
        reports[fmt] = out
    markdown, in_json = real.reported
    assert markdown in reports["markdown"]
    json.loads(reports["json"])
    for text in in_json:
        assert text in reports["json"]


@pytest.mark.parametrize("name", params())
def test_log_tells_both_commits(capsys, tmp_path, monkeypatch, name):
    monkeypatch.chdir(history(tmp_path, name))
    code, out, err = run(capsys, "log", f"ladders/{name}", "--format", "json")
    clean(out, err)
    assert code == 0, err
    (changes,) = [entry["changes"] for entry in json.loads(out)[f"ladders/{name}"]]
    assert [change["subject"] for change in changes] == ["the framework as published", "a realistic edit"]
    assert changes[0]["created"] and changes[0]["summary"]["levels added"] == len(levels(name))
    assert any(changes[1]["summary"].values())  # PostHog go-to-market's edit is to a pay formula only
    code, out, err = run(capsys, "log", f"ladders/{name}", "--no-pay", "--format", "json")
    clean(out, err)
    (changes,) = [entry["changes"] for entry in json.loads(out)[f"ladders/{name}"]]
    assert [change["subject"] for change in changes] == ["the framework as published", "a realistic edit"]
    assert all(change["summary"]["band amounts changed"] == change["summary"]["pay decreases"] == 0
               for change in changes)
    code, out, err = run(capsys, "log", f"ladders/{name}")
    clean(out, err)
    assert code == 0 and "a realistic edit" in out


@pytest.mark.parametrize("name", params())
def test_comment_posts_the_diff_report(capsys, tmp_path, monkeypatch, github, name):
    monkeypatch.chdir(history(tmp_path, name))
    code, report, err = run(capsys, "diff", "HEAD~1", "HEAD", f"ladders/{name}", "--format", "markdown")
    assert code == 0, err
    (tmp_path / "report.md").write_text(report, encoding="utf-8")
    code, out, err = run(capsys, "comment", str(tmp_path / "report.md"), "--pull-request", "7",
                         "--key", f"ladders/{name}")
    clean(out, err)
    assert (code, err) == (0, "")
    posted = github.comments[-1]["body"]
    assert posted.startswith(f"<!-- ladderc diff: ladders/{name} -->\n") and LADDERS[name].reported[0] in posted


# -- init beside a real ladder -------------------------------------------------------------------


@pytest.mark.parametrize("name", params())
def test_init_never_overwrites_a_real_ladder_and_scaffolds_beside_it(capsys, tmp_path, monkeypatch, name):
    repo = tmp_path / "repo"
    shutil.copytree(REAL / name, repo / "ladders" / name)
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()}
    code, out, err = run(capsys, "init", str(repo), "--name", name)
    clean(out, err)
    assert (code, out) == (2, "") and "already exists" in err
    assert {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()} == before
    code, out, err = run(capsys, "init", str(repo), "--name", "scaffold")
    clean(out, err)
    assert code == 0, err
    monkeypatch.chdir(repo)
    code, out, err = run(capsys, "check", "--format", "json")  # every ladder under ./ladders/
    clean(out, err)
    assert sorted(findings_of(out)) == sorted(LADDERS[name].findings)
    assert code == LADDERS[name].exit_code
