"""Time glossary.translit.judge once warm: prints the mean time per (Korean, Chinese) pair.

Run with ``.venv/bin/python bench/bench_judge.py``. The pairs are the name-pair test set plus a
few institution names with near spellings; the per-character caches are warmed first and the
per-pair answers (kept in memory and on disk) are bypassed, so the figure is the alignment itself.
"""

from __future__ import annotations

import time

from glossary.translit import hanzi
from glossary.translit import judge as judge_module

EXTRA = [
    ("판위창롱국제컨벤션센터", "番禺长隆国际会展中心"),
    ("광저우대학시티", "广州大学城"),
    ("룡청연구소", "龙城实验室"),
    ("웨강아오대만구", "粤港澳大湾区"),
    ("조우마오화", "周茂华"),
    ("베이징", "北京方恒假日酒店"),
]


def main(rounds: int = 5) -> None:
    pairs = [(k, z) for z, _, k, _, _ in hanzi._read_tsv("name_pairs.tsv")] + EXTRA
    start = time.perf_counter()
    for k, z in pairs:
        judge_module.judge(k, z)
    cold = time.perf_counter() - start
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for k, z in pairs:
            judge_module._judgement(k, z, None, True)  # the judge without its memo of answers
        best = min(best, time.perf_counter() - start)
    print(f"pairs: {len(pairs)}")
    print(f"first pass (loads tables, pypinyin, hanja, OpenCC): {cold:.2f} s")
    print(f"judge once warm: {best / len(pairs) * 1000:.3f} ms per pair (best of {rounds})")


if __name__ == "__main__":
    main()
