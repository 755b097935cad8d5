"""Extraction of glossed pairs: every form, the non-pairs, the hand-annotated issue, odd input."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from glossary.errors import BadInput
from glossary.extract.pairs import Pair, extract_pairs
from glossary.extract.kinds import classify
from glossary.sources.document import document_from_text, read_document

ROOT = Path(__file__).resolve().parent.parent
ISSUE = ROOT / "data" / "issues" / "kic-china-weekly-318.md"
GOLD = ROOT / "data" / "corpus" / "kic-china-weekly-318.pairs.tsv"


def pairs_of(text: str, kind: str = "md") -> list[tuple[str, str]]:
    return [(p.term, p.zh) for p in extract_pairs(document_from_text(text, kind=kind))]


# --- forms -------------------------------------------------------------------------------

FORMS = [
    # brackets of mixed width, as a converted article has them
    ("- 스난 구 （市南区)", [("스난 구", "市南区")]),
    ("- 황다오 구 (黄岛区）", [("황다오 구", "黄岛区")]),
    # one generic syllable cannot be a two-character name alone: the word before it belongs to it
    ("유명한 추 강(曲江)은", [("추 강", "曲江")]),
    # Korea's own states and a surname before 씨 are no Chinese names
    ("고구려(高句麗)와 발해(渤海)의 땅", []),
    ("가장 많은 성씨는 김(金)씨이다.", []),
    # a state named with 나라 is a name, whatever else its one character means (明 bright)
    ("1368년 명나라(明)가 이곳을", [("명나라", "明")]),
    # an age after a middle dot is no part of the name
    ("런정페이(任正非·74) 회장과 마화텅(马化腾·47세)", [("런정페이", "任正非"), ("마화텅", "马化腾")]),
    # … and the press's other middle dots, ㆍ and a full stop
    ("장인(張茵.49.사진) 회장과 장인(張茵ㆍ49억달러)", [("장인", "張茵"), ("장인", "張茵")]),
    ("제조업체 비야디(比亞迪ㆍ BYD)에 투자한", [("비야디", "比亞迪")]),
    # a Korean gloss after the Chinese and a space, with no comma
    ("칸을 찾은 수치(舒淇 서기)를 비롯해 바이주(白酒 고량주) 기업", [("수치", "舒淇"), ("바이주", "白酒")]),
    # a translated name in quotation marks is the quoted words; a quoted sentence is no name
    ("칭호로 '해상 제일의 산(海上名山第一)'이라는", [("해상 제일의 산", "海上名山第一")]),
    ("“세계 건축 박람(万国建筑博览)” 으로 유명한", [("세계 건축 박람", "万国建筑博览")]),
    ("그는 '중국의 베이징(北京)'에서", [("베이징", "北京")]),
    ("'경사가 두 번 겹쳤다(雙重喜慶)'라는 말", []),
    # common nouns glued on before a name by a missing space are no part of it
    ("중국이 자체 건설한 우주정거장톈궁(天宮)에 도킹한 뒤", [("톈궁", "天宮")]),
    # the last word before the bracket is left out only when it says what the name is
    ("진령 산맥(秦嶺)과 연길 시(延吉)", [("진령", "秦嶺"), ("연길", "延吉")]),
    # a Chinese named 金 is no Korean: 진 is its transliteration
    ("진징이(金景一) 교수가 말했다", [("진징이", "金景一")]),
    # a misspelt name (멘 for 몐) keeps the place word the writer added out of the term
    ("경제도시인 멘양시(綿陽), 스마트제조는", [("멘양", "綿陽")]),
    ("톈진의 고문화 거리(古文化街)는", [("고문화 거리", "古文化街")]),
    # a surname and a two-character given name is a name, however Kiwi reads the Korean (가리+어나)
    ("발표회에서 가려나(贾丽娜) 부시장이 축사를", [("가려나", "贾丽娜")]),
    # a place word glued after a name that already renders the whole Chinese is the writer's addition
    ("구랑위섬(鼓浪嶼)을 포함한다", [("구랑위", "鼓浪嶼")]),
    ("연길시(延吉)는", [("연길", "延吉")]),
    ("해란강(海蘭江)과 수이시(遂溪)", [("해란강", "海蘭江"), ("수이시", "遂溪")]),
    # a head noun translating the end of the Chinese keeps the name before it, however that aligns
    ("레이저우어(雷州語), 사오저우 방언(韶州土語) 등", [("레이저우어", "雷州語"), ("사오저우 방언", "韶州土語")]),
    ("신당 양식(新唐风)이라 불리는", [("신당 양식", "新唐风")]),
    ("명나라와 청나라의 양식(明清风格)", []),
    # a note after a dash; a dynasty jieba knows as a period, read in Sino-Korean
    ("황족인 사마예(司馬睿 - 동진[東晉]의 초대 황제)에게", [("사마예", "司馬睿")]),
    ("한족 국가인 서진(西晉)이 멸망했다", [("서진", "西晉")]),
    # plain, full-width, spaced, suffixed
    ("창저우(常州)에", [("창저우", "常州")]),
    ("허페이시（合肥市）에 자회사", [("허페이시", "合肥市")]),
    ("혁신 도시 창저우 (常州)는", [("창저우", "常州")]),
    # Latin names and lists, particles after the bracket
    ("CALB(中创新航)는", [("CALB", "中创新航")]),
    ("GAC GROUP(广汽集团)이 공동", [("GAC GROUP", "广汽集团")]),
    ("조우마오화[周茂华, CHINA EVERBRIGHT BANK(光大银行) 금융시장부]는",
     [("조우마오화", "周茂华"), ("CHINA EVERBRIGHT BANK", "光大银行")]),
    ("BAIC(北汽), CATL(宁德时代), BYD(比亚迪)와 같은",
     [("BAIC", "北汽"), ("CATL", "宁德时代"), ("BYD", "比亚迪")]),
    ("SEALAND Securities(国海证券)는", [("SEALAND Securities", "国海证券")]),
    # gloss after the Chinese
    ("전정특신(專精特新, 전문화·정밀화·특색화·참신화) 기업", [("전정특신", "專精特新")]),
    ("#### ④JBD(Jade Bird Display, 上海显耀显示科技有限公司)", [("JBD", "上海显耀显示科技有限公司")]),
    ("일대일로(一带一路, Belt and Road Initiative)를", [("일대일로", "一带一路")]),
    ("바이트댄스(字节跳动·ByteDance)는", [("바이트댄스", "字节跳动")]),
    ("중국 인민은행(中国人民银行)은", [("중국 인민은행", "中国人民银行")]),
    ("미국 애플(苹果)", [("애플", "苹果")]),
    # labelled glosses and a Korean alternative
    ("자금성(중국어 간체자: 紫禁城, 정체자: 紫禁城, 병음: Zǐjìnchéng)은", [("자금성", "紫禁城")]),
    ("상하이(상해, 중국어: 上海)는", [("상하이", "上海")]),
    # people with a title, nested
    ("장원타오[张文涛, 웨강아오대만구전략연구소(粤港澳大湾区战略研究院) 원장]는",
     [("장원타오", "张文涛"), ("웨강아오대만구전략연구소", "粤港澳大湾区战略研究院")]),
    ("카오쑹[高松, 중국과학원(中国科学院) 원사·중산대학(中山大学) 총장]은",
     [("카오쑹", "高松"), ("중국과학원", "中国科学院"), ("중산대학", "中山大学")]),
    # Korean and Chinese run together
    ("서남 기지(청두•쑤이닝遂宁)에", [("쑤이닝", "遂宁")]),
    # the left edge is decided by the rendering
    ("광저우시 판위창롱국제컨벤션센터(番禺长隆国际会展中心)에서", [("판위창롱국제컨벤션센터", "番禺长隆国际会展中心")]),
    ("사진 1) 출처: 광저우판위홍보 위챗계정(广州番禺发布)", [("광저우판위홍보", "广州番禺发布")]),
    ("현재 광저우 판위구(番禺区)는", [("판위구", "番禺区")]),
    ("푸단 대학(复旦大学)(1905년)", [("푸단 대학", "复旦大学")]),
    ("GAC 연구소(广汽研究院)가 있습니다", [("GAC 연구소", "广汽研究院")]),
    ("“광저우판위(广州番禺)에는", [("광저우판위", "广州番禺")]),
    # quotes and title marks
    ("‘쌍순환’(双循环) 전략", [("쌍순환", "双循环")]),
    ("《인민일보》(人民日报)에 따르면", [("인민일보", "人民日报")]),
    ("〈중국제조 2025〉(中国制造2025)를", [("중국제조 2025", "中国制造2025")]),
    ("<미래산업>(未来产业)을", [("미래산업", "未来产业")]),
    # link markup
    ("[[항저우]](杭州)는", [("항저우", "杭州")]),
    ("[항저우](https://example.com/hz)(杭州)는", [("항저우", "杭州")]),
    ("<b>창저우</b>(常州)", [("창저우", "常州")]),
    # footnote marks
    ("창저우*(常州)", [("창저우", "常州")]),
    ("신싼반*에서 거래\n\n* 신싼반(新三板): 장외시장", [("신싼반", "新三板"), ("신싼반", "新三板")]),
    ("창저우(常州)와 기업* 상장", [("창저우", "常州")]),  # a marked word without a gloss anywhere
    ("1 전정특신: (專精特新, 전문화·정밀화) 전정특신 기업은", [("전정특신", "專精特新")]),
    # hanja glosses of ordinary words, a unit after a number
    # source lines and headings
    ("— 남방일보(南方日报)", [("남방일보", "南方日报")]),
    ("1. 차이리엔사(财联社): 苹果和 Meta", [("차이리엔사", "财联社")]),
    ("1.산업정보화부(工业和信息化部): 关于印发", [("산업정보화부", "工业和信息化部")]),
    ("공지 1.산업정보화부(工业和信息化部) 발표", [("산업정보화부", "工业和信息化部")]),
    ("BYD-(比亚迪)는", [("BYD", "比亚迪")]),
    ("출처: AOTO(奥拓电子) 공식 사이트", [("AOTO", "奥拓电子")]),
    ("### ▶ Hengxin Shambala(恒信东方)", [("Hengxin Shambala", "恒信东方")]),
    ("## ②Coreach Technology(芯瑞达)", [("Coreach Technology", "芯瑞达")]),
    ("### ▶ Virtual Point(虚拟动点) & Dahoo(德火科技)", [("Virtual Point", "虚拟动点"), ("Dahoo", "德火科技")]),
    ("- 장강삼각주청년창업혁신항(长三角青年创新创业港)\\* 1 기 건설", [("장강삼각주청년창업혁신항", "长三角青年创新创业港")]),
]

NON_PAIRS = [
    "그는 오늘(今天) 왔다",  # a period word that is no name
    "일본의 오사카(大阪) 지사와 한국의 부산(釜山) 공장",  # another country's names
    "**장 소:** 중국 베이징 (北京方恒假日酒店) \\*온/오프라인 진행",  # the city, not the hotel
    "유기발광다이오드(OLED)처럼",  # Korean(English)
    "글로벌혁신센터(KIC중국) 공식",
    "번인(Burn-in: 디지털 디스플레이에서 이전 이미지의 잔상) 현상",
    "장강삼각주(창저우)혁신 센터",  # Korean(Korean)
    "계획(2023~2025)을",
    "2023 (二〇二三)년",  # a number is never a term
    "사진 1) 출처: 新浪科技",
    "(常州)",
    "常州(Changzhou)",
    "그는(他) 말했다",
    "코드 `창저우(常州)` 는 무시",
    "<!-- 창저우(常州) -->",
    "창저우(常州는 닫히지 않았다",
    "창저우(\n常州)",  # a bracket never spans lines
    "공지 1.-(工业和信息化部) 발표",  # the list number leaves no word
    "설명(이것은 중국어 문장입니다 这是一个句子，很长。) 끝",
    # the hanja of an ordinary Korean word is a gloss, not a name (data/corpus/README.md)
    "사변(事變)이 일어났다",
    "인구 규모로 수위(首位)를 차지한다",
    "각 자치구(自治區)와",
    "두 경사가 겹쳤다(雙重喜慶)",
    "당의 영도(領導)를 강조했다",  # an everyday word, though Kiwi knows 영도 as a place in Busan
    "성(省) 정부가 발표했다",  # one character, one syllable, an ordinary word
    "주력 상품의 성(省)내 시장",
    "100 만 무(亩)의 삼림",  # a unit of area
    "이주한 집단(民系)을 이룬다",  # a Korean word translating the Chinese
    "각 자치주(自治州)의 인구",  # a generic word of the lexicon names nothing
    "가구수가 5만호(戶)에 이르렀다",  # a count
    "강을 통해항정(航程)이 길다",  # a word ending glued on, then the hanja of an ordinary word
    "가세(家世)가 기울었다",  # a plain noun on both sides, though jieba has seen it rarely
    "백범 김구(金九) 선생과 윤봉길(尹奉吉) 의사",  # Koreans' names in their own reading (金 read 김)
    "기장, 조(穀子), 콩을 심었다",  # one syllable renders no name of two characters
    "안후이성의 성도(省都)인 허페이",  # a generic word of the lexicon ("provincial capital")
    "옛 건물의 구지(舊址)에 섰다",  # … however Kiwi cuts the Korean (구+지)
]


FORMS_SEEN_IN_THE_CORPUS = [
    # a misspelt rendering is kept whole so that lint can report it
    ("산시성 방직기계가 유위츠(楡次)에서 생산된다.", [("유위츠", "楡次")]),
    # a sentence end glued on by conversion is not part of the name
    ("성장했다.전전(全电)은 새로운 브랜드다.", [("전전", "全电")]),
    # a prefix that stands apart (a place with its suffix, a known name) is no part of the name;
    # any other prefix is, however the rest reads (粵 is 웨: 아오베이 is a misspelling to report)
    ("이 회사는 광저우시판위구(番禺区)에 있다.", [("판위구", "番禺区")]),
    ("그는 베이징중관촌(中关村)에 있다.", [("중관촌", "中关村")]),
    ("아오베이(粵北)의 방언", [("아오베이", "粵北")]),
    ("시작조우마오화(周茂华)는 말했다.", [("조우마오화", "周茂华")]),  # a common noun glued on
    # names whose Sino-Korean reading is also a Korean word stay pairs
    ("우한은 무한(武漢)으로도 불린다", [("무한", "武漢")]),
    ("경제일보(经济日报)에 따르면", [("경제일보", "经济日报")]),
]


@pytest.mark.parametrize(("text", "expected"), FORMS_SEEN_IN_THE_CORPUS, ids=[f[0][:24] for f in FORMS_SEEN_IN_THE_CORPUS])
def test_forms_seen_in_the_corpus(text, expected):
    assert pairs_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), FORMS, ids=[f[0][:24] for f in FORMS])
def test_forms(text, expected):
    assert pairs_of(text) == expected


@pytest.mark.parametrize("text", NON_PAIRS, ids=[t[:24] for t in NON_PAIRS])
def test_non_pairs(text):
    assert pairs_of(text) == []


def test_glosses():
    got = {p.term: p.gloss for p in extract_pairs(document_from_text(
        "전정특신(專精特新, 전문화·정밀화·특색화·참신화) JBD(Jade Bird Display, 上海显耀显示科技有限公司) "
        "일대일로(一带一路, Belt and Road Initiative) 상하이(상해, 중국어: 上海) 창저우(常州)"
    ))}
    assert got == {
        "전정특신": "전문화·정밀화·특색화·참신화",
        "JBD": "Jade Bird Display",
        "일대일로": "Belt and Road Initiative",
        "상하이": "상해",
        "창저우": None,
    }


def test_nested_commas_stay_in_the_gloss():
    text = "장원타오[张文涛, 웨강아오대만구전략연구소(粤港澳大湾区战略研究院, 광저우) 원장]는"
    got = [(p.term, p.gloss) for p in extract_pairs(document_from_text(text))]
    assert got == [
        ("장원타오", "웨강아오대만구전략연구소(粤港澳大湾区战略研究院, 광저우) 원장"),
        ("웨강아오대만구전략연구소", "광저우"),
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("명난(孟楠) 회장은", "person"),
        # a courtesy or pen name, also one listed after another
        ("자는 상우(翔宇)이고", "person"),
        ("호는 오호(伍豪), 관생(冠生)이다.", "person"),
        ("부회장 송지엔(熊剑)은", "person"),
        ("동애잉(董艾颖) 전략기획부 부장이", "person"),
        ("장원타오[张文涛, 연구소 원장]는", "person"),
        ("통저우구(通州区)에서", "place"),
        ("허페이시(合肥市)에", "place"),
        ("중산대학(中山大学)", "org"),
        ("공업정보화부(工业和信息化部)에서", "org"),
        ("진샤테크놀로지투자회사(金沙科技投资公司)가", "company"),
        ("GAC GROUP(广汽集团)이", "company"),
        ("Leyard(利亚德)", "company"),
        ("남방일보(南方日报)", "media"),
        ("차이리엔사(财联社):", "media"),
        ("전정특신(專精特新)", "concept"),
        ("쌍순환(双循环)", "concept"),
        # names no suffix or title classes: jieba's dictionary knows them as places or people
        ("흑룡강(黑龍江)", "place"),
        ("서호(西湖)", "place"),
        ("덩샤오핑(邓小平)", "person"),
        # the writer's place word before the bracket, and the Chinese and Korean place suffixes
        ("도문 시(圖門) - 58%", "place"),
        ("해란강(海蘭江)", "place"),
        ("전당강대교(錢塘江大橋)", "place"),
        # a name the base glossary knows, in either script (石 is a surname: still a city)
        ("스자좡(石家庄)에서", "place"),
        ("다롄(大連)과 잉커우(營口)", "place"),
        ("덩샤오핑(鄧小平)이", "person"),
        # a surname and a given name in traditional script, as in simplified
        ("류촨즈(柳傳誌) 롄샹 회장", "person"),
        ("장루이민(張瑞敏)은", "person"),
        # a dynasty named with 나라, a former division, a pass, a temple
        ("수나라(隋) 때", "place"),
        ("강하군(江夏郡)이 설치되었다", "place"),
        ("진령(秦嶺) 산맥", "place"),
        ("한산사(寒山寺)의 종", "place"),
        # one list, one kind: a name no cue classes takes its neighbour's
        ("천합광에너지(天合光能), 동방일승(东方日升) 등 선도기업", "company"),
        # languages and peoples are neither people nor places
        ("레이저우어(雷州語), 리족(黎族)", "other"),
        # a pair in quotation marks is a title or a term, whatever surname it starts with (武)
        ("천커신 감독이 연출한 '무협(武俠)' 한편", "concept"),
        # the word before says it is a company; a cave is a place
        ("자회사인 중면국제(中免國際)가 합작을 체결했다", "company"),
        ("수렴동(水簾洞) 안 입니다", "place"),
        # a word right after the bracket that says it is a place
        ("명렴(明廉)지역은 조선족 집거지역이다", "place"),
    ],
)
def test_kinds(text, kind):
    pairs = extract_pairs(document_from_text(text))
    assert pairs and all(pair.kind == kind for pair in pairs)


def test_person_kind_spreads_to_every_mention():
    doc = document_from_text("부회장 송지엔(熊剑)은 말했다.\n\n송지엔(熊剑)은 다시 말했다.")
    assert [p.kind for p in extract_pairs(doc)] == ["person", "person"]


def test_classifier_is_generic():
    assert classify("하얼빈시", "哈尔滨市") == "place"
    assert classify("Tencent", "腾讯") == "company"
    assert classify("신화망", "新华网") == "media"


def test_positions_and_dict():
    doc = document_from_text("첫 줄\n\n  광저우시 판위구(番禺区)와 **CALB**(中创新航)이")
    a, b = extract_pairs(doc)
    assert (a.line, a.column, a.end_line, a.end_column) == (3, 8, 3, 11)
    assert doc.raw[doc.offset(a.line, a.column) : doc.offset(a.end_line, a.end_column)] == "판위구"
    assert (b.term, b.line, b.column) == ("CALB", 3, 20)
    d = a.to_dict()
    assert d["term"] == "판위구" and d["zh"] == "番禺区" and d["path"] == "-"
    assert set(d) == {f for f in Pair.__dataclass_fields__}
    assert "\n" not in a.context and "판위구(番禺区)" in a.context


# --- the hand-annotated issue ------------------------------------------------------------


def _gold() -> list[dict]:
    with GOLD.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def test_gold_points_at_its_terms():
    lines = ISSUE.read_text(encoding="utf-8").split("\n")
    gold = _gold()
    assert len(gold) >= 80
    for row in gold:
        line, col, term = int(row["line"]), int(row["column"]), row["term"]
        assert lines[line - 1][col - 1 : col - 1 + len(term)] == term, row
        assert row["kind"] in ("person", "place", "org", "company", "media", "concept", "other")


def test_precision_and_recall_on_issue_318():
    pairs = extract_pairs(read_document(ISSUE))
    got = Counter((p.line, p.term, p.zh) for p in pairs)
    gold = Counter((int(r["line"]), r["term"], r["zh"]) for r in _gold())
    hits = sum((got & gold).values())
    precision = hits / max(1, sum(got.values()))
    recall = hits / sum(gold.values())
    print(f"\nissue 318: {sum(gold.values())} annotated, {sum(got.values())} extracted, "
          f"precision {precision:.3f}, recall {recall:.3f}")
    for key in sorted((got - gold).elements()):
        print("  extra  ", key)
    for key in sorted((gold - got).elements()):
        print("  missed ", key)
    assert precision >= 0.95
    assert recall >= 0.95
    columns = {(p.line, p.term, p.zh): p.column for p in pairs}
    for r in _gold():
        key = (int(r["line"]), r["term"], r["zh"])
        if key in columns and Counter(k for k in gold.elements() if k == key)[key] == 1:
            assert columns[key] == int(r["column"]), key


# --- odd input: never raise, never quadratic ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "창저우" + "(" * 10_000 + "常州" + ")" * 10_000,
        "가" + "[常(" * 10_000 + "]" * 10_000,
        "(" * 50_000 + "常州" + "]" * 50_000,
        ")" * 10_000 + "창저우(常州)" + "(" * 10_000,
        "創" * 100_000 + "(" + "가" * 100_000 + ")",
        "\ufffd\x01\x02" * 10_000 + "창저우(常州)",
    ],
    ids=["deep-parens", "deep-mixed", "unbalanced", "stray", "long-runs", "noise"],
)
def test_odd_text_is_safe(text):
    assert isinstance(extract_pairs(document_from_text(text)), list)  # no exception, no hang


def test_five_megabyte_line_gives_ten_times_the_pairs():
    # how the time grows with the text is measured by bench/bench_extract.py (growth)
    unit = "광저우시 판위구(番禺区)와 GAC GROUP(广汽集团)이 공동 건설할 예정이다. " + "그리고 평범한 문장이 이어진다. " * 6
    small = document_from_text((unit * (500_000 // len(unit) + 1))[:500_000])
    big = document_from_text((unit * (5_000_000 // len(unit) + 1))[:5_000_000])
    assert len(extract_pairs(big)) > 9 * len(extract_pairs(small))


def test_binary_file_is_bad_input(tmp_path):
    f = tmp_path / "issue.md"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(BadInput, match="issue.md"):
        read_document(f)
