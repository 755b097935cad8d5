"""Merging extracted term pairs into the glossary (what ``kozh extract`` does).

Each file is one changeset: a run stopped part-way keeps exactly the files already merged, and
``kozh undo`` takes back one file at a time. New renderings enter as ``candidate``; statuses a
person gave are never overwritten, and extracting the same issue twice adds nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..errors import KozhError
from ..store import Glossary

_ISSUE_NO = re.compile(r"제\s*(\d{1,5})\s*[회호]|(?:No\.|#)\s*(\d{1,5})\b|(\d{1,5})\s*[회호]\b")
_DATE = re.compile(r"\b((?:19|20)\d\d)\s*[.\-/년]\s*(\d{1,2})\s*[.\-/월]\s*(\d{1,2})")
_HEAD_CHARS = 2000


@dataclass
class FileReport:
    """What one file gave."""

    path: str
    pairs: int = 0
    new_entries: int = 0
    new_terms: int = 0
    new_sightings: int = 0
    skipped: str | None = None
    """Why the file was skipped, or None."""


@dataclass
class ExtractSummary:
    """What a whole extraction gave."""

    files: list[FileReport] = field(default_factory=list)
    conflicts: dict[str, list[str]] = field(default_factory=dict)
    """Chinese key → its distinct Korean renderings, for entries touched that have several."""

    def total(self, name: str) -> int:
        return sum(getattr(f, name) for f in self.files)

    @property
    def skipped(self) -> list[FileReport]:
        return [f for f in self.files if f.skipped]


def issue_metadata(text: str, path: str) -> tuple[str | None, str | None]:
    """The issue's number and date (ISO) from the head of its text, or its file name.

    >>> issue_metadata("# 주간 창업 가평\\n제 318 회\\n2023.03.08", "x.md")
    ('318', '2023-03-08')
    """
    head = text[:_HEAD_CHARS]
    number = None
    match = _ISSUE_NO.search(head) or _ISSUE_NO.search(Path(path).stem.replace("-", " "))
    if match:
        number = next(g for g in match.groups() if g)
    else:
        digits = re.findall(r"\d{2,5}", Path(path).stem)
        number = digits[-1] if digits else None
    date = None
    match = _DATE.search(head)
    if match:
        y, m, d = match.groups()
        if 1 <= int(m) <= 12 and 1 <= int(d) <= 31:
            date = f"{y}-{int(m):02d}-{int(d):02d}"
    return number, date


def extract_into(
    glossary: Glossary | None,
    paths: Iterable[str | Path],
    *,
    on_pair: Callable | None = None,
    on_file: Callable[[FileReport], None] | None = None,
) -> ExtractSummary:
    """Extract pairs from every file under ``paths`` and merge them into ``glossary``.

    With ``glossary=None`` nothing is written (a dry run): the pairs are only reported.
    ``on_pair(pair)`` sees every pair found; ``on_file(report)`` is called after each file.
    Files that cannot be read are skipped with their reason; the others are still processed.
    """
    from .pairs import extract_pairs
    from ..sources.document import iter_source_files, read_document

    summary = ExtractSummary()
    touched: set[str] = set()
    for path in iter_source_files(paths):
        report = FileReport(str(path))
        try:
            doc = read_document(path)
            pairs = extract_pairs(doc)
        except (KozhError, RecursionError, MemoryError) as exc:
            reason = str(exc) or type(exc).__name__
            report.skipped = reason if str(path) in reason else f"{path}: {reason}"
            summary.files.append(report)
            if on_file:
                on_file(report)
            continue
        report.pairs = len(pairs)
        if on_pair:
            for pair in pairs:
                on_pair(pair)
        if glossary is not None and pairs:
            _merge(glossary, doc, pairs, report, touched)
        elif glossary is None:
            touched.update(p.zh for p in pairs)
        summary.files.append(report)
        if on_file:
            on_file(report)
    if glossary is not None:
        summary.conflicts = _conflicts(glossary, touched)
    return summary


def _merge(glossary: Glossary, doc, pairs, report: FileReport, touched: set[str]) -> None:
    issue, date = issue_metadata(doc.raw, doc.path)
    with glossary.changeset(f"extract {doc.path}"):
        for pair in pairs:
            existed = glossary.entry(pair.zh) is not None
            term, created = glossary.add_term(pair.term, pair.zh, kind=pair.kind)
            report.new_entries += not existed
            report.new_terms += created
            if glossary.record_sighting(
                term.id, path=doc.path, line=pair.line, column=pair.column,
                context=pair.context, issue=issue, date=date,
            ):
                report.new_sightings += 1
            if pair.gloss and _is_english(pair.gloss):
                glossary.add_term(pair.gloss, pair.zh, lang="en")
            touched.add(glossary.entry_by_id(term.entry_id).zh)


def _is_english(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9 .,&'\-]*", text)) and " " in text.strip()


def _conflicts(glossary: Glossary, keys: set[str]) -> dict[str, list[str]]:
    conflicts = {}
    for key in sorted(keys):
        entry = glossary.entry(key)
        if entry is None:
            continue
        texts = [t.text for t in glossary.terms_of(entry.id) if t.lang == "ko" and t.status != "deprecated"]
        if len(texts) > 1:
            conflicts[entry.zh] = texts
    return conflicts
