"""The lint engine: run the rules over a document, honour configuration and inline suppression.

``lint_document(doc, index)`` returns findings sorted by position, de-duplicated and independent
of the order of the glossary's entries; ``lint_paths(paths, glossary)`` reads files and folders.

Inline suppression uses HTML comments (kept out of ``Document.text``)::

    <!-- kozh-disable-next-line kozh/nonstandard -->
    <!-- kozh-disable-line -->            (on the line of the finding)
    <!-- kozh-disable kozh/variant --> … <!-- kozh-enable kozh/variant -->

No rule named means every rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable

from .config import Config, load_config
from ..diskmemo import save_all
from ..errors import BadInput
from .finding import Finding, Severity
from .index import GlossaryIndex
from .rules import RULES, LintContext
from ..text.korean import PLACE_SUFFIXES
from ..text.normalize import QUOTATION_MARKS, is_hangul

_DIRECTIVE = re.compile(r"^\s*kozh-(disable-next-line|disable-line|disable|enable)\b(.*)$", re.S)


@dataclass
class LintResult:
    """Findings of a set of documents, with the documents they came from (for ``--fix``)."""

    findings: list[Finding] = field(default_factory=list)
    documents: dict[str, object] = field(default_factory=dict)


def enabled_rules(config: Config | None) -> dict[str, Severity]:
    """Rule code -> severity after ``[rules]`` in kozh.toml (``false`` turns a rule off).

    Raises:
        BadInput: an unknown rule code or severity name in the configuration.
    """
    out = {code: rule.default_severity for code, rule in RULES.items()}
    for code, value in (config.rules if config else {}).items():
        if code not in RULES:
            raise BadInput(f"{config.path}: unknown rule {code!r} in [rules]; see `kozh rules`")
        if value is False:
            out.pop(code, None)
        elif value is True:
            continue
        elif isinstance(value, str):
            try:
                out[code] = Severity.parse(value)
            except ValueError as exc:
                raise BadInput(f"{config.path}: {code}: {exc}") from None
        else:
            raise BadInput(f"{config.path}: {code} must be false or a severity name")
    return out


def lint_document(
    doc,
    index: GlossaryIndex,
    config: Config | None = None,
    *,
    source_text: str | None = None,
    select: Iterable[str] | None = None,
) -> list[Finding]:
    """Every finding of the enabled rules on ``doc``, sorted, de-duplicated, suppressions applied.

    Args:
        doc: a :class:`~glossary.sources.document.Document`.
        index: the compiled glossary.
        config: ``kozh.toml`` settings (rules on/off, severities); defaults when None.
        source_text: the Chinese source, for ``kozh/missing-term``.
        select: only these rule codes (still subject to the configuration).
    """
    rules = enabled_rules(config)
    if select is not None:
        wanted = set(select)
        rules = {code: sev for code, sev in rules.items() if code in wanted}
    context = LintContext(doc, index, source_text=source_text, use_base=config.base if config else True)
    findings: list[Finding] = []
    for code, severity in rules.items():
        rule = RULES[code]
        for finding in rule.check(doc, index, context):
            if finding.severity != severity:
                finding = replace(finding, severity=severity)
            findings.append(finding)
    save_all()  # answers the libraries gave for this draft, for the next run (see diskmemo)
    return _suppress(doc, _dedup([
        f for f in findings if not _explained_word(doc.text, f.start, f.end) and not _gloss_after_standard(doc.text, f)
    ]))


def _explained_word(text: str, start: int, end: int) -> bool:
    """The span is a word in quotation marks with its rendering in brackets after it, a name being
    explained rather than used: '북경'(베이징)과 '남경'(난징), '장안-서경'(시안)."""
    if start == 0 or text[start - 1] not in QUOTATION_MARKS:
        return False
    close = text.find(QUOTATION_MARKS[text[start - 1]], end, end + 16)
    return (
        close >= 0 and "\n" not in text[end:close] and text[close + 1 : close + 2] in ("(", "（")
        and is_hangul(text[close + 2 : close + 3])  # a Korean rendering, not the Chinese of a pair
    )


def _gloss_after_standard(text: str, finding: Finding) -> bool:
    """The span is the first Korean word in a bracket right after the form the finding suggests,
    another name given as a gloss, not a use: '쑤저우 시(소주, )', '베이징(北京, 북경)'. The reverse,
    '낙양(뤄양)', is still reported: there the running name is off the standard."""
    if not finding.suggestions:
        return False
    opened = max(text.rfind("(", max(0, finding.start - 20), finding.start),
                 text.rfind("（", max(0, finding.start - 20), finding.start))
    if opened < 0:
        return False
    between = text[opened + 1 : finding.start]
    if any(c in "\n)）" or is_hangul(c) for c in between):
        return False
    before = "".join(text[max(0, opened - 24) : opened].split())
    standard = "".join(finding.suggestions[0].split())
    return bool(standard) and (
        before.endswith(standard) or (before[-1:] in PLACE_SUFFIXES and before[:-1].endswith(standard))
    )


_PRIORITY = (
    "kozh/deprecated", "kozh/nonstandard", "kozh/variant", "kozh/inconsistent", "kozh/drift", "kozh/base",
    "kozh/spacing",
)
"""When two rules flag the same span with the same suggestion, the earlier one here speaks."""


def _dedup(findings: list[Finding]) -> list[Finding]:
    """Sorted by position; one finding per span and suggestion (the most specific rule's)."""
    rank = {code: i for i, code in enumerate(_PRIORITY)}
    best: dict[tuple, Finding] = {}
    for f in findings:
        key = (f.path, f.start, f.end, f.suggestions[:1] if f.suggestions else (f.rule, f.message))
        kept = best.get(key)
        if kept is None or (rank.get(f.rule, 99), f.rule, f.message) < (rank.get(kept.rule, 99), kept.rule, kept.message):
            best[key] = f
    return sorted(best.values(), key=lambda f: (*f.sort_key(), f.suggestions))


def _suppress(doc, findings: list[Finding]) -> list[Finding]:
    """Drop findings silenced by ``kozh-disable…`` comments."""
    comments = getattr(doc, "comments", None) or []
    if not comments or not findings:
        return findings
    lines: dict[int, set[str] | None] = {}  # line -> rules (None = all)
    ranges: list[tuple[int, int, frozenset[str] | None]] = []
    open_: dict[str | None, int] = {}
    for start, end, body in comments:
        m = _DIRECTIVE.match(body)
        if not m:
            continue
        kind = m.group(1)
        codes = frozenset(c for c in re.split(r"[\s,]+", m.group(2).strip()) if c) or None
        line = doc.line_col(start)[0]
        if kind in ("disable-next-line", "disable-line"):
            target = line + 1 if kind == "disable-next-line" else line
            if codes is None or lines.get(target, set()) is None:
                lines[target] = None
            else:
                lines[target] = set(lines.get(target) or set()) | codes
        elif kind == "disable":
            for code in (codes or {None}):
                open_.setdefault(code, end)
        else:  # enable
            for code in (list(open_) if codes is None else sorted(codes)):
                if code in open_:
                    begin = open_.pop(code)
                    ranges.append((begin, start, None if code is None else frozenset({code})))
    for code, begin in open_.items():
        ranges.append((begin, len(doc.raw) + 1, None if code is None else frozenset({code})))

    def silenced(f: Finding) -> bool:
        rules = lines.get(f.line, False)
        if rules is None or (rules and f.rule in rules):
            return True
        return any(b <= f.start < e and (codes is None or f.rule in codes) for b, e, codes in ranges)

    return [f for f in findings if not silenced(f)]


def lint_paths(
    paths: Iterable[str | Path],
    glossary=None,
    *,
    index: GlossaryIndex | None = None,
    config: Config | None = None,
    source: str | Path | None = None,
    select: Iterable[str] | None = None,
) -> LintResult:
    """Lint files and folders (folders: their .md/.txt/.html files, sorted); ``-`` is stdin.

    The ``kozh.toml`` nearest each draft applies unless ``config`` is given.

    Raises:
        BadInput: a missing path, a binary or undecodable file, an unreadable source.
    """
    from ..sources.document import iter_source_files, read_document

    if index is None:
        if glossary is None:
            raise BadInput("no glossary to lint against")
        index = GlossaryIndex.for_glossary(glossary)
    source_text = None
    if source is not None:
        source_doc = read_document(source)
        source_text = source_doc.text
    result = LintResult()
    files: list[str | Path] = []
    for item in paths:
        if str(item) == "-":
            files.append("-")
        else:
            files.extend(iter_source_files([item]))
    configs: dict[Path, Config] = {}
    for path in files:
        doc = read_document(path)
        cfg = config
        if cfg is None:
            folder = Path.cwd() if str(path) == "-" else Path(path).resolve().parent
            if folder not in configs:
                configs[folder] = load_config(folder)
            cfg = configs[folder]
        result.documents[doc.path] = doc
        result.findings.extend(lint_document(doc, index, cfg, source_text=source_text, select=select))
    return result


def worst(findings: Iterable[Finding]) -> Severity | None:
    """The highest severity among ``findings``, or None."""
    return max((f.severity for f in findings), default=None)


def planned_fixes(result: LintResult, *, unsafe: bool = False) -> dict[str, tuple[str, str, int]]:
    """Per document with something to fix: ``(before, after, fixes applied)``."""
    by_path: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_path.setdefault(f.path, []).append(f)
    out = {}
    from .fixes import apply_fixes

    for path, findings in by_path.items():
        doc = result.documents.get(path)
        if doc is None:
            continue
        after, count = apply_fixes(doc.raw, findings, unsafe=unsafe)
        if count and after != doc.raw:
            out[path] = (doc.raw, after, count)
    return out


def fix_in_place(result: LintResult) -> int:
    """Write every document's safe fixes back (atomically); returns the number of fixes applied.

    Raises:
        FileChanged: a file changed on disk while it was being linted.
        BadInput: a fix was asked for standard input.
    """
    from .fixes import refuse_word_draft, write_atomically

    planned = planned_fixes(result)
    for path in planned:  # before anything is written
        refuse_word_draft(path, result.documents[path].format)
    total = 0
    for path, (before, after, count) in planned.items():
        doc = result.documents[path]
        write_atomically(path, after, doc.encoding, before)
        total += count
    return total


def fails(findings: Iterable[Finding], fail_on: str) -> bool:
    """True when a finding reaches the ``--fail-on`` level (``none`` never fails)."""
    if fail_on == "none":
        return False
    threshold = Severity.parse(fail_on)
    return any(f.severity >= threshold for f in findings)
