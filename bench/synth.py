"""Synthetic glossaries of realistic Chinese names for benchmarks (100,000 and 1,000,000 entries).

Names are built from common surnames and given-name characters, place names with administrative
suffixes, and company names with business suffixes; each gets its standard Hangul from the
Chinese→Korean engine, a kind and a status. The glossary built from the bundled issue is merged in
first, so lint has real findings. Built glossaries are cached under ``build/bench/``.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "bench"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华玉萍红玲芬燕春菊凤洁梅琳云莲真雪荣爱香月瑞凡佳嘉琼珍莉"
    "晶妍秋珊锦青倩婷婉颖露瑶怡丹蓉君琴蕊薇梦岚馨韵悦昭冰宁欣柔晓欢枫芸菲寒亚宜舒思志建国文新海波峰斌辉"
    "鹏飞宇浩俊博翔天龙成康永安庆东南西北中山水林森德仁义礼智信忠孝和顺"
)
PLACE_SUFFIX = ["市", "区", "县", "镇"]
COMPANY_SUFFIX = ["科技", "集团", "能源", "电子", "汽车", "智能", "医药"]
COMPANY_HANGUL = {"科技": "테크놀로지", "集团": "그룹", "能源": "에너지", "电子": "전자", "汽车": "자동차", "智能": "스마트", "医药": "제약"}
PLACE_HANGUL = {"市": "시", "区": "구", "县": "현", "镇": "진"}


def _hangul_of_chars():
    from glossary.translit.hanzi import to_hangul

    cache = {}

    def hangul(chars: str) -> str:
        for ch in chars:
            if ch not in cache:
                cache[ch] = to_hangul(ch)
        return "".join(cache[ch] for ch in chars)

    return hangul


def synthetic_rows(n: int, seed: int = 318):
    """``n`` distinct ``(korean, chinese, kind, status)`` rows."""
    rng = random.Random(seed)
    hangul = _hangul_of_chars()
    seen: set[str] = set()
    statuses = ["preferred"] * 6 + ["admitted", "candidate", "candidate", "deprecated"]
    while len(seen) < n:
        roll = rng.random()
        if roll < 0.6:
            zh = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
            ko, kind = hangul(zh), "person"
        elif roll < 0.8:
            stem = "".join(rng.choice(GIVEN) for _ in range(2))
            suffix = rng.choice(PLACE_SUFFIX)
            zh, ko, kind = stem + suffix, hangul(stem) + PLACE_HANGUL[suffix], "place"
        else:
            stem = "".join(rng.choice(GIVEN) for _ in range(rng.choice((2, 3))))
            suffix = rng.choice(COMPANY_SUFFIX)
            zh, ko, kind = stem + suffix, hangul(stem) + COMPANY_HANGUL[suffix], "company"
        if zh in seen:
            continue
        seen.add(zh)
        yield ko, zh, kind, rng.choice(statuses)


def build_glossary(n: int, *, fresh: bool = False) -> Path:
    """A glossary of the bundled issue's pairs plus ``n`` synthetic entries (cached by ``n``)."""
    from glossary.extract.ingest import extract_into
    from glossary.store import Glossary

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"glossary-{n}.db"
    if path.exists() and not fresh:
        return path
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    with Glossary.open(path) as glossary:
        extract_into(glossary, [ROOT / "data" / "issues"])
        glossary.bulk_add(synthetic_rows(n), command=f"synthetic {n}", pinyin=lambda zh: None)
        glossary.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"built {path.name}: {n:,} synthetic entries in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return path


def big_draft(size_bytes: int = 6_000_000) -> Path:
    """The bundled issue repeated to about ``size_bytes`` (the 6 MB draft of the benchmarks)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"draft-{size_bytes // 1_000_000}mb.md"
    if not path.exists():
        issue = (ROOT / "data" / "issues" / "kic-china-weekly-318.md").read_text(encoding="utf-8")
        copies = max(1, size_bytes // len(issue.encode("utf-8")))
        path.write_text("\n".join([issue] * copies), encoding="utf-8")
    return path


if __name__ == "__main__":
    for count in map(int, sys.argv[1:] or ["100000"]):
        print(build_glossary(count, fresh=True))
