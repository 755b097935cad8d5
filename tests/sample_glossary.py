"""The small glossary the fix and formatter tests lint against."""

from __future__ import annotations

from glossary.lint.index import GlossaryIndex
from glossary.store import Glossary


def sample_index() -> GlossaryIndex:
    """저우마오화, 공업정보화부 (산업정보화부 deprecated) and Dahoo, in an in-memory glossary."""
    g = Glossary.open(":memory:")
    g.add_term("저우마오화", "周茂华", kind="person", status="preferred")
    g.add_term("공업정보화부", "工业和信息化部", kind="org", status="preferred")
    g.add_term("산업정보화부", "工业和信息化部", status="deprecated")
    g.add_term("Dahoo", "德火科技", kind="company", status="preferred")
    return GlossaryIndex.for_glossary(g, use_cache=False)
