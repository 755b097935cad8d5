"""Applying fixes: pure text edits, then an atomic write that keeps the file's form."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterable

from ..atomic import write_bytes
from ..errors import BadInput, FileChanged
from .finding import Edit, Finding


def apply_fixes(text: str, findings: Iterable[Finding], *, unsafe: bool = False) -> tuple[str, int]:
    """Apply the safe fixes of ``findings`` to ``text``; returns ``(new_text, applied_count)``.

    Fixes are taken in position order; a fix overlapping one already taken is skipped (the next
    run of ``kozh lint --fix`` picks it up), as is a fix whose edits do not fit the text.
    """
    chosen: list[Edit] = []
    last_end = 0
    applied = 0
    candidates = sorted(
        (f for f in findings if f.fix is not None and (f.fix.safe or unsafe)),
        key=lambda f: (min(e.start for e in f.fix.edits), f.rule, f.message),
    )
    for finding in candidates:
        edits = sorted(finding.fix.edits, key=lambda e: e.start)
        if edits[0].start < last_end or any(e.end > len(text) or e.start > e.end for e in edits):
            continue
        if any(a.end > b.start for a, b in zip(edits, edits[1:])):
            continue
        chosen.extend(edits)
        last_end = max(e.end for e in edits)
        applied += 1
    out: list[str] = []
    pos = 0
    for edit in chosen:
        out.append(text[pos:edit.start])
        out.append(edit.text)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out), applied


def refuse_word_draft(path, format: str) -> None:
    """Raise BadInput for a Word draft (``Document.format`` 'docx'): kozh reads .docx but does not
    rewrite it.

    Rewriting the paragraphs would lose the runs' formatting, so fixes are shown (``--diff``)
    and applied in Word.
    """
    if format == "docx":
        raise BadInput(f"{path}: a Word draft is not rewritten in place; use --diff and apply the fixes in Word")


def write_atomically(path: str | os.PathLike, text: str, encoding: str, expected_raw: str) -> None:
    """Replace the file at ``path`` with ``text``, encoded as it was read.

    The new content goes to a temporary file in the same folder, then is renamed over the old
    one, so a reader never sees half a file. Permissions are kept; the text's own line breaks
    are written as they are (no newline translation).

    Raises:
        FileChanged: the file on disk no longer holds ``expected_raw`` (someone edited it).
        BadInput: ``path`` is standard input, not a regular file, or a Word draft.
    """
    if str(path) == "-":
        raise BadInput("cannot fix standard input in place; use --diff")
    target = Path(path)
    if not target.is_file():
        raise BadInput(f"{path}: not a file")
    from ..sources.document import read_document

    try:
        on_disk = read_document(target)
    except BadInput:
        on_disk = None
    if on_disk is not None:
        refuse_word_draft(path, on_disk.format)
    current = on_disk.raw if on_disk is not None else None
    if current != expected_raw:
        raise FileChanged(f"{path} changed on disk since it was read; not writing (run again)")
    mode = stat.S_IMODE(target.stat().st_mode)
    write_bytes(target, text.encode(encoding), suffix=".kozh-tmp", mode=mode, durable=True)


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file's fix, ``a/`` and ``b/`` prefixed like git."""
    import difflib

    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True),
            fromfile=f"a/{path}", tofile=f"b/{path}",
        )
    )
