"""Known non-standard spellings, derived from the official table by pattern."""

import pytest

from glossary.translit import hanzi
from glossary.translit.judge import judge
from glossary.translit.spellings import deviations


@pytest.mark.parametrize(
    "standard,deviant",
    [("톈", "티엔"), ("롄", "리엔"), ("젠", "지엔"), ("류", "리우"), ("궈", "구오"), ("저우", "조우"),
     ("룽", "롱"), ("위안", "웬"), ("자오", "지아오"), ("셰", "시에"), ("슝", "숑")],
)
def test_deviant_is_known(standard, deviant):
    assert deviant in deviations()[standard]


def test_no_deviant_is_itself_a_standard_spelling_of_the_same_syllable():
    for standard, deviants in deviations().items():
        assert standard not in deviants


@pytest.mark.parametrize(
    "korean,chinese,standard",
    [("티엔진", "天津", "톈진"), ("리우싱천", "刘星辰", "류싱천"), ("구오메이", "国美", "궈메이"),
     ("지엔칭", "剑青", "젠칭"), ("조우마오화", "周茂华", "저우마오화")],
)
def test_a_known_deviant_is_a_confident_correction(korean, chinese, standard):
    j = judge(korean, chinese)
    assert j.verdict == "nonstandard" and j.suggestion == standard and j.confident


def test_every_table_syllable_with_a_split_final_has_its_deviant():
    table = hanzi._syllable_table()
    for syllable in ("tian", "lian", "jian", "xian", "qian", "dian", "bian", "mian", "nian", "pian"):
        assert deviations()[table[syllable]], syllable
