"""The sentence a name stands in tells its era when no entry does (외래어 표기법 제4장 제2절)."""

import pytest

from glossary.text.era import past_sentence
from glossary.text.era import era_of


@pytest.mark.parametrize(
    "line,name",
    [
        ("한나라 때에는 익주(益州)에 속하다가, 삼국 시대에는 유비가 세운 촉나라에 속하게 되었다.", "익주"),
        ("송나라 때인 1102년에는 이름이 다시 공주(恭州)로 바뀐다.", "공주"),
        ("명대가 되어 무창과 한양을 아울러 우한이라는 이름이 시작되었고, 또 상업도시로서 하구진(夏口鎭)이 발달했다.", "하구진"),
        ("충칭은 기원전 11세기에 세워졌다고 하는 파(巴)나라가 있었던 자리이다.", "파"),
        ("항저우는 12세기 초부터 1276년 몽골이 침입하기까지 남송의 수도였고, 임안(臨安)으로 알려졌다.", "임안"),
    ],
)
def test_a_sentence_about_the_past(line, name):
    assert past_sentence(line, line.index(name))


@pytest.mark.parametrize(
    "line,name",
    [
        ("2023년 3월 창저우(常州)에서 혁신 포럼이 열렸다.", "창저우"),
        ("시진핑(習近平) 주석은 2017년 10월 당대회에서 연설했다.", "시진핑"),
        ("이 회사는 1998년 선전(深圳)에서 설립됐다.", "선전"),
        # a duration is no year, and 로동당 holds no dynasty
        ("시진핑(習近平) 주석은 지난 5년간 세계 57개 나라를 방문했다.", "시진핑"),
        ("습근평(習近平) 총서기가 김정은 조선로동당 위원장과 면담했습니다.", "습근평"),
    ],
)
def test_a_sentence_about_today(line, name):
    assert not past_sentence(line, line.index(name))


def test_only_the_sentence_of_the_name_counts():
    line = "송나라 때 이곳은 번성했다. 오늘날 창춘(长春)은 공업 도시다."
    assert past_sentence(line, line.index("송나라"))
    assert not past_sentence(line, line.index("창춘"))


def test_era_of():
    assert era_of(None, "place") == "modern"
    assert era_of(None, "place", past=True) == "past"  # either reading is accepted
    assert era_of(None, "place", zh="六和塔") is None  # a monument: either reading
    assert era_of("historic", "place") == "historic"
    assert era_of(None, "org") is None  # institutions keep Korean's Sino-Korean habit
