"""JSON for scripts: every entry with all its fields, its terms, their statuses and sources.

``{"format": "kozh-glossary", "version": 1, "entries": [...]}``, UTF-8, two-space indent. On
import a bare list of entries is accepted too, and only ``zh`` and each term's ``text`` are
required (``lang`` defaults to ``ko``, ``status`` to ``candidate``).
"""

from __future__ import annotations

import json

from ..sources.encoding import decode_bytes
from ..errors import BadInput
from .model import EntryRecord, TermRecord, validate

FORMAT_ID = "kozh-glossary"
VERSION = 1


def write(records: list[EntryRecord]) -> bytes:
    """The records as a JSON document."""
    entries = [
        {
            "zh": r.zh, "zh_hant": r.zh_hant, "pinyin": r.pinyin, "kind": r.kind, "era": r.era,
            "customary": r.customary or 0, "house_spelling": r.house_spelling, "note": r.note,
            "terms": [
                {"lang": t.lang, "text": t.text, "status": t.status, "sources": t.sources} for t in r.terms
            ],
        }
        for r in records
    ]
    document = {"format": FORMAT_ID, "version": VERSION, "entries": entries}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def read(data: bytes, name: str) -> list[EntryRecord]:
    """Parse a JSON export (or a list of entries) into validated records.

    Raises:
        BadInput: Not JSON (with the line), a newer version, or an entry of the wrong shape.
    """
    text, _ = decode_bytes(data, name)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(f"{name}, line {exc.lineno}: not valid JSON ({exc.msg})") from None
    if isinstance(document, dict):
        if document.get("format", FORMAT_ID) != FORMAT_ID:
            raise BadInput(f"{name}: not a kozh glossary (format {document.get('format')!r})")
        if not isinstance(document.get("version", VERSION), int) or document.get("version", VERSION) > VERSION:
            raise BadInput(f"{name}: version {document.get('version')!r} is newer than this kozh reads ({VERSION})")
        entries = document.get("entries")
    else:
        entries = document
    if not isinstance(entries, list):
        raise BadInput(f"{name}: expected a list of entries")
    return [_record(item, i, name) for i, item in enumerate(entries, start=1)]


def _record(item, index: int, name: str) -> EntryRecord:
    where = f"entry {index}"
    if not isinstance(item, dict) or not isinstance(item.get("zh"), str):
        raise BadInput(f"{name}, {where}: expected an object with a \"zh\" string")
    fields = {}
    for key in ("kind", "era", "house_spelling", "note"):
        value = item.get(key)
        if value is not None and not isinstance(value, str):
            raise BadInput(f"{name}, {where}: \"{key}\" must be a string or null")
        fields[key] = value or None
    customary = item.get("customary")
    if customary not in (None, 0, 1, True, False):
        raise BadInput(f"{name}, {where}: \"customary\" must be 0 or 1")
    terms = item.get("terms", [])
    if not isinstance(terms, list):
        raise BadInput(f"{name}, {where}: \"terms\" must be a list")
    record = EntryRecord(
        zh=item["zh"], customary=None if customary is None else int(customary), where=where, **fields
    )
    for term in terms:
        if not isinstance(term, dict) or not isinstance(term.get("text"), str):
            raise BadInput(f"{name}, {where}: each term needs a \"text\" string")
        sources = term.get("sources", [])
        if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
            raise BadInput(f"{name}, {where}: \"sources\" must be a list of strings")
        record.terms.append(
            TermRecord(str(term.get("lang", "ko")), term["text"], str(term.get("status", "candidate")), sources)
        )
    return validate(record, name)
