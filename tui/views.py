"""What the screens show of the glossary: entries with their renderings and sightings."""

from __future__ import annotations

from dataclasses import dataclass

from glossary.store import Entry, Sighting, Term


@dataclass(frozen=True)
class TermView:
    term: Term
    sightings: tuple[Sighting, ...] = ()


@dataclass(frozen=True)
class EntryView:
    """One entry with its renderings and where each was seen."""

    entry: Entry
    terms: tuple[TermView, ...] = ()

    def korean(self) -> list[Term]:
        return [t.term for t in self.terms if t.term.lang == "ko"]


@dataclass(frozen=True)
class Candidate:
    """A candidate rendering waiting for review."""

    term: Term
    entry: Entry
