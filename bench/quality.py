"""Term quality on the development corpus (``make quality``): extraction and lint against annotations.

Each text of ``data/corpus/`` (and the bundled issue), or of the held-out ``data/holdout/``, is treated as a new user would: extracted
into an empty glossary, then linted against that glossary. The results are compared with the
hand annotations beside the text (``<slug>.pairs.tsv``, ``<slug>.problems.tsv``; the format is in
``data/corpus/README.md``):

* extraction precision and recall on ``(line, term, zh)``, and how often the kind guessed for a
  pair found agrees with the annotated one (the kinds confused most, annotated → guessed);
* lint recall on the annotated problems whose Chinese the text gives (scope ``pair``), and, apart,
  on those it never gives (scope ``bare``: only a base glossary could know them);
* false alarms: findings of severity warning or error on no annotated problem, per rule, and the
  fixes ``--fix`` would apply to a word no annotation calls wrong (the one number that must be 0).

A finding matches a problem on the same line when one's text contains the other's (spaces
ignored). Prints a table per text, the pooled figures and the lists behind them, and writes the
same to ``bench/quality.md``. A measurement, not a test: nothing here fails the build.
"""

from __future__ import annotations

import csv
import os
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"
HOLDOUT = ROOT / "data" / "holdout"
"""Texts collected and annotated after the rules were written: measured, never tuned on."""
ISSUES = ROOT / "data" / "issues"
ALARM = ("warning", "error")


@dataclass
class Problem:
    line: int
    found: str
    zh: str
    standard: str
    klass: str
    scope: str


@dataclass
class TextResult:
    slug: str
    size: int
    gold_pairs: int = 0
    got_pairs: int = 0
    pair_hits: int = 0
    problems: dict[str, int] = field(default_factory=Counter)
    caught: dict[str, int] = field(default_factory=Counter)
    alarms: list[str] = field(default_factory=list)
    bad_fixes: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    extra_pairs: list[str] = field(default_factory=list)
    missed_pairs: list[str] = field(default_factory=list)
    alarms_by_rule: Counter = field(default_factory=Counter)
    hits_by_rule: Counter = field(default_factory=Counter)
    kind_hits: int = 0
    kind_confusions: Counter = field(default_factory=Counter)


def texts(corpus: Path = CORPUS) -> list[tuple[str, Path]]:
    """(slug, text path) of every annotated text: <corpus>/<slug>.md, or data/issues/<slug>.md."""
    out = []
    for problems in sorted(corpus.glob("*.problems.tsv")):
        slug = problems.name.removesuffix(".problems.tsv")
        for folder in (corpus, ISSUES):
            if (folder / f"{slug}.md").exists():
                out.append((slug, folder / f"{slug}.md"))
                break
    return out


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))


def squash(text: str) -> str:
    return "".join(text.split())


def measure(slug: str, path: Path, workdir: Path, corpus: Path = CORPUS) -> TextResult:
    from glossary.extract.pairs import extract_pairs
    from glossary.extract.ingest import extract_into
    from glossary.lint.engine import lint_paths
    from glossary.sources.document import read_document
    from glossary.store import Glossary

    result = TextResult(slug, path.stat().st_size)
    gold_rows = read_tsv(corpus / f"{slug}.pairs.tsv")
    gold = Counter((int(r["line"]), r["term"], r["zh"]) for r in gold_rows)
    pairs = extract_pairs(read_document(path))
    got = Counter((p.line, p.term, p.zh) for p in pairs)
    gold_kind = {(int(r["line"]), r["term"], r["zh"]): r["kind"] for r in gold_rows}
    for p in pairs:
        want = gold_kind.pop((p.line, p.term, p.zh), None)  # each annotated pair once
        if want is not None:
            result.kind_hits += want == p.kind
            if want != p.kind:
                result.kind_confusions[f"{want} → {p.kind}"] += 1
    result.gold_pairs, result.got_pairs = sum(gold.values()), sum(got.values())
    result.pair_hits = sum((gold & got).values())
    result.extra_pairs = [f"{slug}:{line} {term}({zh})" for line, term, zh in sorted((got - gold).elements())]
    result.missed_pairs = [f"{slug}:{line} {term}({zh})" for line, term, zh in sorted((gold - got).elements())]

    glossary = Glossary.open(workdir / f"{slug}.db")
    extract_into(glossary, [path])
    findings = lint_paths([path], glossary).findings
    glossary.close()

    problems = [
        Problem(int(r["line"]), r["found"], r.get("zh", ""), r.get("standard", ""), r.get("class", ""), r.get("scope", "pair"))
        for r in read_tsv(corpus / f"{slug}.problems.tsv")
    ]
    claimed = [False] * len(problems)

    def matches(f, p: Problem) -> bool:
        a, b = squash(f.found), squash(p.found)
        return f.line == p.line and bool(a) and bool(b) and (a in b or b in a)

    for p in problems:
        result.problems[p.scope] += 1
    def same(f, p: Problem) -> bool:
        return f.line == p.line and squash(f.found) == squash(p.found)

    for f in findings:
        # the problem written exactly as found first (용정 before 용정차 on one line), then any
        # problem it overlaps; an already claimed one last (a second finding on one word)
        hit = next((k for k, p in enumerate(problems) if not claimed[k] and same(f, p)), None)
        if hit is None:
            hit = next((k for k, p in enumerate(problems) if not claimed[k] and matches(f, p)), None)
        if hit is None:
            hit = next((k for k, p in enumerate(problems) if matches(f, p)), None)
        if hit is not None:
            if not claimed[hit]:
                claimed[hit] = True
                result.caught[problems[hit].scope] += 1
                result.hits_by_rule[f.rule] += 1
            continue
        if f.severity.name.lower() in ALARM:
            result.alarms.append(f"{slug}:{f.line} {f.rule} {f.found} → {', '.join(f.suggestions) or '-'}")
            result.alarms_by_rule[f.rule] += 1
        if f.fix is not None and f.fix.safe:
            result.bad_fixes.append(f"{slug}:{f.line} {f.rule} {f.found} → {f.fix.edits[0].text}")
    result.missed = [
        f"{slug}:{p.line} [{p.scope}] {p.found} → {p.standard} ({p.zh})"
        for k, p in enumerate(problems) if not claimed[k]
    ]
    return result


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "  -  "


def report(results: list[TextResult]) -> str:
    lines = [
        "| text | KB | pairs | extracted | precision | recall | problems (pair) | found | bare found | false alarms | bad fixes |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.slug} | {r.size / 1000:.1f} | {r.gold_pairs} | {r.got_pairs} | {ratio(r.pair_hits, r.got_pairs)} "
            f"| {ratio(r.pair_hits, r.gold_pairs)} | {r.problems['pair']} | {r.caught['pair']} "
            f"| {r.caught['bare']}/{r.problems['bare']} | {len(r.alarms)} | {len(r.bad_fixes)} |"
        )
    size = sum(r.size for r in results)
    hits, got, gold = (sum(getattr(r, a) for r in results) for a in ("pair_hits", "got_pairs", "gold_pairs"))
    probs = sum(r.problems["pair"] for r in results)
    caught = sum(r.caught["pair"] for r in results)
    bare = sum(r.problems["bare"] for r in results)
    bare_caught = sum(r.caught["bare"] for r in results)
    alarms = sum(len(r.alarms) for r in results)
    bad = sum(len(r.bad_fixes) for r in results)
    by_rule = sum((r.alarms_by_rule for r in results), Counter())
    kinds = sum(r.kind_hits for r in results)
    confused = sum((r.kind_confusions for r in results), Counter())
    lines += [
        "",
        f"Pooled over {len(results)} texts, {size / 1000:.1f} KB:",
        f"- extraction: precision {ratio(hits, got)}, recall {ratio(hits, gold)} ({hits} of {gold} annotated pairs, {got} extracted)",
        f"- kinds: {kinds} of {hits} pairs found have the annotated kind ({ratio(kinds, hits)})"
        + (f"; most confused: {', '.join(f'{k} {v}' for k, v in confused.most_common(6))}" if confused else ""),
        f"- lint finds {caught} of {probs} annotated problems whose Chinese the text gives ({ratio(caught, probs)}); "
        f"{bare_caught} of {bare} bare ones",
        f"- false alarms: {alarms} ({alarms / (size / 20000):.2f} per 20 KB)"
        + (f"; by rule: {', '.join(f'{k} {v}' for k, v in by_rule.most_common())}" if by_rule else ""),
        f"- fixes --fix would apply to a word no annotation calls wrong: {bad}",
    ]
    lines += ["", "### Annotated problems found and false alarms, by rule and text",
              "| text | rule | found | false alarms |", "|---|---|---|---|"]
    for r in results:
        for rule in sorted(set(r.hits_by_rule) | set(r.alarms_by_rule)):
            lines.append(f"| {r.slug} | {rule} | {r.hits_by_rule[rule]} | {r.alarms_by_rule[rule]} |")
    for title, attr in (
        ("False alarms", "alarms"), ("Fixes on unannotated words", "bad_fixes"), ("Missed problems", "missed"),
        ("Extracted, not annotated", "extra_pairs"), ("Annotated, not extracted", "missed_pairs"),
    ):
        items = [x for r in results for x in getattr(r, attr)]
        lines += ["", f"### {title} ({len(items)})", *(f"- {x}" for x in items)]
    return "\n".join(lines) + "\n"


SETS = {
    "corpus": (CORPUS, "quality.md", "Term quality on the development corpus (`make quality`)"),
    "holdout": (HOLDOUT, "quality-holdout.md", "Term quality on the held-out texts (`make quality`)"),
}


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.quality [corpus|holdout]``: one annotated set, measured and written."""
    name = (argv if argv is not None else sys.argv[1:] or ["corpus"])[0]
    if name not in SETS:
        print(f"usage: python -m bench.quality [{'|'.join(SETS)}]", file=sys.stderr)
        return 2
    corpus, report_name, title = SETS[name]
    if not texts(corpus):
        print(f"no annotated texts in {corpus.relative_to(ROOT)}")
        return 0
    with tempfile.TemporaryDirectory(prefix="kozh-quality-") as tmp:
        os.environ.setdefault("KOZH_CACHE_DIR", str(Path(tmp) / "cache"))
        results = [measure(slug, path, Path(tmp), corpus) for slug, path in texts(corpus)]
    out = report(results)
    print(out)
    (ROOT / "bench" / report_name).write_text(f"# {title}\n\n" + out, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
