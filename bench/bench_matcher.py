"""Would a compiled Aho–Corasick matcher speed up warm lint? The figures behind the answer (no).

Against the 100,000-entry glossary and the bundled issue: warm lint, the index's own scan, and the
raw scan (ahocorasick-rs, leftmost-longest over the folded text, as ``bench_scale`` measures it);
then, for each package, the cost of building its automaton (paid by every cold ``kozh lint``: an
automaton cannot go into the marshal cache) and of the overlapping matches a scan would need, as
lint tries shorter terms where the longest one fails its word-end check. Lint without any scan
at all bounds what a faster scan could give.

Run ``python bench/bench_matcher.py``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measure import timed  # noqa: E402
from bench.synth import build_glossary  # noqa: E402
from glossary.lint.index import GlossaryIndex  # noqa: E402
from glossary.lint.scan import squeeze  # noqa: E402
from glossary.lint.engine import lint_document  # noqa: E402
from glossary.sources.document import read_document  # noqa: E402
from glossary.store import Glossary  # noqa: E402

ISSUE = ROOT / "data" / "issues" / "kic-china-weekly-318.md"



def main() -> None:
    doc = read_document(ISSUE)
    with Glossary.open(build_glossary(100_000)) as glossary:
        index = GlossaryIndex.for_glossary(glossary)
    lint_document(doc, index)
    warm = timed(lambda: lint_document(doc, index), repeat=9)
    scan = timed(lambda: index.scan(doc.text), repeat=9)
    patterns = sorted(norm for norm in index.by_norm if norm)
    squeezed = squeeze(doc.text)
    rows = [("warm lint 63 KB, 100k entries", f"{warm * 1000:.1f} ms", ""),
            ("  … of which the index's scan", f"{scan * 1000:.1f} ms", "")]
    import ahocorasick_rs

    raw_automaton = ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST)
    raw = timed(lambda: raw_automaton.find_matches_as_indexes(squeezed), repeat=9)
    rows += [("raw scan (ahocorasick-rs, leftmost-longest)", f"{raw * 1000:.2f} ms", ""),
             ("ratio warm lint / raw scan", f"{warm / raw:.0f}×", "≤ 10×"),
             ("ratio (warm lint − scan) / raw: the floor with a free scan", f"{(warm - scan) / raw:.0f}×", "≤ 10×")]

    started = time.perf_counter()
    automaton = ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MATCHKIND_STANDARD)
    built = time.perf_counter() - started
    overlapping = timed(lambda: automaton.find_matches_as_indexes(squeezed, overlapping=True), repeat=9)
    rows += [("ahocorasick-rs: automaton build (each cold run)", f"{built * 1000:.0f} ms", ""),
             ("ahocorasick-rs: overlapping matches", f"{overlapping * 1000:.1f} ms", "")]
    try:
        import ahocorasick
    except ImportError:
        rows.append(("pyahocorasick", "not installed", ""))
    else:
        started = time.perf_counter()
        automaton = ahocorasick.Automaton()
        for norm in patterns:
            automaton.add_word(norm, len(norm))
        automaton.make_automaton()
        built = time.perf_counter() - started
        overlapping = timed(lambda: list(automaton.iter(squeezed)), repeat=9)
        import pickle

        saved = pickle.dumps(automaton)
        loaded = timed(lambda: pickle.loads(saved), repeat=5)
        rows += [("pyahocorasick: automaton build (each cold run)", f"{built * 1000:.0f} ms", ""),
                 ("pyahocorasick: automaton pickled, loaded", f"{loaded * 1000:.0f} ms", f"{len(saved) / 1e6:.1f} MB"),
                 ("pyahocorasick: overlapping matches", f"{overlapping * 1000:.1f} ms", "")]
    width = max(len(r[0]) for r in rows)
    print(f"{'figure':<{width}}  {'measured':>10}  target")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>10}  {target}")


if __name__ == "__main__":
    main()
