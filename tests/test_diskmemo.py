"""Library answers kept on disk: a later run reuses them, and never a wrong or damaged one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from glossary import diskmemo
from glossary.diskmemo import DiskMemo

ROOT = Path(__file__).resolve().parent.parent

# Judges a few renderings, converts scripts and asks Kiwi about a word; prints the answers and
# which heavy libraries the process imported.
PROBE = """
import json, sys
from glossary.judge import judge
from glossary.hanzi import pinyin_readings, sino_korean, to_hangul
from glossary.korean import is_ordinary_word
from glossary.textnorm import to_simplified, to_traditional
pairs = [("조우마오화", "周茂华"), ("저우마오화", "周茂華"), ("창저우", "常州"), ("중관촌", "中关村"),
         ("전정특신", "專精特新"), ("류썩천", "刘星辰")]
answers = [[judge(k, z).verdict, judge(k, z).suggestion, judge(k, z).score] for k, z in pairs]
answers += [to_hangul("周茂华"), sino_korean("龙城"), pinyin_readings("长隆"),
            to_simplified("專精特新"), to_traditional("广东"), is_ordinary_word("선순환")]
from glossary.hanzi import _hanja_table  # read from the hanja package's table.yml, not imported
loaded = sorted(m for m in ("pypinyin", "opencc", "kiwipiepy") if m in sys.modules)
loaded += ["hanja table"] if _hanja_table.cache_info().currsize else []
print(json.dumps({"answers": answers, "loaded": loaded}, ensure_ascii=False))
"""


def probe(cache: str) -> dict:
    env = {**os.environ, "KOZH_CACHE_DIR": cache}
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, cwd=ROOT,
                         check=True, timeout=120)
    return json.loads(out.stdout)


def test_a_second_run_answers_from_disk_without_loading_the_libraries(tmp_path):
    first = probe(str(tmp_path))
    assert first["loaded"] == ["kiwipiepy", "opencc", "pypinyin", "hanja table"]
    assert sorted(p.name.split("-")[0] for p in tmp_path.iterdir()) == ["hanzi", "opencc", "ordinary"]
    second = probe(str(tmp_path))
    assert second["loaded"] == []
    assert second["answers"] == first["answers"]
    # and the answers are the libraries' own: the same as a run that keeps nothing
    assert probe("")["answers"] == first["answers"]
    assert first["answers"][0][:2] == ["nonstandard", "저우마오화"]


def test_an_empty_cache_setting_keeps_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("KOZH_CACHE_DIR", "")
    memo = DiskMemo("test-off", lambda: "x")
    memo.put("k", "v")
    assert memo.path is None and memo.get("k") == "v"
    memo.save()
    monkeypatch.setenv("KOZH_CACHE_DIR", str(tmp_path))
    assert list(tmp_path.iterdir()) == []


def test_answers_survive_a_new_process_and_merge_with_others(tmp_path, monkeypatch):
    monkeypatch.setenv("KOZH_CACHE_DIR", str(tmp_path))
    one, two = DiskMemo("test-merge", lambda: "s1"), DiskMemo("test-merge", lambda: "s1")
    one.put(("tone3", "周"), ("zhou1",))
    two.put(("tone3", "茂"), ("mao4",))
    one.save()
    two.save()  # reads what ``one`` wrote and adds its own
    again = DiskMemo("test-merge", lambda: "s1")
    assert again.get(("tone3", "周")) == ("zhou1",) and again.get(("tone3", "茂")) == ("mao4",)


def test_another_stamp_never_sees_the_answers(tmp_path, monkeypatch):
    monkeypatch.setenv("KOZH_CACHE_DIR", str(tmp_path))
    old = DiskMemo("test-stamp", lambda: "v1")
    old.put("周", "zhou")
    old.save()
    assert DiskMemo("test-stamp", lambda: "v2").get("周") is None


@pytest.mark.parametrize("content", [b"", b"garbage", b"kozh-memo 1\n\x00\x01", b"kozh-memo 1\n" + b"\xe9" * 40])
def test_a_damaged_file_is_ignored_and_replaced(tmp_path, monkeypatch, content):
    monkeypatch.setenv("KOZH_CACHE_DIR", str(tmp_path))
    memo = DiskMemo("test-damaged", lambda: "s")
    memo.path.write_bytes(content)
    assert memo.get("周") is None
    memo.put("周", "zhou")
    memo.save()
    assert DiskMemo("test-damaged", lambda: "s").get("周") == "zhou"


def test_the_file_keeps_the_newest_answers_up_to_the_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("KOZH_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(diskmemo, "LIMIT", 3)
    memo = DiskMemo("test-limit", lambda: "s")
    for k in range(5):
        memo.put(k, str(k))
    memo.save()
    fresh = DiskMemo("test-limit", lambda: "s")
    assert [fresh.get(k) for k in range(5)] == [None, None, "2", "3", "4"]


def test_a_cache_folder_that_cannot_be_written_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("KOZH_CACHE_DIR", str(blocker / "cache"))
    memo = DiskMemo("test-readonly", lambda: "s")
    memo.put("k", "v")
    memo.save()  # quietly keeps nothing
    assert memo.get("k") == "v"


def test_the_stamp_follows_the_installed_files(tmp_path):
    lib = tmp_path / "lib.py"
    lib.write_text("a = 1\n")
    before = diskmemo.file_stamp(lib)
    lib.write_text("a = 22\n")
    assert diskmemo.file_stamp(lib) != before
    assert diskmemo.file_stamp(tmp_path / "missing") == diskmemo.file_stamp(tmp_path / "missing")
    assert diskmemo.package_files("pypinyin", "no_such_package_here")[1] is None
