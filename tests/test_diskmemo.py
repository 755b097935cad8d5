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


def memo(name: str, stamp: str = "s", valid=lambda key, value: True) -> DiskMemo:
    return DiskMemo(name, lambda: stamp, valid)

ROOT = Path(__file__).resolve().parent.parent

# Judges a few renderings, converts scripts and asks Kiwi about a word; prints the answers and
# which heavy libraries the process imported.
PROBE = """
import json, sys
from glossary.translit.judge import judge
from glossary.translit.hanzi import pinyin_readings, sino_korean, to_hangul
from glossary.text.korean import is_ordinary_word
from glossary.text.normalize import to_simplified, to_traditional
pairs = [("조우마오화", "周茂华"), ("저우마오화", "周茂華"), ("창저우", "常州"), ("중관촌", "中关村"),
         ("전정특신", "專精特新"), ("류썩천", "刘星辰")]
answers = [[judge(k, z).verdict, judge(k, z).suggestion, judge(k, z).score] for k, z in pairs]
answers += [to_hangul("周茂华"), sino_korean("龙城"), pinyin_readings("长隆"),
            to_simplified("專精特新"), to_traditional("广东"), is_ordinary_word("선순환")]
from glossary.translit.hanzi import _hanja_table  # read from the hanja package's table.yml, not imported
loaded = sorted(m for m in ("pypinyin", "opencc", "kiwipiepy") if m in sys.modules)
loaded += ["hanja table"] if _hanja_table.cache_info().currsize else []
print(json.dumps({"answers": answers, "loaded": loaded}, ensure_ascii=False))
"""


def probe(cache: str) -> dict:
    env = {**os.environ, "KOZH_CACHE_DIR": cache}
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, cwd=ROOT,
                         check=True, timeout=120)
    return json.loads(out.stdout)


@pytest.mark.slow
def test_a_second_run_answers_from_disk_without_loading_the_libraries(tmp_path):
    first = probe(str(tmp_path))
    assert first["loaded"] == ["kiwipiepy", "opencc", "pypinyin", "hanja table"]
    assert sorted(p.name.split("-")[0] for p in tmp_path.iterdir()) == ["hanzi", "judgements", "opencc", "ordinary"]
    second = probe(str(tmp_path))
    assert second["loaded"] == []
    assert second["answers"] == first["answers"]
    # and the answers are the libraries' own: the same as a run that keeps nothing
    assert probe("")["answers"] == first["answers"]
    assert first["answers"][0][:2] == ["nonstandard", "저우마오화"]


def test_an_empty_cache_setting_keeps_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("KOZH_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    off = memo("test-off")
    off.put("k", "v")
    assert off.path is None and off.get("k") == "v"
    diskmemo.save_all()
    assert list(tmp_path.rglob("*")) == []
    monkeypatch.delenv("KOZH_CACHE_DIR")  # unset: the XDG folder is used
    on = memo("test-on")
    on.put("k", "v")
    diskmemo.save_all()
    assert [p.name for p in (tmp_path / "xdg" / "kozh").iterdir()] == ["test-on-s.memo"]


def test_answers_survive_a_new_process_and_merge_with_others(tmp_path, monkeypatch):
    monkeypatch.setenv("KOZH_CACHE_DIR", str(tmp_path))
    one, two = memo("test-merge"), memo("test-merge")
    one.put(("tone3", "周"), ("zhou1",))
    two.put(("tone3", "茂"), ("mao4",))
    one.save()
    two.save()  # reads what ``one`` wrote and adds its own
    again = memo("test-merge")
    assert again.get(("tone3", "周")) == ("zhou1",) and again.get(("tone3", "茂")) == ("mao4",)


def test_another_stamp_never_sees_the_answers_and_replaces_their_file(tmp_path, monkeypatch):
    monkeypatch.setenv("KOZH_CACHE_DIR", str(tmp_path))
    old = memo("test-stamp", "v1")
    old.put("周", "zhou")
    old.save()
    (tmp_path / "test-stamp-v0.tsv").write_text("周\tzhou\n")  # an older format's file
    new = memo("test-stamp", "v2")
    assert new.get("周") is None
    new.put("茂", "mao")
    new.save()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["test-stamp-v2.memo"]


def test_the_stamp_is_the_installed_versions():
    stamp = diskmemo.library_stamp("pypinyin", "hanja")
    assert stamp == diskmemo.library_stamp("pypinyin", "hanja")
    assert stamp != diskmemo.library_stamp("pypinyin", "hanja", format=2)
    assert stamp != diskmemo.library_stamp("pypinyin")
    import pypinyin

    assert diskmemo._installed_version("pypinyin") == pypinyin.__version__
    assert diskmemo._installed_version("no_such_package_here") == "missing"


@pytest.mark.parametrize("content", [b"", b"garbage", b"kozh-memo 1\n\x00\x01", b"kozh-memo 1\n" + b"\xe9" * 40])
def test_a_damaged_file_is_ignored_and_replaced(tmp_path, monkeypatch, content):
    monkeypatch.setenv("KOZH_CACHE_DIR", str(tmp_path))
    damaged = memo("test-damaged")
    damaged.path.write_bytes(content)
    assert damaged.get("周") is None
    damaged.put("周", "zhou")
    damaged.save()
    assert memo("test-damaged").get("周") == "zhou"


def test_answers_of_the_wrong_shape_are_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("KOZH_CACHE_DIR", str(tmp_path))
    loose = memo("test-shape")
    loose.put("周", "zhou")
    loose.put("茂", 42)
    loose.save()
    strict = memo("test-shape", valid=lambda key, value: type(value) is str)
    assert strict.get("周") == "zhou" and strict.get("茂") is None


def test_the_file_keeps_the_newest_answers_up_to_the_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("KOZH_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(diskmemo, "LIMIT", 3)
    first = memo("test-limit")
    for k in range(2):
        first.put(k, str(k))
    first.save()
    second = memo("test-limit")
    for k in range(2, 8):  # a bulk import: past the limit, answers are not recorded
        second.put(k, str(k))
    second.save()
    fresh = memo("test-limit")
    assert [fresh.get(k) for k in range(8)] == [None, None, "2", "3", "4", None, None, None]


def test_a_cache_folder_that_cannot_be_written_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("KOZH_CACHE_DIR", str(blocker / "cache"))
    blocked = memo("test-readonly")
    blocked.put("k", "v")
    blocked.save()  # quietly keeps nothing
    assert blocked.get("k") == "v"


def test_answer_asks_only_once(tmp_path, monkeypatch):
    monkeypatch.setenv("KOZH_CACHE_DIR", str(tmp_path))
    asked = []
    first = memo("test-answer")
    assert first.answer("周", lambda: asked.append(1) or "zhou") == "zhou"
    assert first.answer("周", lambda: asked.append(1) or "other") == "zhou"
    first.save()
    assert memo("test-answer").answer("周", lambda: asked.append(1) or "other") == "zhou"
    assert asked == [1]
