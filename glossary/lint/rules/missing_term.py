"""kozh/missing-term: a glossary term of the Chinese source whose rendering is absent."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Iterator

from ..finding import Finding, Severity
from ...text.normalize import norm_key, to_simplified

_TOKENIZERS: dict[tuple, object] = {}
_LOCK = threading.Lock()


class MissingTerm:
    """Glossary term in the Chinese source whose Korean rendering is missing from the draft.

    ## What it does
    Runs only with ``--source CHINESE_FILE``. The source is segmented with jieba, the glossary's
    Chinese keys loaded as a user dictionary (so 工业和信息化部 is one word); every glossary entry
    found there whose renderings (any non-deprecated Korean term) all are absent from the draft is
    reported once, at the top of the draft, with the reference rendering to look for. This is the
    key-term check of translation QA tools.

    ## Why is this bad?
    A name of the source left out of (or mistranslated in) the draft is either an omission or a
    rendering the glossary does not know.

    ## Example
    Source: ``常州市政府发布…``; draft: ``상주시 정부는 …``

    ## Use instead
    ``창저우시 정부는 …`` (or add 상주 to the glossary if it is really meant).

    ## Fix safety
    No fix: where the term belongs is for the translator to decide.
    """

    code = "kozh/missing-term"
    default_severity = Severity.WARNING

    def check(self, document, index, context) -> Iterator[Finding]:
        if not context.source_text:
            return
        tokenizer = _tokenizer(index)
        counts: Counter[str] = Counter()
        for word in tokenizer.cut(context.source_text, HMM=False):
            word = word.strip()
            if len(word) >= 2:
                key = to_simplified(word)
                if key in index.by_zh:
                    counts[key] += 1
        if not counts:
            return
        squeezed = context.squeezed
        for zh in sorted(counts):
            entry = index.entry_for_zh(zh)
            terms = [t for t in entry.ko_terms if t.status != "deprecated"]
            if not terms or any(norm_key(t.text) in squeezed for t in terms):
                continue
            ref = entry.reference() or terms[0]
            yield context.finding(
                self, 0, 0,
                f"{zh} appears {counts[zh]}× in the source but no rendering of it ({ref.text}) is in the draft",
                suggestions=(ref.text,), entry_zh=zh,
            )


def _tokenizer(index):
    key = (index.version, index.fingerprint, len(index.zh_words))
    with _LOCK:
        tok = _TOKENIZERS.get(key)
        if tok is None:
            import logging

            import jieba  # heavy: loads its dictionary on first cut

            jieba.setLogLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            for word in index.zh_words:
                tok.add_word(word, freq=max(1000, 100 * len(word)))
            _TOKENIZERS.clear()
            _TOKENIZERS[key] = tok
        return tok
