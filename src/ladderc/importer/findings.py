"""The codes of the findings an import reports (I codes); the rules themselves are in
`ladderc.stage_rules`.
"""

from __future__ import annotations

CELL = "I001"
STRUCTURE = "I002"
COLUMN_IGNORED = "I003"
