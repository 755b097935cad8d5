"""Each rule as a table of must-fire and must-not-fire cases, with exact line and column."""

import pytest

from glossary.lint.index import GlossaryIndex
from glossary.lint.engine import lint_document
from glossary.sources.document import document_from_text
from glossary.store import Glossary

TERMS = [
    # korean, chinese, kind, status
    ("창저우", "常州", "place", "preferred"),
    ("공업정보화부", "工业和信息化部", "org", "preferred"),
    ("산업정보화부", "工业和信息化部", "org", "deprecated"),
    ("중관춘", "中关村", "place", "preferred"),
    ("중관촌", "中关村", "place", "admitted"),
    ("중관춘창업단지", "中关村创智园", "org", "preferred"),
    ("류싱천", "刘星辰", "person", "preferred"),
    ("장원타오", "张文涛", "person", "preferred"),
    ("Dahoo", "德火科技", "company", "preferred"),
    ("KIC 중국", "韩国创新中心", "org", "preferred"),
    ("중산", "中山", "place", "preferred"),
    ("성", "省", "concept", "preferred"),
    ("저우마오화", "周茂华", "person", "preferred"),
    ("통저우구", "通州区", "place", "candidate"),
    ("베이징", "北京", "place", "preferred"),
]


@pytest.fixture(scope="module")
def index():
    g = Glossary.open(":memory:")
    for ko, zh, kind, status in TERMS:
        g.add_term(ko, zh, kind=kind, status=status)
    g.update_entry("通州区", house_spelling="통저우구")
    return GlossaryIndex.for_glossary(g, use_cache=False)


def run(index, text, rule):
    doc = document_from_text(text, path="d.md")
    return [f for f in lint_document(doc, index) if f.rule == rule]


FIRE = [
    # rule, text, [(line, col, found, suggestion)]
    # a transliterated pair's name read in Sino-Korean elsewhere in the draft (중앙일보, 1987)
    ("kozh/inconsistent", "자오쯔양(趙紫陽)이 총서기가 됐다.\n중공 조자양 시대 개막", [(2, 4, "조자양", "자오쯔양")]),
    # … also in another reading of a character (寧 령) or without the initial-sound law (료녕)
    ("kozh/inconsistent", "랴오닝(遼寧) 경제. 요령성과 료녕성", [(1, 13, "요령", "랴오닝"), (1, 18, "료녕", "랴오닝")]),
    # … also when it leads a compound (옌볜 조선족 자치주, 위키백과)
    ("kozh/inconsistent", "옌볜(延邊) 지역은 넓다. 연변조선족자치주의 주도는 옌지다.", [(1, 16, "연변", "옌볜")]),
    ("kozh/deprecated", "산업정보화부는 발표했다.", [(1, 1, "산업정보화부", "공업정보화부")]),
    ("kozh/deprecated", "첫 줄\n중국 산업정보화부(工业和信息化部)에서", [(2, 4, "산업정보화부", "공업정보화부")]),
    # 중관촌 is admitted (kozh/nonstandard leaves it), but the draft also writes the preferred 중관춘
    ("kozh/inconsistent", "중관춘 포럼과 중관촌 커뮤니티", [(1, 9, "중관촌", "중관춘")]),
    ("kozh/inconsistent", "공업정보부(工业和信息化部)에서", [(1, 1, "공업정보부", "공업정보화부")]),
    ("kozh/inconsistent", "중관촌에서 중관춘으로", [(1, 1, "중관촌", "중관춘")]),
    # a pair's leading name in a Sino-Korean form without the initial-sound law (로신 for 鲁迅 노신)
    ("kozh/inconsistent", "루쉰공원(鲁迅公园)에 갔다. 루쉰은 작가다. 로신의 동상이 있다.", [(1, 26, "로신", "루쉰")]),
    # the Sino-Korean reading of a pair whose name is transliterated and the rest Korean
    ("kozh/inconsistent", "훙커우 공원(虹口公园)은 넓다. 홍구공원에서 만났다.", [(1, 19, "홍구공원", "훙커우 공원")]),
    # the Sino-Korean reading a pair's bracket gives, used alone, though it is also a word (서기 "clerk")
    ("kozh/inconsistent", "수치(舒淇 서기)와 궁리(巩俐 공리)가 왔다.\n판빙빙, 공리, 서기 등",
     [(2, 6, "공리", "궁리"), (2, 10, "서기", "수치")]),
    # a pair misspelt (톈즈산) and its Sino-Korean reading elsewhere: both are off, the judge says how
    ("kozh/inconsistent", "톈즈산(天子山)에 간다. 천자산은 높다.", [(1, 15, "천자산", "톈쯔산")]),
    # a place's Sino-Korean reading that is also a word, after the province it lies in
    ("kozh/inconsistent", "허페이(合肥)에서 열렸다. 안휘성 합비에서 진행됩니다.", [(1, 20, "합비", "허페이")]),
    # a three-syllable name with two syllables spelt otherwise, one written right
    ("kozh/inconsistent", "판전둥(樊振東)이 이겼다. 판진동은 강하다.", [(1, 16, "판진동", "판전둥")]),
    # a second rendering given as the bracket's gloss is judged like the term
    ("kozh/nonstandard", "- 관전가(觀前街, 관치엔제)와 현묘관",
     [(1, 3, "관전가", "관첸제"), (1, 12, "관치엔제", "관첸제")]),
    # each word of a pair reported where it stands; a name inside it used on its own elsewhere,
    # with its own suggestion
    ("kozh/nonstandard", "흑룡강 흠달그룹(黑龙江鑫达集团)은 크다.\n현재 흠달그룹이 건설한 사업",
     [(1, 1, "흑룡강", "헤이룽장"), (1, 5, "흠달그룹", "신다그룹"), (2, 4, "흠달", "신다")]),
    # the gloss after the standard form is left, the running use is not
    ("kozh/inconsistent", "창춘(长春)에 간다. 창춘 시(장춘, )는 크다. 장춘에서 만났다.", [(1, 29, "장춘", "창춘")]),
    ("kozh/nonstandard", "창제우(常州)에 간다", [(1, 1, "창제우", "창저우")]),
    ("kozh/variant", "류썩천은 말했다.", [(1, 1, "류썩천", "류싱천")]),
    ("kozh/variant", "그는 Dahooo 를 세웠다.", [(1, 4, "Dahooo", "Dahoo")]),
    ("kozh/variant", "Dahoo 와 Dhaoo", [(1, 9, "Dhaoo", "Dahoo")]),
    # the same misspelling inside a pair (the pair rules speak for it) and on its own
    ("kozh/variant", "류썩천(刘星辰)은 말했다.\n류썩천은 또 말했다.", [(2, 1, "류썩천", "류싱천")]),
    # a pair's leading name read two ways in one draft: 룽청 (transliteration) and 용성 (hanja reading)
    ("kozh/inconsistent", "룽청실험실(龙城实验室)이 문을 열었다.\n룽청은 창저우에 있다.\n용성에서 열린 행사에 용성 사람들이 왔다.",
     [(3, 1, "용성", "룽청"), (3, 13, "용성", "룽청")]),
    ("kozh/nonstandard", "조우마오화(周茂华)는 말했다.", [(1, 1, "조우마오화", "저우마오화")]),
    # a county-level city that kept its old name is transliterated, in a sentence about the past too
    ("kozh/nonstandard", "1859년 하남성 항성(項城)에서 태어났다.", [(1, 11, "항성", "샹청")]),
    # the bracket gives the name's pinyin: it is read in Mandarin, so a Sino-Korean reading is off
    ("kozh/nonstandard", "청도 해우(海牛, Hainiu) 프로 축구단", [(1, 4, "해우", "하이뉴")]),
    ("kozh/nonstandard", "이코노미스트 카오쑹(高松)이", [(1, 8, "카오쑹", "가오쑹")]),
    ("kozh/spacing", "KIC중국은 대회를 연다", [(1, 1, "KIC중국", "KIC 중국")]),
    ("kozh/spacing", "KIC  중국", [(1, 1, "KIC  중국", "KIC 중국")]),
    ("kozh/unknown-pair", "동애잉(董艾颖) 부장", [(1, 1, "동애잉", None)]),
    # a Sino-Korean pair whose transliteration the draft also writes: the pair (a current place,
    # reported by kozh/nonstandard) and its repeats
    ("kozh/inconsistent", "허페이는 크다. 합비(合肥)의 역사\n합비는 안후이성의 성도", [(2, 1, "합비", "허페이")]),
    ("kozh/nonstandard", "허페이는 크다. 합비(合肥)의 역사\n합비는 안후이성의 성도", [(1, 10, "합비", "허페이")]),
    # a pair's leading name read in Sino-Korean elsewhere, also with a suffix (무창구 beside 우창)
    ("kozh/inconsistent", "후베이의 무창군(武昌郡)이 생겼다.\n우창은 오늘날 무창구이다. 무창은 크다.",
     [(2, 9, "무창", "우창"), (2, 16, "무창", "우창")]),
    # a word that begins with a misspelling of a name the draft transliterates
    ("kozh/inconsistent", "둥관(东莞) 시는 크다. 동쪽의 둥꽌만에 있다.", [(1, 19, "둥꽌", "둥관")]),
    # … but a pair in quotes is a use
    ("kozh/nonstandard", "'창제우'(常州)에 간다", [(1, 2, "창제우", "창저우")]),
    # a wrong syllable in a paired name: shown, never applied
    ("kozh/nonstandard", "투자국 셴민(钱敏) 국장", [(1, 5, "셴민", "첸민")]),
]

NOT_FIRE = [
    # the Sino-Korean reading is also a common word (무한, "infinite"), or an alias in the gloss
    ("kozh/inconsistent", "우한(武漢)의 가능성은 무한하다."),
    ("kozh/inconsistent", "충칭(중경, 重慶)은 장강 상류의 도시다."),
    ("kozh/deprecated", "공업정보화부는 발표했다."),
    ("kozh/deprecated", "`산업정보화부` 는 코드 안"),  # code spans are blanked
    ("kozh/deprecated", "<!-- kozh-disable-next-line kozh/deprecated -->\n산업정보화부"),
    ("kozh/inconsistent", "중관춘 포럼과 중관춘 커뮤니티"),
    ("kozh/inconsistent", "베이징중관촌과학기술서비스유한회사와 중관춘"),  # inside a longer word
    ("kozh/inconsistent", "창저우(常州)에 간다"),
    ("kozh/inconsistent", "창저우(常州)와 창저우(常州)"),
    ("kozh/variant", "장원하오는 교수다."),  # a different name that merely looks alike
    ("kozh/variant", "장원타오는 원장이다."),
    ("kozh/variant", "성장률이 중산층에서 높다."),  # ordinary words
    ("kozh/variant", "류싱이 말했다."),  # two syllables
    ("kozh/variant", "Daho 는"),  # four letters
    ("kozh/variant", "Dahoo 는"),
    ("kozh/nonstandard", "저우마오화(周茂华)는 말했다."),
    ("kozh/nonstandard", "통저우구(通州区)에서"),  # house spelling
    ("kozh/nonstandard", "청도 해우(海牛) 프로 축구단"),  # no pinyin: nothing says it is no Korean word
    ("kozh/nonstandard", "충칭(重庆·중경)의 훠궈"),  # the Sino-Korean reading as a gloss beside the standard
    ("kozh/nonstandard", "당나라 때 장안(長安)은 수도였다."),  # a district keeping an old capital's name
    # a name led by one character (바오 of 바오산) is too short to call another word a misspelling of it
    ("kozh/inconsistent", "바오산강철(寶山鋼鐵)과 안산강철의 바이첸 공장"),
    ("kozh/inconsistent", "바이주(白酒)가 유명하다. 산서성 백주의 대표"),  # a word after a province is no place
    # a pair's leading name in a Sino-Korean form that is also a word (요령 "knack"), alone
    ("kozh/inconsistent", "랴오닝성(辽宁省)의 성도는 선양이다. 랴오닝 사람들은 일하는 요령이 좋다."),
    # forms the lexicon establishes side by side (tea names Korean has taken in)
    ("kozh/inconsistent", "녹차와 우롱차(烏龍茶)를 마셨다. 오룡차(烏龍茶)도 좋다. 우롱차는 반발효차다."),
    ("kozh/inconsistent", "보이차(普洱茶)는 흑차다. 푸얼차(普洱茶)라고도 한다. 보이차를 마셨다."),
    # a word the draft glosses with other Chinese is that word, not the other reading of a name
    ("kozh/inconsistent", "청두(成都)에 간다. 허페이는 안후이성의 성도(省都)이다. 성도에는 공항이 있다."),
    ("kozh/inconsistent", "판전둥(樊振東)이 이겼다. 판정도를 보였다."),  # not the judge's misspelling of it
    ("kozh/inconsistent", "수치(舒淇)가 왔다.\n당 서기가 말했다."),  # 서기 is a word: the text never says it is her
    # 국가산림공원 translates 国家森林公园: 산림 is a Korean word, not 森 misspelt
    ("kozh/nonstandard", "장자제국가산림공원(张家界国家森林公园)에 간다."),
    ("kozh/nonstandard", "해우(海牛, sea cow) 프로 축구단"),  # an English gloss is no pinyin
    ("kozh/nonstandard", "CALB(中创新航)는"),  # Latin is never judged
    ("kozh/nonstandard", "<!-- kozh-disable kozh/nonstandard -->\n조우마오화(周茂华)\n<!-- kozh-enable -->"),
    ("kozh/spacing", "KIC 중국은 대회를 연다"),
    ("kozh/spacing", "중 산업"),  # short terms are not matched across spaces
    ("kozh/unknown-pair", "창저우(常州)에"),
    ("kozh/unknown-pair", "창저우(常州)에"),
    # monuments keep their Sino-Korean names; a sentence that opens "at that time" is about the past
    ("kozh/nonstandard", "항저우의 명소로 영은사(灵隐寺)가 있다."),
    ("kozh/nonstandard", "명나라 때 성이 섰다. 당시 이곳은 남두(南头)라 불렸다."),
    # a Ming garrison led by a current place name, in a sentence about the past
    ("kozh/nonstandard", "명나라는 동완수어천호소(东莞守御千户所)를 두었다."),
    # a name in quotes with its rendering after it is being explained, not used
    ("kozh/nonstandard", "창춘(长春)에 간다. 이름 '장춘'(창춘)은 긴 봄이라는 뜻이다."),
    # a unit after a number is no mention of a name (만달러, not 만달 for 万达)
    ("kozh/inconsistent", "완다(万达)그룹은 5000만달러로 인수했다."),
    # another name given in brackets right after the standard form is a gloss, not a use
    ("kozh/nonstandard", "선전 시(심천, 深圳, )는 광둥성의 도시다."),
    ("kozh/inconsistent", "쑤저우 시(소주, )는 운하 도시다. 이곳에 명은 소주부(蘇州府)를 두었다."),
    # a word Kiwi knows is no misspelling of a name (선정 beside 선전)
    ("kozh/inconsistent", "선전(深圳) 시가 선정되었다."),
]


@pytest.mark.parametrize("rule, text, expected", FIRE)
def test_rule_fires(index, rule, text, expected):
    found = run(index, text, rule)
    got = [(f.line, f.column, f.found, f.suggestions[0] if f.suggestions else None) for f in found]
    assert got == expected


@pytest.mark.parametrize("rule, text", NOT_FIRE)
def test_rule_does_not_fire(index, rule, text):
    assert run(index, text, rule) == []


def test_matching_is_korean_aware(index):
    doc = document_from_text("창저우는 창저우의 창저우시 성장 중산층 중산에서 창저우과학", path="d.md")
    spans = [doc.raw[m.start:m.end] + "@" + str(m.start) for m in index.scan(doc.text)]
    assert spans == ["창저우@0", "창저우@5", "창저우@10", "중산@22"]


def test_longest_match_wins(index):
    doc = document_from_text("중관춘창업단지(中关村创智园)에서", path="d.md")
    matches = index.scan(doc.text)
    assert [(doc.raw[m.start:m.end]) for m in matches] == ["중관춘창업단지"]


def test_chinese_ignores_simplified_and_traditional(index):
    assert index.entry_for_zh("常州").zh == "常州"
    assert index.entry_for_zh("工業和信息化部").zh == "工业和信息化部"
    doc = document_from_text("창제우(常州)", path="d.md")
    trad = document_from_text("창제우(常州)".replace("常州", "常州"), path="d.md")
    assert lint_document(doc, index) == lint_document(trad, index)


def test_particle_is_adjusted_by_the_fix(index):
    (f,) = run(index, "가오쑹은 조우마오화(周茂华)은 말했다.", "kozh/nonstandard")
    assert f.fix.edits[0].text == "저우마오화"
    (f,) = run(index, "산업정보화부과 협력", "kozh/deprecated")
    assert f.fix.edits[0].text == "공업정보화부와"


def test_rules_have_documented_docstrings():
    from glossary.lint.rules import RULES, summary

    for code, rule in RULES.items():
        doc = type(rule).__doc__
        assert code.startswith("kozh/") and summary(rule)
        for section in ("What it does", "Why is this bad?", "Example", "Use instead", "Fix safety"):
            assert f"## {section}" in doc, (code, section)


def test_a_leading_name_read_two_ways_points_at_the_transliteration(index):
    text = "룽청실험실(龙城实验室)이 문을 열었다.\n룽청은 창저우에 있다.\n용성에서 열린 행사"
    (finding,) = run(index, text, "kozh/inconsistent")
    assert "용성 and 룽청 (line 2) both render 龙城" in finding.message
    assert finding.fix is not None and not finding.fix.safe  # a reading, not a person's choice


def test_a_word_the_glossary_pairs_with_two_names_shows_each_suggestion():
    # 九扮 is 九份 mistyped in one bracket: the glossary holds both, and 지우펀 is off for each
    g = Glossary.open(":memory:")
    g.add_term("지우펀", "九份", kind="place")
    g.add_term("지우펀", "九扮", kind="place")
    index = GlossaryIndex.for_glossary(g, use_cache=False)
    (finding,) = run(index, "오늘은 지우펀에 갔다.", "kozh/nonstandard")
    assert finding.suggestions == ("주펀", "주반") and not (finding.fix and finding.fix.safe)
    # right for one of the names it may be: nothing to say
    g.add_term("허핑", "和平", kind="place")
    g.add_term("허핑", "和苹", kind="place")
    assert run(GlossaryIndex.for_glossary(g, use_cache=False), "허핑에 갔다.", "kozh/nonstandard") == []


def test_a_part_of_a_reported_pair_leading_another_name_is_not_reported(index):
    # 수이 of 양두어수이(羊杂碎) is misspelt, but 수이거 is another street's name
    found = {f.found for f in run(index, "양두어수이(羊杂碎)를 먹었다.\n수이거 다제에서 만났다.", "kozh/nonstandard")}
    assert "양두어수이" in found and "수이" not in found
