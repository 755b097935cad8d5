"""A glossary entry with its renderings, as the lint index hands it to the rules."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..store import EntryFacts, Term


@dataclass(frozen=True)
class EntryInfo(EntryFacts):
    """A glossary entry with its renderings, as the index keeps it."""

    terms: list[Term] = field(default_factory=list)

    @property
    def ko_terms(self) -> list[Term]:
        return [t for t in self.terms if t.lang == "ko"]

    @property
    def preferred(self) -> Term | None:
        for t in self.terms:
            if t.lang == "ko" and t.status == "preferred":
                return t
        return None

    def reference(self) -> Term | None:
        """The rendering other renderings are compared with.

        The preferred term when there is one; otherwise the most frequently seen admitted, then
        candidate, term; remaining ties go to the alphabetically first rendering, so the choice
        never depends on the order the glossary was filled in. Deprecated terms never.
        """
        preferred = self.preferred
        if preferred is not None:
            return preferred
        usable = self.usable()
        return usable[0] if usable else None

    def usable(self) -> list[Term]:
        """Admitted and candidate Korean renderings, best reference first (see :meth:`reference`)."""
        rank = {"admitted": 0, "candidate": 1}
        usable = [t for t in self.terms if t.lang == "ko" and t.status in rank]
        return sorted(usable, key=lambda t: (rank[t.status], -t.frequency, t.norm, t.text))
