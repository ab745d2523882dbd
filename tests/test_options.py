"""`ladderc.options`: the shared options' types, and what they become for the compiler."""

from __future__ import annotations

import argparse
import datetime

import pytest

from ladderc.compiler import Options
from ladderc.options import add_rule_selection, compile_options, folder_url, iso_date, names_from, positive, report_size


def test_rule_selection_becomes_compiler_options():
    parser = argparse.ArgumentParser()
    add_rule_selection(parser)
    args = parser.parse_args(["--select", "P003, pay-parity", "--select", "G", "--ignore", ",T001,", "--max-file-size",
                              "99"])
    assert compile_options(args) == Options(max_file_size=99, select=("P003", "pay-parity", "G"), ignore=("T001",))
    assert compile_options(parser.parse_args([])) == Options()


@pytest.mark.parametrize("parse, good, bad, says", [
    (positive, {"3": 3}, ["0", "-1", "x"], "at least 1"),
    (iso_date, {"2026-07-01": datetime.date(2026, 7, 1), "1900-01-01": datetime.date(1900, 1, 1)},
     ["1.1.1900", "20260701", "2026-W27-3", "2026-7-1", "2026-02-30", " 2026-07-01", ""], "as YYYY-MM-DD, got '"),
    (report_size, {"60,000": 60000, "0": 0, "2_000": 2000}, ["1999", "-5", "lots"], "too small|not a number"),
    (folder_url, {"https://a.example/careers": "https://a.example/careers/"}, ["ftp://a/", "https://", "/x/"],
     "http(s) URL"),
    (names_from(("a", "b"), "finding"), {"a, b": ("a", "b"), "": ()}, ["a,c"], "unknown finding 'c'"),
])
def test_types_accept_what_they_should_and_say_why_not(parse, good, bad, says):
    assert {text: parse(text) for text in good} == good
    for text in bad:
        with pytest.raises(argparse.ArgumentTypeError, match=says.replace("(s)", r"\(s\)")):
            parse(text)
