"""Code actions on kozh findings: the fix, the glossary changes, and inline suppression.

For each finding under the cursor or selection:

- the suggestion as a quick fix, with the edit the lint rule built (the particle after the word
  agrees with the new word: 류썩천은 → 류싱천은, 산업정보화부가 → 공업정보화부가); a suggestion
  without a ready fix gets the same agreement from :func:`~glossary.text.korean.replacement_with_particle`;
- "add this pair to the glossary as candidate", for an ``X(汉字)`` pair whose Chinese the glossary
  lacks (what ``kozh extract`` would add);
- "accept as admitted", for a finding about a glossary entry (what the TUI's ``c`` does);
- "suppress on this line", in the syntax :mod:`glossary.lint.engine` honours
  (``<!-- kozh-disable-next-line RULE -->`` on the line above; ``<!-- kozh-disable-line RULE -->``
  at the end of a Markdown table row, where an inserted line would cut the table in two). Plain-text
  drafts have no comment syntax, so they get no suppression action.

Plus one ``source.fixAll.kozh`` action applying every safe fix, as ``kozh lint --fix`` does
(:func:`~glossary.lint.fixes.apply_fixes`). The glossary actions are commands the server executes.
"""

from __future__ import annotations

import re
from typing import Callable

from lsprotocol import types

from ..lint.finding import Edit, Finding
from ..lint.fixes import apply_fixes
from ..text.korean import replacement_with_particle
from ..text.normalize import norm_key
from .drafts import Linted

ADD_CANDIDATE = "kozh.addCandidate"
"""Command: add ``[uri, korean, chinese]`` to the draft's glossary as a candidate rendering."""
ACCEPT_ADMITTED = "kozh.acceptAdmitted"
"""Command: add or mark ``[uri, korean, chinese]`` as an admitted rendering."""
COMMANDS = (ADD_CANDIDATE, ACCEPT_ADMITTED)

FIX_ALL = "source.fixAll.kozh"

_NEXT_LINE = re.compile(r"^(\s*)<!--\s*kozh-disable-next-line\b(.*?)-->\s*$")
_TABLE_ROW = re.compile(r"^\s*\|")


def code_actions(
    linted: Linted,
    start: int,
    end: int,
    to_diagnostic: Callable[[Finding], types.Diagnostic],
    *,
    pairs: Callable[[], list[tuple[object, int, int]]],
    versioned: bool = True,
    only: list[str] | None = None,
) -> list[types.CodeAction]:
    """The actions for the findings overlapping ``[start, end]`` (character offsets).

    Args:
        linted: The draft's latest lint result (its version is the one edits apply to).
        to_diagnostic: How the server turned a finding into the diagnostic the client holds.
        pairs: The draft's ``X(汉字)`` pairs as ``(pair, start, end)``, computed on demand.
        versioned: Send edits as versioned ``documentChanges`` (the client said it supports them).
        only: The kinds the client asked for, if it asked.
    """
    actions: list[types.CodeAction] = []
    under = [f for f in linted.findings if f.start <= end and f.end >= start]
    pair_at: dict[tuple[int, int], object] | None = None
    for f in under:
        diagnostic = to_diagnostic(f)
        actions.extend(_fixes(linted, f, diagnostic, versioned))
        if pair_at is None:
            pair_at = {(s, e): p for p, s, e in pairs()}
        actions.extend(_glossary_actions(linted, f, diagnostic, pair_at.get((f.start, f.end))))
        suppress = _suppress(linted, f, diagnostic, versioned)
        if suppress is not None:
            actions.append(suppress)
    fix_all = _fix_all(linted, versioned)
    if fix_all is not None:
        actions.append(fix_all)
    if only:
        actions = [a for a in actions if any(a.kind == k or (a.kind or "").startswith(k + ".") for k in only)]
    return actions


def _edit(linted: Linted, edits: list[Edit], versioned: bool) -> types.WorkspaceEdit:
    lines = linted.lines
    text_edits = [
        types.TextEdit(range=_range(lines, e.start, e.end), new_text=e.text) for e in sorted(edits, key=lambda e: e.start)
    ]
    uri = linted.draft.uri
    if versioned and linted.version is not None:
        return types.WorkspaceEdit(
            document_changes=[
                types.TextDocumentEdit(
                    text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=linted.version),
                    edits=text_edits,
                )
            ]
        )
    return types.WorkspaceEdit(changes={uri: text_edits})


def _range(lines, start: int, end: int) -> types.Range:
    (l1, c1), (l2, c2) = lines.range(start, end)
    return types.Range(start=types.Position(line=l1, character=c1), end=types.Position(line=l2, character=c2))


def _fixes(linted: Linted, f: Finding, diagnostic, versioned: bool) -> list[types.CodeAction]:
    raw = linted.document.raw
    options: list[tuple[list[Edit], bool]] = []
    if f.fix is not None:
        options.append((list(f.fix.edits), f.fix.safe))
    for suggestion in f.suggestions:
        s, e, new = replacement_with_particle(raw, f.start, f.end, suggestion)
        edits = [Edit(s, e, new)]
        if raw[s:e] != new and all(edits != o[0] for o in options):
            options.append((edits, False))
    out = []
    for edits, safe in options:
        if len(edits) == 1:
            title = f"Replace {raw[edits[0].start:edits[0].end]} with {edits[0].text} ({f.rule})"
        else:
            title = f"Apply the suggestion of {f.rule}"
        out.append(types.CodeAction(
            title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
            edit=_edit(linted, edits, versioned), is_preferred=safe and not out,
        ))
    return out


def _known(linted: Linted, korean: str, zh: str, statuses: tuple[str, ...]) -> bool:
    """True when ``korean`` already renders ``zh`` in the glossary with one of ``statuses``."""
    entry = linted.index.entry_for_zh(zh)
    if entry is None:
        return False
    norm = norm_key(korean)
    return any(t.norm == norm and t.status in statuses for t in entry.terms)


def _glossary_actions(linted: Linted, f: Finding, diagnostic, pair) -> list[types.CodeAction]:
    uri = linted.draft.uri
    out = []
    if pair is not None and linted.index.entry_for_zh(pair.zh) is None:
        out.append(types.CodeAction(
            title=f"Add {pair.term}({pair.zh}) to the glossary as candidate",
            kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
            command=types.Command(title="Add to the glossary", command=ADD_CANDIDATE, arguments=[uri, pair.term, pair.zh]),
        ))
    zh = f.entry_zh or (pair.zh if pair is not None and linted.index.entry_for_zh(pair.zh) else None)
    found = f.found.strip()
    if zh and found and not _known(linted, found, zh, ("preferred", "admitted")):
        out.append(types.CodeAction(
            title=f"Accept {found} as an admitted rendering of {zh}",
            kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
            command=types.Command(title="Accept as admitted", command=ACCEPT_ADMITTED, arguments=[uri, found, zh]),
        ))
    return out


def suppression_edit(raw: str, line_starts: list[int], line: int, rule: str) -> Edit:
    """The edit that silences ``rule`` on 1-based ``line`` of ``raw``.

    >>> raw = "첫 줄\\n조우마오화는 말했다.\\n"
    >>> suppression_edit(raw, [0, 5, 17], 2, "kozh/nonstandard")
    Edit(start=5, end=5, text='<!-- kozh-disable-next-line kozh/nonstandard -->\\n')
    """
    start = line_starts[line - 1]
    end = line_starts[line] if line < len(line_starts) else len(raw)
    text = raw[start:end]
    body = text.rstrip("\r\n")
    newline = text[len(body):] or _first_newline(raw)
    if _TABLE_ROW.match(body):
        return Edit(start + len(body), start + len(body), f" <!-- kozh-disable-line {rule} -->")
    if line >= 2:  # extend a kozh-disable-next-line comment already on the line above
        above_start = line_starts[line - 2]
        above = raw[above_start:start].rstrip("\r\n")
        m = _NEXT_LINE.match(above)
        if m:
            codes = [c for c in re.split(r"[\s,]+", m.group(2).strip()) if c]
            if not codes or rule in codes:  # already silenced (all rules, or this one)
                return Edit(start, start, "")
            comment = f"{m.group(1)}<!-- kozh-disable-next-line {' '.join([*codes, rule])} -->"
            return Edit(above_start, above_start + len(above), comment)
    indent = body[: len(body) - len(body.lstrip(" \t"))]
    return Edit(start, start, f"{indent}<!-- kozh-disable-next-line {rule} -->{newline}")


def _first_newline(raw: str) -> str:
    m = re.search(r"\r\n|\r|\n", raw)
    return m.group(0) if m else "\n"


def _suppress(linted: Linted, f: Finding, diagnostic, versioned: bool) -> types.CodeAction | None:
    if linted.document.kind == "txt":
        return None
    edit = suppression_edit(linted.document.raw, linted.lines.starts, f.line, f.rule)
    if edit.start == edit.end and not edit.text:
        return None
    return types.CodeAction(
        title=f"Suppress {f.rule} on this line",
        kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
        edit=_edit(linted, [edit], versioned),
    )


def _fix_all(linted: Linted, versioned: bool) -> types.CodeAction | None:
    raw = linted.document.raw
    after, count = apply_fixes(raw, linted.findings)
    if not count or after == raw:
        return None
    # One edit over the span the fixes touch, not the whole text: the editor keeps its folds and
    # marks elsewhere. apply_fixes leaves everything outside its candidates' edits as it was.
    edits = [e for f in linted.findings if f.fixable for e in f.fix.edits]
    head, last = min(e.start for e in edits), max(e.end for e in edits)
    edit = Edit(head, last, after[head:len(after) - (len(raw) - last)])
    return types.CodeAction(
        title=f"Apply kozh's safe fixes ({count})", kind=FIX_ALL, edit=_edit(linted, [edit], versioned),
    )
