"""The errors that stop a command before any ladder is read: a leaf module every layer may raise from.

User mistakes inside a ladder are findings (`ladderc.diagnostics`), never exceptions; these are for
a command line or an environment ladderc cannot work with, reported in one line with exit code 2.
"""

from __future__ import annotations


class UsageError(Exception):
    """The command line names no ladder ladderc can find, or asks for something it cannot do."""
