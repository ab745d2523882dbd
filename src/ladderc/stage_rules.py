"""The findings the pipeline stages report themselves, as `Rule` values: reading (S001, S003),
the schema (S002, S004), references (R codes), exports (E codes) and imports (I codes).

A leaf module: it imports only `ladderc.diagnostics`, so any stage can make a finding without
loading the others. Each rule's docstring is its documentation (what, why, a failing and a passing
example); `ladderc.catalogue` lists these beside the checks over the model.
"""

from __future__ import annotations

from inspect import cleandoc

from ladderc.diagnostics import ERROR, WARNING, Rule

YAML_SYNTAX = Rule("S001", "yaml-syntax", ERROR, cleandoc("""
    The file is not YAML that ladderc can read.

    Why: every other promise of the ladder rests on reading it exactly as written. Tabs in
    indentation, unreadable bytes (not UTF-8), a truncated file, a file over the size limit,
    nesting deeper than 64 levels, anchors, aliases and tags (`&a`, `*a`, `!!python/object`)
    are refused; the message gives the parser's position. So are files ladderc will not open: a
    link to a file outside the ladder (the message says where it points), a link loop, and
    anything that is not a regular file (a FIFO, a device, a directory named `*.yaml`).

    Failing:

        levels:
        	- id: se1          # a tab before the dash

    Passing:

        levels:
          - id: se1
    """))

DUPLICATE_KEY = Rule("S003", "duplicate-key", ERROR, cleandoc("""
    A mapping names the same key twice.

    Why: YAML loaders silently keep the last value, so a band or an expectation written twice
    quietly loses one of them, and with it the figure HR agreed on.

    Failing:

        pay:
          us-tier1: {min: 100000, max: 140000}
          us-tier1: {min: 90000, max: 120000}

    Passing:

        pay:
          us-tier1: {min: 100000, max: 140000}
    """))

SCHEMA = Rule("S002", "schema", ERROR, cleandoc("""
    A value breaks the ladder's JSON Schema: an unknown key, a wrong type, a missing field, a bad id.

    Why: the schema is the published contract between HR and every tool that reads a ladder
    (editors complete and validate against it); a typo such as `tilte:` would otherwise vanish
    from the employee site without a word. Amounts are numbers (`100000`, not `"100k"`), finite and
    at most 10^12; effective dates fall in 1970-2099; ids match in full; text holds no control
    characters or Unicode non-characters: what check accepts, every output can carry. (An HRIS
    field's length limit, such as Oracle's 30-character codes, is checked when exporting to that
    system: E001.)

    Failing:

        levels:
          - id: se1
            track: ic
            grade: G1
            tilte: Software Engineer I

    Passing:

        levels:
          - id: se1
            track: ic
            grade: G1
            title: Software Engineer I
    """))

UNSUPPORTED_FILE = Rule("S004", "unsupported-file", ERROR, cleandoc("""
    The file is not a ladder this version of ladderc reads: an unknown `format` version, or a
    YAML file in the ladder directory that is neither `ladder.yaml` nor a family under `families/`.

    Why: reading a newer format with older rules would pass ladders whose promises were never
    checked; a stray file is usually a family saved in the wrong place, and would be ignored.

    Failing:

        format: 2

    Passing:

        format: 1
    """))

UNKNOWN_REFERENCE = Rule("R001", "unknown-reference", ERROR, cleandoc("""
    A reference names a track, family, grade, zone, competency, requirement or level that the
    ladder does not define (or an expectation for a competency that does not apply to the level's
    track or family).

    Why: a transition to a level that does not exist is a promise nobody can keep; a band in a
    zone nobody defined is pay nobody will see. The message suggests the closest id.

    Failing:

        - id: se2
          track: ic
          grade: G22

    Passing:

        - id: se2
          track: ic
          grade: G2
    """))

DUPLICATE_ID = Rule("R002", "duplicate-id", ERROR, cleandoc("""
    Two things of one kind share an id, also when the ids differ only by case (`SE1`, `se1`).
    Level ids are unique across the whole ladder, whatever their family.

    Why: transitions, exports and HRIS job codes key on ids; two levels called `se3` make every
    one of them ambiguous, and many HR systems compare codes case-insensitively.

    Failing:

        levels:
          - {id: se3, track: ic, grade: G3, title: Senior Engineer}
          - {id: se3, track: ic, grade: G4, title: Staff Engineer}

    Passing:

        levels:
          - {id: se3, track: ic, grade: G3, title: Senior Engineer}
          - {id: se4, track: ic, grade: G4, title: Staff Engineer}
    """))

DERIVATION_CYCLE = Rule("R003", "derivation-cycle", ERROR, cleandoc("""
    Pay zones derive their bands from each other in a circle (`uk` from `de`, `de` from `uk`).

    Why: a derived zone's bands are computed from its source's; in a circle no band can ever be
    computed, and every level would silently have no pay there.

    Failing:

        zones:
          - {id: uk, name: UK, currency: GBP, derive: {from: de, factor: 0.9}}
          - {id: de, name: Germany, currency: EUR, derive: {from: uk, factor: 1.1}}

    Passing:

        zones:
          - {id: uk, name: UK, currency: GBP}
          - {id: de, name: Germany, currency: EUR, derive: {from: uk, factor: 1.1}}
    """))

EXPORT_FIELD_TOO_LONG = Rule("E001", "export-field-too-long", ERROR, cleandoc("""
    A value is longer than the HRIS field it is exported to (Oracle HCM: codes at most 30
    characters, names at most 240).

    Why: the importer would reject the row or, worse, a tool along the way would cut the value
    short and two jobs would end up with one code. ladderc reports it at the YAML that wrote the
    value instead of truncating it, and writes no export.

    A job code is the level's id and a job family code the family's id. A grade code is the grade
    label when every level at the grade has the same bands; otherwise it is generated from the
    grade label and the family id (`G5-engineering`), or the level id where one family has two
    band sets at the grade (`G5-se5`). The hint says which, and what to shorten.

    Failing:

        - id: principal-distinguished-software-engineer-2
          track: ic
          grade: G8

    Passing:

        - id: pde2
          track: ic
          grade: G8
    """))

EXPORT_MAPPING = Rule("E002", "export-mapping", ERROR, cleandoc("""
    An HRIS mapping file (`hris/workday.yaml`) names a family, track or zone the ladder does not
    have, or is not a mapping of the expected shape.

    Why: a mapping for `enginering` maps nothing, and the real `engineering` family would silently
    be exported with a default Workday reference id that the tenant does not know.

    Failing:

        job_families:
          enginering: JF_ENG

    Passing:

        job_families:
          engineering: JF_ENG
    """))

EXPORT_MAPPING_MISSING = Rule("E003", "export-mapping-missing", WARNING, cleandoc("""
    The ladder has no HRIS mapping for some families, tracks or zones, so the export uses the
    ladder's own ids as the tenant's reference ids.

    Why: Workday loads only references that exist in the tenant; `engineering` works only if the
    Job Family ID in Workday is also `engineering`. The message names what to map in
    `hris/workday.yaml`.

    Failing (no `hris/workday.yaml`, or one that leaves a family out):

        job_families: {}

    Passing:

        job_families: {engineering: JF_ENG, sales: JF_SALES}
        management_levels: {ic: Individual_Contributor, mgmt: Manager}
        eligibility_rules: {us-tier1: US_TIER_1, uk: UK}
    """))

EXPORT_TEMPLATE_FIELD_UNFILLED = Rule("E004", "export-template-field-unfilled", ERROR, cleandoc("""
    A tenant's template (`hris/templates/workday/Put_Job_Profile.xlsx`, or a SuccessFactors CSV
    whose label ends in `*`) marks a field required that ladderc has no value for.

    Why: Workday rejects every row of the upload that leaves a required field empty. ladderc fills
    a template's columns by their labels and leaves columns it does not know empty; a required
    one it cannot fill would fail the whole load, so nothing is exported until it is settled.

    Failing (a template whose restrictions row says Required under a label ladderc does not write):

        Spreadsheet Key | Job Code | Job Title | Union Code
        Required        | Required | Required  | Required

    Passing:

        Spreadsheet Key | Job Code | Job Title | Union Code
        Required        | Required | Required  | Optional
    """))

EXPORT_TEMPLATE = Rule("E005", "export-template", ERROR, cleandoc("""
    A tenant's template under `hris/templates/` cannot be used: it is not a readable `.xlsx`
    workbook (Workday) or UTF-8 CSV (SuccessFactors), or it has no row of field labels (no
    `Spreadsheet Key` cell) or of field ids (no `externalCode` cell).

    Why: ladderc finds each column of the template by its label; without the label row it cannot
    tell which column is which, and guessing would put values under the wrong fields.

    Failing: a template saved as CSV under the `.xlsx` name, or one whose header rows were deleted.

    Passing: the template exactly as Workday generated it (Template Model → Generate Spreadsheet
    Template), saved as `.xlsx`, with no data rows.
    """))

EXPORT_AMOUNT_TOO_LARGE = Rule("E006", "export-amount-too-large", ERROR, cleandoc("""
    An hourly band, annualised for a target whose band upload carries annual pay only (Lattice,
    Pave), is above 10^12, the largest amount ladderc carries.

    Why: an hourly amount is checked as written (at most 10^12 an hour); once multiplied by
    `policy.hours_per_year` it can pass the limit every other amount keeps to, and then the
    upload would hold a figure no output is guaranteed to carry exactly, most likely a typo such as
    a yearly figure under an hourly level. ladderc reports it at the band's max and writes no
    export. A derived band is reported only when its source band is within the limit.

    Failing:

        - id: c1
          classification: {pay_rate: hourly}
          pay:
            us: {min: 400000000, mid: 450000000, max: 500000000}   # 1.04 × 10^12 a year at 2080 hours

    Passing:

        - id: c1
          classification: {pay_rate: hourly}
          pay:
            us: {min: 40, mid: 45, max: 50}
    """))

IMPORT_CELL = Rule("I001", "import-cell", ERROR, cleandoc("""
    A cell of the imported sheet cannot be read as what its column needs: a band amount that is
    not a number, an id that is not in the format's pattern, a currency that contradicts its zone.

    Why: a band of "TBC" or "100-120k" would otherwise vanish from the ladder, and the level
    would silently have no pay. The finding names the cell (`Sheet1!D7`), so it can be fixed in
    the spreadsheet and imported again. Amounts may carry a currency symbol or code, thousands
    separators and a `k` suffix (`$120,000`, `120 000 €`, `£98k`); ranges and words are refused.

    Failing (the cell under `US min`):

        TBC

    Passing:

        $120,000
    """))

IMPORT_STRUCTURE = Rule("I002", "import-structure", ERROR, cleandoc("""
    The sheet is not laid out as a ladder: a required column (family, track, grade, title) is
    missing, a track's kind (individual or management) cannot be told from its name, two levels
    of one family and grade have the same title, or a transition names a level no row has.

    Why: these are not one bad cell but a ladder that cannot be built; ladderc writes nothing
    rather than a ladder that is wrong in a way `ladderc check` could not see.

    Failing (a track named `Track B`):

        Family,Track,Grade,Title
        Engineering,Track B,G3,Engineer

    Passing (state the kind, or name the track IC or Management, or map it with --map):

        Family,Track,Track kind,Grade,Title
        Engineering,Track B,individual,G3,Engineer
    """))

IMPORT_COLUMN_IGNORED = Rule("I003", "import-column-ignored", WARNING, cleandoc("""
    A column of the sheet is left out of the imported ladder: one ladderc recognises but computes
    rather than reads (on-target earnings), or one it does not know.

    Why: a column that disappears without a word is data lost; the warning names the column so
    that it can be mapped with `--map`, or left out knowingly.

    Failing (a warning):

        Family,Track,Grade,Title,OTE

    Passing:

        Family,Track,Grade,Title
    """))

STAGE_RULES: tuple[Rule, ...] = (
    YAML_SYNTAX,
    DUPLICATE_KEY,
    SCHEMA,
    UNSUPPORTED_FILE,
    UNKNOWN_REFERENCE,
    DUPLICATE_ID,
    DERIVATION_CYCLE,
    EXPORT_FIELD_TOO_LONG,
    EXPORT_MAPPING,
    EXPORT_MAPPING_MISSING,
    EXPORT_TEMPLATE_FIELD_UNFILLED,
    EXPORT_TEMPLATE,
    EXPORT_AMOUNT_TOO_LARGE,
    IMPORT_CELL,
    IMPORT_STRUCTURE,
    IMPORT_COLUMN_IGNORED,
)
