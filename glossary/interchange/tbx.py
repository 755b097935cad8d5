"""TBX, the ISO term exchange format: TBX-Basic v3 (ISO 30042:2019) and the older TBX v2 ``martif``.

Both layouts hold one entry per concept (``conceptEntry``/``termEntry``), one language section per
language (``langSec``/``langSet``) and one term section per term (``termSec``/``tig``):

- ``zh-Hans``: the simplified key first, then other Chinese forms (``zh`` terms);
  ``zh-Hant``: the traditional key, when it differs;
  ``ko``: the Korean renderings; ``en``: English glosses, then abbreviations, marked with
  ``<termNote type="termType">abbreviation</termNote>``.
- Status in ``<termNote type="administrativeStatus">``: ``preferredTerm-admn-sts``,
  ``admittedTerm-admn-sts``, ``deprecatedTerm-admn-sts``. TBX has no "candidate": a candidate is
  written ``admittedTerm-admn-sts`` with ``<note>status: candidate</note>``, so TBX-Basic tools
  read it and kozh gets it back.
- Sources as ``<admin type="source">`` in the term section.
- Entry fields as entry notes: ``<note>kind: place</note>``, ``era: historic``, ``customary: yes``,
  ``house spelling: …``; any other note is the entry's note.

Only TBX-Basic data categories are used, so the files validate as TBX-Basic.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from ..errors import BadInput
from ..text.normalize import to_simplified
from .model import EntryRecord, TermRecord, validate
from .xmlsafe import local, parse_xml

TBX3_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

STATUS_TO_TBX = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
    "candidate": "admittedTerm-admn-sts",
}
TBX_TO_STATUS = {
    "preferredTerm-admn-sts": "preferred",
    "admittedTerm-admn-sts": "admitted",
    "deprecatedTerm-admn-sts": "deprecated",
    "supersededTerm-admn-sts": "deprecated",
    # TBX v2 full-dialect values some tools still write.
    "standardizedTerm-admn-sts": "preferred",
    "legalTerm-admn-sts": "preferred",
    "regulatedTerm-admn-sts": "preferred",
}
CANDIDATE_NOTE = "status: candidate"
ABBREVIATION_TYPES = ("abbreviation", "acronym", "shortForm")
# Entry fields carried in entry notes, by note prefix.
FIELD_NOTES = {"kind": "kind", "era": "era", "customary": "customary", "house spelling": "house_spelling"}

# Characters XML 1.0 cannot hold at all.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class _Layout:
    """Element names of one TBX version."""

    def __init__(self, root: str, header: str, entry: str, lang: str, term: str, prolog: str) -> None:
        self.root, self.header, self.entry, self.lang, self.term, self.prolog = root, header, entry, lang, term, prolog


TBX3 = _Layout(
    "tbx", "tbxHeader", "conceptEntry", "langSec", "termSec",
    f'<tbx type="TBX-Basic" style="dca" xml:lang="zh" xmlns="{TBX3_NS}">',
)
TBX2 = _Layout("martif", "martifHeader", "termEntry", "langSet", "tig", '<martif type="TBX" xml:lang="zh">')


def _text(value: str) -> str:
    # A CR would come back as LF (XML normalizes line ends), so it is written as a reference.
    return escape(_NOT_XML.sub("\ufffd", value), {"\r": "&#13;"})


def write_tbx3(records: list[EntryRecord]) -> bytes:
    """The records as TBX-Basic v3 (ISO 30042:2019, DCA style)."""
    return _write(records, TBX3)


def write_tbx2(records: list[EntryRecord]) -> bytes:
    """The records as TBX v2 (``martif``), the layout most CAT tools read."""
    return _write(records, TBX2)


def _write(records: list[EntryRecord], layout: _Layout) -> bytes:
    out = ['<?xml version="1.0" encoding="UTF-8"?>', layout.prolog]
    out += [
        f"  <{layout.header}>",
        "    <fileDesc>",
        "      <titleStmt>",
        "        <title>kozh glossary</title>",
        "      </titleStmt>",
        "      <sourceDesc>",
        "        <p>Chinese names and their Korean renderings, exported by kozh.</p>",
        "      </sourceDesc>",
        "    </fileDesc>",
    ]
    if layout is TBX2:
        out.append('    <encodingDesc>\n      <p type="XCSURI">TBXBasicXCSV02.xcs</p>\n    </encodingDesc>')
    out += [f"  </{layout.header}>", "  <text>", "    <body>"]
    for number, record in enumerate(records, start=1):
        out.append(f'      <{layout.entry} id="c{number}">')
        for label, attr in FIELD_NOTES.items():
            value = getattr(record, attr)
            if value:
                out.append(f"        <note>{label}: {_text('yes' if attr == 'customary' else value)}</note>")
        if record.note:
            out.append(f"        <note>{_text(record.note)}</note>")
        key = TermRecord("zh", record.zh, "preferred")
        sections = [("zh-Hans", [key] + record.terms_in("zh"))]
        if record.zh_hant and record.zh_hant != record.zh:
            sections.append(("zh-Hant", [TermRecord("zh", record.zh_hant, "preferred")]))
        sections += [("ko", record.terms_in("ko")), ("en", record.terms_in("en") + record.terms_in("abbr"))]
        for lang, terms in sections:
            if terms:
                out.append(f'        <{layout.lang} xml:lang="{lang}">')
                out += [_term(t, layout) for t in terms]
                out.append(f"        </{layout.lang}>")
        out.append(f"      </{layout.entry}>")
    out += ["    </body>", "  </text>", f"</{layout.root}>", ""]
    return "\n".join(out).encode("utf-8")


def _term(term: TermRecord, layout: _Layout) -> str:
    pad = " " * 12
    lines = [f"{pad[:-2]}<{layout.term}>", f"{pad}<term>{_text(term.text)}</term>"]
    lines.append(f'{pad}<termNote type="administrativeStatus">{STATUS_TO_TBX[term.status]}</termNote>')
    if term.lang == "abbr":
        lines.append(f'{pad}<termNote type="termType">abbreviation</termNote>')
    lines += [f'{pad}<admin type="source">{_text(s)}</admin>' for s in term.sources]
    if term.status == "candidate":
        lines.append(f"{pad}<note>{CANDIDATE_NOTE}</note>")
    lines.append(f"{pad[:-2]}</{layout.term}>")
    return "\n".join(lines)


def read(data: bytes, name: str) -> list[EntryRecord]:
    """Parse TBX v3 or v2 (told apart by the root element) into validated records.

    Languages other than Chinese, Korean and English are skipped.

    Raises:
        BadInput: Not well-formed, entities or external references, not TBX, an entry with no
            Chinese term, or an unknown administrative status; the message gives the line.
    """
    root, lines = parse_xml(data, name)
    if local(root.tag) not in ("tbx", "martif"):
        raise BadInput(f"{name}: not TBX (root element <{local(root.tag)}>, expected <tbx> or <martif>)")
    body = next((e for e in root.iter() if local(e.tag) == "body"), None)
    if body is None:
        raise BadInput(f"{name}: TBX without a <text><body>")
    records = []
    for entry in body:
        if local(entry.tag) in ("conceptEntry", "termEntry"):
            records.append(_entry(entry, f"line {lines.get(entry, '?')}", name, lines))
    return records


def _entry(element, where: str, name: str, lines) -> EntryRecord:
    record = EntryRecord(zh="", where=where)
    notes = []
    hans, hant = [], []
    for child in element:
        tag = local(child.tag)
        if tag == "note":
            notes.append(_all_text(child))
        elif tag == "descrip" and child.get("type") == "definition":
            notes.append(_all_text(child))
        elif tag in ("langSec", "langSet"):
            lang = (child.get(XML_LANG) or child.get("lang") or "").strip().lower()
            terms = _terms(child, name, lines)
            for descrip in child:
                if local(descrip.tag) == "descrip" and descrip.get("type") == "definition":
                    notes.append(_all_text(descrip))
            if lang.startswith(("zh-hant", "zh-tw", "zh-hk", "zh-mo")):
                hant += terms
            elif lang.startswith("zh"):
                hans += terms
            elif lang.startswith("ko"):
                record.terms += [t if t.lang == "abbr" else _as(t, "ko") for t in terms]
            elif lang.startswith("en"):
                record.terms += [t if t.lang == "abbr" else _as(t, "en") for t in terms]
    user_notes = []
    for note in notes:
        label, _, value = note.partition(":")
        if label.strip() in FIELD_NOTES and value.strip():
            attr = FIELD_NOTES[label.strip()]
            value = value.strip()
            setattr(record, attr, (1 if value == "yes" else 0) if attr == "customary" else value)
        elif note:
            user_notes.append(note)
    record.note = "\n".join(user_notes) or None
    if hans:
        record.zh = hans[0].text
        record.terms += [_as(t, "zh") for t in hans[1:]]
        simplified = to_simplified(record.zh)
        record.terms += [_as(t, "zh") for t in hant if to_simplified(t.text) != simplified]
    elif hant:
        record.zh = hant[0].text
        record.terms += [_as(t, "zh") for t in hant[1:]]
    else:
        raise BadInput(f"{name}, {where}: entry has no Chinese (zh) term")
    return validate(record, name)


def _as(term: TermRecord, lang: str) -> TermRecord:
    if term.lang != "abbr":
        term.lang = lang
    return term


def _terms(section, name: str, lines) -> list[TermRecord]:
    """The terms of a language section; unmarked ones: the first is preferred unless another is."""
    terms, unmarked = [], []
    for holder in section:
        tag = local(holder.tag)
        if tag not in ("termSec", "tig", "ntig"):
            continue
        parts = list(holder)
        if tag == "ntig":  # <ntig><termGrp><term/><termNote/></termGrp>…</ntig>
            parts = [p for g in holder if local(g.tag) == "termGrp" for p in g] + parts
        term = TermRecord(lang="", text="", status="")
        for part in parts:
            tag = local(part.tag)
            if tag == "term":
                term.text = _all_text(part)
            elif tag == "termNote" and part.get("type") == "administrativeStatus":
                value = _all_text(part).strip()
                if value not in TBX_TO_STATUS:
                    raise BadInput(
                        f"{name}, line {lines.get(part, '?')}: unknown administrativeStatus {value!r}; "
                        f"expected one of {', '.join(TBX_TO_STATUS)}"
                    )
                term.status = term.status or TBX_TO_STATUS[value]
            elif tag == "termNote" and part.get("type") == "termType":
                if _all_text(part).strip() in ABBREVIATION_TYPES:
                    term.lang = "abbr"
            elif tag == "admin" and part.get("type") == "source":
                term.sources.append(_all_text(part).strip())
            elif tag == "note" and _all_text(part).strip() == CANDIDATE_NOTE:
                term.status = "candidate"
        if not term.status:
            unmarked.append(term)
        terms.append(term)
    has_preferred = any(t.status == "preferred" for t in terms)
    for i, term in enumerate(unmarked):
        term.status = "preferred" if i == 0 and not has_preferred else "admitted"
    return terms


def _all_text(element) -> str:
    return "".join(element.itertext())
