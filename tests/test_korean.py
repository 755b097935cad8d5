"""Korean-aware matching helpers: particles, word boundaries, 받침 and particle adjustment."""

import pytest

from glossary.text.korean import (
    adjust_particle,
    distinct_words,
    has_batchim,
    jamo,
    replacement_with_particle,
    split_tail,
    starts_word,
    stem,
    stem_starts,
    stems,
    tail_ok,
    word_at,
    word_starts,
)


@pytest.mark.parametrize(
    "rest, pieces",
    [
        ("", ()),
        ("는", ("는",)),
        ("의", ("의",)),
        ("시", ("시",)),
        ("시에서", ("시", "에서")),
        ("에서는", ("에서는",)),
        ("으로부터", ("으로부터",)),
        ("이다", ("이다",)),
        ("측은", ("측", "은")),
    ],
)
def test_split_tail_accepts_particles_and_suffixes(rest, pieces):
    assert split_tail(rest) == pieces


@pytest.mark.parametrize("rest", ["장", "층", "업단지", "과학기술단지", "대학"])
def test_split_tail_rejects_longer_words(rest):
    assert split_tail(rest) is None


@pytest.mark.parametrize(
    "text, start, end, ok",
    [
        ("창저우는 도시", 0, 3, True),
        ("창저우시에서", 0, 3, True),
        ("성장", 0, 1, False),  # 성 inside 성장
        ("중산층", 0, 2, False),  # 중산 inside 중산층
        ("중산(中山)", 0, 2, True),
    ],
)
def test_tail_ok(text, start, end, ok):
    assert tail_ok(text, end) is ok


def test_starts_word():
    assert starts_word("창저우", 0)
    assert starts_word("(창저우", 1)
    assert not starts_word("베이징중관촌", 3)


@pytest.mark.parametrize("ch, expected", [("천", True), ("화", False), ("울", True), ("3", True), ("2", False), ("A", False)])
def test_has_batchim(ch, expected):
    assert has_batchim(ch) is expected


@pytest.mark.parametrize(
    "new_word, rest, expected",
    [
        ("류싱천", "은", None),  # 류썩천은 -> 류싱천은: both end in ㄴ
        ("저우마오화", "은", "는"),
        ("저우마오화", "이", "가"),
        ("창저우", "을", "를"),
        ("류싱천", "는", "은"),
        ("류싱천", "가", "이"),
        ("류싱천", "와", "과"),
        ("저우마오화", "과", "와"),
        ("베이징시", "으로", "로"),
        ("서울", "으로", "로"),  # ㄹ takes 로
        ("류싱천", "로", "으로"),
        ("류싱천", "로서", "으로서"),
        ("저우마오화", "의", None),
        ("저우마오화", "시에서", None),
    ],
)
def test_adjust_particle(new_word, rest, expected):
    assert adjust_particle(new_word, rest) == expected


def test_replacement_grows_over_the_changed_particle():
    text = "조우마오화는 말했다"
    assert replacement_with_particle(text, 0, 5, "저우마오화") == (0, 5, "저우마오화")
    text = "카오쑹이 말했다"
    assert replacement_with_particle(text, 0, 3, "가오쑹") == (0, 3, "가오쑹")
    text = "가오쑹은 말했다"
    assert replacement_with_particle(text, 0, 3, "저우마오화") == (0, 4, "저우마오화는")


def test_jamo():
    assert jamo("류싱천") == "ㄹㅠㅅㅣㅇㅊㅓㄴ"
    assert jamo("A류") == "Aㄹㅠ"


WORDS_TEXT = "류싱천은 류싱천 대류싱천, 3Dahoo와 x12abc 가12abc\n류싱천"


def test_words_are_hangul_runs_and_latin_letters_with_digits_after():
    assert distinct_words(WORDS_TEXT) == {"류싱천은", "류싱천", "대류싱천", "Dahoo", "와", "x12abc", "가", "abc"}


@pytest.mark.parametrize(
    "offset, word",
    [(0, "류싱천은"), (1, None), (5, "류싱천"), (9, "대류싱천"), (10, None), (16, "Dahoo"), (15, None),
     (21, "와"), (23, "x12abc"), (26, None), (30, "가"), (31, None), (33, "abc"), (37, "류싱천")],
)
def test_word_at(offset, word):
    assert word_at(WORDS_TEXT, offset) == word


def test_word_starts_finds_only_whole_words():
    assert word_starts(WORDS_TEXT, "류싱천") == [5, 37]
    assert word_starts(WORDS_TEXT, "abc") == [33]  # not inside x12abc


def test_stem_starts_finds_the_word_with_its_particles():
    assert stem_starts(WORDS_TEXT, "류싱천") == [0, 5, 37]  # 류싱천은 too, never 대류싱천
    assert stem("류싱천은") == "류싱천" and stem("창저우시에서") == "창저우시" and stem("Dahoo") == "Dahoo"
    assert stems(["류싱천은", "x12abc"]) == ["류싱천", "x12abc"]
    assert stem("") == ""
