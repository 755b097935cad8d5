"""Hover text: the glossary entry under the cursor, or the readings of a Chinese name.

On a known term (matched the way lint matches it, :meth:`GlossaryIndex.scan`): the entry's Chinese,
pinyin and kind, each Korean rendering with its status, the preferred form, and where the renderings
were seen. On any run of Chinese characters, or on the Korean side of an ``X(汉字)`` pair: the
standard Hangul and Sino-Korean reading of the Chinese from :func:`glossary.translit.hanzi.translit` (what
``kozh translit`` prints), and the entry when the glossary has one.
"""

from __future__ import annotations

import re

from ..errors import KozhError
from ..lint.index import GlossaryIndex
from ..store import Glossary
from ..text.normalize import HAN
from .drafts import Linted

_HAN_RUN = re.compile(f"[{HAN}]+")
MAX_HAN = 40
"""Longer runs of Chinese are sentences, not names: they get no reading."""
SIGHTINGS = 3
"""Places shown per rendering."""


def hover_text(linted: Linted, offset: int) -> tuple[str, int, int] | None:
    """Markdown for the hover at character ``offset`` of a linted draft, with the span it
    describes; None when there is nothing to say."""
    doc, index, glossary = linted.document, linted.index, linted.glossary
    for m in linted.matches:
        if m.start > offset:
            break
        if m.start <= offset < m.end:
            entry_ids = sorted({t.entry_id for t in index.ko_terms_of(m.terms)} or {index.terms[m.terms[0]].entry_id})
            parts = [entry_markdown(glossary, entry_id) for entry_id in entry_ids]
            return "\n\n---\n\n".join(p for p in parts if p), m.start, m.end
    for pair, start, end in linted.pairs:  # the Korean side of 조우마오화(周茂华): its name's readings
        if start <= offset < end and len(pair.zh) <= MAX_HAN:
            return readings_markdown(pair.zh, index, glossary), start, end
    for run in _HAN_RUN.finditer(doc.raw, max(0, offset - MAX_HAN), offset + MAX_HAN + 1):
        if run.start() <= offset < run.end() and run.end() - run.start() <= MAX_HAN:
            return readings_markdown(run.group(0), index, glossary), run.start(), run.end()
    return None


def entry_markdown(glossary: Glossary, entry_id: int) -> str:
    """An entry as ``kozh terms show`` shows it, in Markdown."""
    entry = glossary.entry_by_id(entry_id)
    if entry is None:
        return ""
    head = f"**{entry.zh}**"
    if entry.zh_hant and entry.zh_hant != entry.zh:
        head += f" ({entry.zh_hant})"
    details = [d for d in (entry.pinyin, entry.kind, entry.era) if d]
    if details:
        head += " · " + " · ".join(details)
    lines = [head, ""]
    terms = glossary.terms_of(entry.id)
    preferred = next((t for t in terms if t.lang == "ko" and t.status == "preferred"), None)
    if preferred is not None:
        lines.append(f"Preferred: **{preferred.text}**")
        lines.append("")
    if entry.house_spelling:
        lines += [f"House spelling: {entry.house_spelling}", ""]
    for term in terms:
        lines.append(f"- {term.text} — {term.status}" + (f" ({term.lang})" if term.lang != "ko" else "")
                     + (f", seen {term.frequency}×" if term.frequency else ""))
        for s in glossary.sightings_of(term.id, limit=SIGHTINGS):
            lines.append(f"  - `{s.path}:{s.line}:{s.column}`")
    if entry.note:
        lines += ["", entry.note]
    return "\n".join(lines).rstrip()


def readings_markdown(chinese: str, index: GlossaryIndex, glossary: Glossary) -> str:
    """The standard Hangul and Sino-Korean reading of ``chinese``, and its entry if there is one."""
    from ..translit.hanzi import translit  # pypinyin, OpenCC and hanja load on first use

    try:
        result = translit(chinese)
    except KozhError:
        return ""
    lines = [f"**{result['input']}** · {result['pinyin']}", "", f"Standard Hangul: **{result['hangul']}**"]
    if result["alternatives"]:
        lines.append(f"(also {', '.join(result['alternatives'])})")
    if result["sino_korean"]:
        lines += ["", f"Sino-Korean reading (한자음): {result['sino_korean']}"]
    entry = index.entry_for_zh(chinese)
    if entry is not None:
        lines += ["", "---", "", entry_markdown(glossary, entry.id)]
    return "\n".join(lines)
