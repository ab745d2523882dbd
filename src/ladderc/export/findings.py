"""The codes of the findings an export reports (E codes); the rules themselves are in
`ladderc.stage_rules`.
"""

from __future__ import annotations

FIELD_TOO_LONG = "E001"
BAD_MAPPING = "E002"
MISSING_MAPPING = "E003"
UNFILLED_FIELD = "E004"
BAD_TEMPLATE = "E005"
