"""Glossary file formats, by name: what ``kozh export --format`` writes and ``kozh import`` reads.

Each format turns a list of :class:`~glossary.interchange.model.EntryRecord` into bytes and back;
:mod:`glossary.interchange.interop` builds the records from the glossary and merges imported ones into it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

from . import csv_format, json_format, tbx, tsv_format
from .model import EntryRecord, TermRecord


@dataclass(frozen=True)
class Format:
    """One file format."""

    name: str
    description: str
    suffixes: tuple[str, ...]
    """File name endings that mean this format (the first is the usual one)."""
    write: Callable[[list[EntryRecord]], bytes]
    read: Callable[[bytes, str], list[EntryRecord]]
    default_statuses: tuple[str, ...] | None = None
    """Statuses exported when none are asked for (None: all)."""
    iter_read: Callable[[bytes, str], Iterator[EntryRecord]] | None = None
    """``read`` one record at a time, for formats large termbases come in (None: ``read``)."""


FORMATS: dict[str, Format] = {
    "csv": Format(
        "csv", "spreadsheet, one row per entry (Excel: UTF-8 with BOM, CRLF)", (".csv",),
        csv_format.write, csv_format.read, iter_read=csv_format.iter_read,
    ),
    "tsv": Format(
        "tsv", "OmegaT glossary: Chinese<TAB>Korean<TAB>comment", (".tsv", ".tab", ".utf8", ".txt"),
        tsv_format.write, tsv_format.read, tsv_format.DEFAULT_STATUSES,
    ),
    "tbx": Format("tbx", "TBX-Basic v3 (ISO 30042:2019)", (".tbx", ".xml"), tbx.write_tbx3, tbx.read),
    "tbx2": Format("tbx2", "TBX v2 martif, read by most CAT tools", (".tbx", ".xml"), tbx.write_tbx2, tbx.read),
    "json": Format("json", "JSON for scripts", (".json",), json_format.write, json_format.read),
}

__all__ = ["FORMATS", "Format", "EntryRecord", "TermRecord"]
