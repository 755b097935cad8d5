"""SARIF 2.1.0 lint output (code-scanning upload, editors)."""

from __future__ import annotations

import json
from typing import Iterable

from ..finding import Finding, Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def format_sarif(findings: Iterable[Finding], **_) -> str:
    from ... import __version__
    from ..rules import RULES, summary

    codes = list(RULES)
    results = []
    for f in findings:
        result = {
            "ruleId": f.rule,
            "ruleIndex": codes.index(f.rule) if f.rule in codes else -1,
            "level": _LEVEL[f.severity],
            "message": {"text": f.message + (f" (→ {', '.join(f.suggestions)})" if f.suggestions else "")},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.path.replace("\\", "/")},
                        "region": {
                            "startLine": f.line, "startColumn": f.column,
                            "endLine": f.end_line, "endColumn": f.end_column,
                            "snippet": {"text": f.found},
                        },
                    }
                }
            ],
            "properties": {"suggestions": list(f.suggestions), "fixable": f.fixable},
        }
        if f.fix is not None and f.fixable:
            result["fixes"] = [
                {
                    "description": {"text": f"replace with {', '.join(f.suggestions) or 'the fix'}"},
                    "artifactChanges": [
                        {
                            "artifactLocation": {"uri": f.path.replace("\\", "/")},
                            "replacements": [
                                {
                                    "deletedRegion": {"charOffset": e.start, "charLength": e.end - e.start},
                                    "insertedContent": {"text": e.text},
                                }
                                for e in f.fix.edits
                            ],
                        }
                    ],
                }
            ]
        if result["ruleIndex"] < 0:
            del result["ruleIndex"]
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "kozh",
                        "version": __version__,
                        "rules": [
                            {
                                "id": code,
                                "name": code.split("/", 1)[1],
                                "shortDescription": {"text": summary(rule)},
                                "defaultConfiguration": {"level": _LEVEL[rule.default_severity]},
                            }
                            for code, rule in RULES.items()
                        ],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
