"""The batch forms of an entry's derived fields give what the per-entry functions give: simplified
key, traditional form and pinyin, on the real names of the bundled tables (the import of 100,000s
of entries computes them in batches)."""

import random

import pytest

from glossary.translit.hanzi import _read_tsv
from glossary.translit.pinyin import pinyin_of, pinyin_of_many
from glossary.text.normalize import to_simplified, to_simplified_many, to_traditional, to_traditional_many

TABLES = ["name_pairs.tsv", "lexicon.tsv", "base_names.tsv", "base_places.tsv", "pinyin_overrides.tsv"]

# Mixed scripts, full-width forms, overrides at the start (曾, 单), a character pypinyin cannot
# read (〇 is not Han to it; U+2A6D6 it does not know), dictionary words inside names (长隆, 重庆),
# the join separator inside a text.
EDGES = [
    "KIC中国", "ＣＡＬＢ中创新航", "曾国藩", "单田芳", "番禺长隆国际会展中心", "重庆银行", "二〇二五年",
    "\U0002a6d6州", "行长", "长行", "中\n国", "", "abc", "專精特新", "乾隆", "銀行行長",
]


def names() -> list[str]:
    found = [row[0] for table in TABLES for row in _read_tsv(table)]
    # Names made of the tables' characters: new phrase and non-phrase runs, as an import brings.
    rng = random.Random(18)
    chars = "".join(dict.fromkeys("".join(found)))
    found += ["".join(rng.choice(chars) for _ in range(rng.randint(2, 5))) for _ in range(2000)]
    return list(dict.fromkeys(found + EDGES))


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return names()


def test_opencc_batches_match_per_text(texts):
    assert to_simplified_many(texts) == [to_simplified(t) for t in texts]
    assert to_traditional_many(texts) == [to_traditional(t) for t in texts]


def test_pinyin_batch_matches_per_key(texts):
    keys = [to_simplified(t) for t in texts]
    slow = [pinyin_of(k) for k in keys]
    assert pinyin_of_many(keys) == slow
    assert pinyin_of_many(keys, [to_traditional(k) for k in keys]) == slow
    assert pinyin_of_many(texts) == [pinyin_of(t) for t in texts]  # traditional input too
