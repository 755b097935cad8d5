"""JSON lint output: an array of ``Finding.to_dict()`` objects."""

from __future__ import annotations

import json
from typing import Iterable

from ..finding import Finding


def format_json(findings: Iterable[Finding], **_) -> str:
    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"
