"""Tests of glossary.translit.judge: aligning a Korean rendering to Chinese and the verdict."""

from __future__ import annotations


import pytest

from glossary.translit.judge import Judgement, Part, judge


def labels(j: Judgement) -> list[tuple[str, str]]:
    return [(p.korean, p.label) for p in j.parts]


@pytest.mark.parametrize(
    "korean,chinese",
    [("창저우", "常州"), ("리커창", "李克强"), ("창룽", "长隆"), ("샤먼", "厦门"), ("홍콩", "香港"), ("상하이", "上海")],
)
def test_standard(korean, chinese):
    j = judge(korean, chinese)
    assert j.verdict == "standard" and j.suggestion is None and j.ok
    assert j.coverage == 1.0 and j.score == 1.0


def test_standard_with_sino_suffix():
    j = judge("허페이시", "合肥市")
    assert j.verdict == "standard"
    assert labels(j) == [("허페이", "standard"), ("시", "sino")]
    assert j.parts[1].generic


@pytest.mark.parametrize("korean,chinese", [("전정특신", "專精特新"), ("전정특신", "专精特新"), ("중국과학원", "中国科学院")])
def test_sino(korean, chinese):
    assert judge(korean, chinese).verdict == "sino"


def test_mixed_greater_bay_area():
    j = judge("웨강아오대만구", "粤港澳大湾区")
    assert j.verdict == "mixed"
    assert labels(j)[0] == ("웨강아오", "standard")
    assert {label for _, label in labels(j)[1:]} == {"sino"}  # 대 + 만 (湾, a geographic word) 구
    assert j.suggestion is None


@pytest.mark.parametrize(
    "korean,chinese,suggestion,near",
    [
        ("조우마오화", "周茂华", "저우마오화", "조우"),
        ("류썩천", "刘星辰", "류싱천", "썩"),
        ("통저우구", "通州区", "퉁저우구", "통"),
        ("송지엔", "熊剑", "슝젠", "송"),
        ("카오쑹", "高松", "가오쑹", "카오"),
        ("룡청연구소", "龙城实验室", "룽청연구소", "룡"),
        ("룡청", "龙城", "룽청", "룡"),
    ],
)
def test_nonstandard(korean, chinese, suggestion, near):
    j = judge(korean, chinese)
    assert j.verdict == "nonstandard" and not j.ok
    assert j.suggestion == suggestion
    assert near in [p.korean for p in j.parts if p.label == "near"]


def test_panyu_chimelong_convention_centre():
    j = judge("판위창롱국제컨벤션센터", "番禺长隆国际会展中心")
    assert j.verdict == "nonstandard"
    assert j.suggestion == "판위창룽국제컨벤션센터"
    parts = {p.korean: p for p in j.parts}
    assert parts["롱"].label == "near" and parts["롱"].standard == "룽"
    assert parts["국제"].label == "sino"
    assert parts["컨벤션센터"].label == "translation"
    assert any(p.label == "standard" and p.korean.startswith("판위") for p in j.parts)


def test_guangzhou_university_city():
    j = judge("광저우대학시티", "广州大学城")
    assert j.verdict in ("standard", "mixed")
    assert labels(j) == [("광저우", "standard"), ("대학", "sino"), ("시티", "translation")]


@pytest.mark.parametrize("korean,chinese", [("광저우", "北京"), ("베이징", "北京方恒假日酒店")])
def test_unrelated(korean, chinese):
    j = judge(korean, chinese)
    assert j.verdict == "unrelated" and j.suggestion is None and not j.ok


def test_coverage_chooses_term_edges():
    whole = judge("베이징팡헝자르호텔", "北京方恒假日酒店")
    part = judge("베이징", "北京方恒假日酒店")
    assert whole.coverage > part.coverage and whole.score > part.score
    assert judge("베이징", "北京").score > judge("베이징", "北京方恒").score


# --- traps ----------------------------------------------------------------------------------


def test_a_reading_only_another_word_gives_is_not_standard():
    # 长 is cháng in 长隆 and 长春; 장 is the zhǎng of 行长: never "standard" with a correction
    assert judge("창룽", "长隆").verdict == "standard"
    j = judge("장룽", "长隆")
    assert j.verdict == "nonstandard" and j.suggestion == "창룽" and j.confident
    j = judge("장춘", "长春")
    assert j.verdict == "sino" and j.suggestion is None  # the Sino-Korean reading, accepted when no era is known
    j = judge("장춘", "长春", era="modern")
    assert j.verdict == "sino" and j.suggestion == "창춘" and not j.confident
    assert judge("하이룽다사", "海龙大厦").verdict == "standard"  # 厦 is shà in 大厦
    assert judge("하이룽따샤", "海龙大厦").suggestion == "하이룽다사"


def test_heteronyms_the_name_leaves_open_stay_acceptable():
    # 长 alone has no context: both readings are transliterations of it
    assert judge("창", "长").verdict == "standard"
    assert judge("장", "长").verdict == "standard"


@pytest.mark.parametrize("korean,chinese", [("장춘", "长春"), ("장룽", "长隆"), ("하이룽따샤", "海龙大厦"), ("류웬춘", "刘元春"), ("유위츠", "楡次")])
def test_never_standard_with_a_correction(korean, chinese):
    for era in (None, "modern", "historic"):
        j = judge(korean, chinese, era=era)
        assert not (j.verdict == "standard" and j.suggestion), (korean, era, j)


def test_surnames_and_places_pypinyin_misreads():
    assert judge("쩡궈판", "曾国藩").suggestion is None
    assert judge("산슝신", "单雄信").suggestion is None
    assert judge("샤먼", "厦门").suggestion is None
    assert judge("충칭", "重庆").suggestion is None
    assert judge("중칭", "重庆").suggestion == "충칭"


@pytest.mark.parametrize("korean,chinese", [("광동", "广东"), ("요녕", "辽宁"), ("대만", "台湾"), ("상해", "上海")])
def test_customary_sino(korean, chinese):
    j = judge(korean, chinese)
    assert j.verdict == "sino" and j.ok


def test_customary_for_modern_place():
    j = judge("상해", "上海", era="modern")
    assert j.verdict == "sino" and j.ok and j.suggestion == "상하이"
    assert not judge("상해", "上海", era="modern", customary_ok=False).ok


def test_historic_person():
    j = judge("공자", "孔子", era="historic")
    assert j.verdict == "sino" and j.ok and j.suggestion is None
    t = judge("쿵쯔", "孔子", era="historic")
    assert t.verdict == "standard" and t.ok and t.suggestion == "공자"


def test_wrong_hanja_reading_of_simplified_is_not_sino():
    # the hanja dictionary reads simplified 广 as 엄; after s2t it is 廣 광
    assert judge("엄동", "广东").verdict != "sino"


# --- garbage --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "korean,chinese,verdict",
    [
        ("CALB", "中创新航", "latin"),
        ("GAC GROUP", "广汽集团", "latin"),
        ("", "北京", "unrelated"),
        ("베이징", "", "unrelated"),
        ("", "", "unrelated"),
        ("😀", "😀", "unrelated"),
        ("베이징", "Beijing", "latin"),
        ("가" * 10000, "北" * 10000, "unrelated"),
        ("베이징", "北" * 10000, "unrelated"),
    ],
)
def test_garbage_gives_a_verdict(korean, chinese, verdict):
    j = judge(korean, chinese)
    assert j.verdict == verdict
    d = j.to_dict()
    assert d["verdict"] == verdict and d["korean"] == j.korean and d["chinese"] == j.chinese


def test_non_string_input_gives_a_verdict():
    assert judge(None, "北京").verdict == "unrelated"  # type: ignore[arg-type]


def test_spaces_and_punctuation_ignored():
    assert judge("시 진핑", "习 近平").verdict == "standard"


def test_to_dict():
    d = judge("조우마오화", "周茂华").to_dict()
    assert d["verdict"] == "nonstandard" and d["suggestion"] == "저우마오화"
    assert d["parts"][0] == {"korean": "조우", "chinese": "周", "label": "near", "standard": "저우", "generic": False}
    assert set(d) >= {"korean", "chinese", "verdict", "suggestion", "parts", "coverage", "score"}


def test_part_is_frozen():
    p = Part("저우", "周", "standard", "저우")
    with pytest.raises(Exception):
        p.korean = "x"  # type: ignore[misc]


def test_every_name_pair_judged_standard():
    from glossary.translit import hanzi

    bad = []
    for z, _, k, _, _ in hanzi._read_tsv("name_pairs.tsv"):
        j = judge(k, z, era="modern")
        if j.verdict not in ("standard", "mixed") or j.suggestion:
            bad.append((k, z, j.verdict, j.suggestion))
    assert not bad


@pytest.mark.parametrize(
    "korean, chinese",
    [("광저우판위홍보", "广州番禺发布"), ("천합광에너지", "天合光能")],
    ids=["honbo-translates-fabu", "energy-translates-neng"],
)
def test_a_translation_beside_a_near_syllable_is_not_a_misspelling(korean, chinese):
    result = judge(korean, chinese)
    assert result.verdict != "nonstandard" and result.suggestion is None
    assert "near" not in {p.label for p in result.parts}


# --- classes of error seen on text kozh was not built from ---------------------------------


def test_unaligned_syllable_in_a_chinese_name_is_never_standard():
    j = judge("류웬춘", "刘元春")
    assert j.verdict == "nonstandard" and j.suggestion == "류위안춘" and j.confident


@pytest.mark.parametrize(
    "korean,chinese,kept",
    [("창장삼각주", "長江三角洲", "삼각주"), ("웨강아오대만구", "粤港澳大湾区", "대만구"), ("상하이티엔창관리자문유한공사", "上海天昌管理咨询有限公司", "관리자문유한공사")],
)
def test_sino_korean_and_translated_parts_are_never_transliterated(korean, chinese, kept):
    j = judge(korean, chinese)
    assert (j.suggestion or korean).endswith(kept)
    for p in j.parts:
        if p.label in ("sino", "translation"):
            assert p.korean in (j.suggestion or korean)


def test_digits_and_latin_stay_where_they_were():
    j = judge("화롱1호", "華龍1號")
    assert j.verdict == "nonstandard" and j.suggestion == "화룽1호"
    assert judge("상하이 티엔창", "上海天昌").suggestion == "상하이 톈창"


def test_transliterated_core_of_a_company_name_is_judged():
    j = judge("상하이티엔창관리자문유한공사", "上海天昌管理咨询有限公司")
    assert j.suggestion == "상하이톈창관리자문유한공사" and j.confident


@pytest.mark.parametrize("korean, chinese, suggestion", [("장웨이지", "張爲志", "장웨이즈"), ("닝파", "寧波", "닝보")])
def test_a_last_syllable_read_in_sino_korean_after_a_transliteration_is_nonstandard(korean, chinese, suggestion):
    # 지 is 志's Sino-Korean reading and opens like its syllable 즈: a misreading, shown
    j = judge(korean, chinese, era="modern")
    assert (j.verdict, j.suggestion) == ("nonstandard", suggestion)


def test_a_misspelt_syllable_next_to_a_sino_korean_one_is_shown_not_fixed():
    # 제 reads 帝 in Sino-Korean: 제국 may be the word 帝國, not a misspelling of 제궁
    j = judge("제국", "帝宮", era="modern")
    assert j.verdict == "nonstandard" and not j.confident


def test_a_stray_syllable_before_a_name_is_reported_not_fixed():
    j = judge("유위츠", "楡次")
    assert j.verdict == "nonstandard" and j.suggestion == "위츠" and not j.confident


def test_a_sino_korean_reading_before_a_transliteration_is_shown_not_fixed():
    j = judge("동애잉", "董艾颖")
    assert j.suggestion == "둥아이잉" and not j.confident


@pytest.mark.parametrize(
    "korean,chinese,suggestion",
    [("우위에펑커창", "武岳峰科创", "우웨펑커촹"),  # 创 chuàng ends the name: 창 is its Sino-Korean misreading
     ("시베이농민은행", "西北农民银行", None),  # 농민 is a Korean word before 银行
     ("야오족", "瑶族", None), ("민강", "岷江", None)],  # 族 and 江 after one character are generic
)
def test_a_lone_sino_korean_syllable_only_where_the_name_is_transliterated(korean, chinese, suggestion):
    j = judge(korean, chinese)
    assert j.suggestion == suggestion, j


@pytest.mark.parametrize(
    "korean, chinese, suggestion",
    [("셴민", "钱敏", "첸민"), ("왕샤오칭", "王小明", "왕샤오밍"), ("리진루", "李金路", "리진루")],
)
def test_a_wrong_syllable_in_a_transliterated_name_is_misread_and_never_applied(korean, chinese, suggestion):
    j = judge(korean, chinese, era="modern")
    if korean == suggestion:
        assert j.verdict == "standard" and j.suggestion is None
        return
    assert j.verdict == "unknown" and j.suggestion == suggestion and not j.confident
    assert [p.label for p in j.parts if p.label == "misread"] == ["misread"]


def test_a_misread_needs_a_transliterated_name_around_it():
    # a Korean word beside the syllable (홍보 for 发布), or no standard syllable at all (함비)
    assert judge("광저우판위홍보", "广州番禺发布").verdict == "unknown"
    assert judge("광저우판위홍보", "广州番禺发布").suggestion is None
    assert judge("함비", "合肥", era="modern").verdict == "unknown"  # a current place: see below
    assert judge("함비", "合肥", era="modern").parts[0].label == "other"


def test_a_current_place_read_wrong_gets_its_rendering_shown():
    j = judge("함비", "合肥")
    assert (j.verdict, j.suggestion, j.confident) == ("unknown", "허페이", False)
    assert judge("광저우", "北京").verdict == "unrelated"  # another city, not a misreading


@pytest.mark.parametrize(
    "korean, chinese, suggestion",
    [
        # a company's place and brand are transliterated, its trade words and form may stay
        ("현대 지능장비제조유한회사", "现岱智能装备制造有限公司", "셴다이 지능장비제조유한회사"),
        ("흠달그룹", "鑫达集团", "신다그룹"),
        # a name read wholly in Sino-Korean is transliterated whole, not only its leading place
        ("흑룡강 흠달그룹", "黑龙江鑫达集团", "헤이룽장 신다그룹"),
        # a name the writer spaced: its first word is the proper name, the descriptors may stay
        ("동호 신기술개발구", "东湖新技术开发区", "둥후 신기술개발구"),
        ("무한 경제기술개발구", "武汉经济技术开发区", "우한 경제기술개발구"),
    ],
)
def test_a_sino_company_name_gets_its_place_and_brand_transliterated(korean, chinese, suggestion):
    j = judge(korean, chinese, era="modern")
    assert (j.suggestion, j.confident) == (suggestion, False)


def test_a_traditional_form_with_fewer_readings_than_its_simplified_one_is_no_certainty():
    # 蔔 reads bo only, but stands for the surname 卜 bu here: the mend is shown, never applied
    j = judge("부판민", "蔔凡敏")
    assert j.suggestion == "보판민" and not j.confident
    assert judge("부판민", "卜凡敏").verdict == "standard"


def test_a_current_place_read_half_sino_gets_its_rendering_not_mended_parts():
    # 심 is 深's Sino-Korean reading, 천 is near 圳's 전: the place is 선전, not 심전
    j = judge("심천", "深圳")
    assert (j.verdict, j.suggestion, j.confident) == ("nonstandard", "선전", False)
    # a misspelling of the place's own rendering keeps its confident mend
    j = judge("티엔진", "天津")
    assert (j.verdict, j.suggestion, j.confident) == ("nonstandard", "톈진", True)


@pytest.mark.parametrize(
    "korean, chinese, era, suggestion",
    [
        ("중관촌창업단지", "中关村创智园", None, "중관춘창업단지"),
        ("흑룡강라디오", "黑龍江廣播", "modern", "헤이룽장라디오"),
        ("서호10경", "西湖十景", None, "시후10경"),
    ],
)
def test_a_current_place_leading_a_longer_name_is_transliterated_and_the_rest_kept(korean, chinese, era, suggestion):
    j = judge(korean, chinese, era=era)
    assert j.verdict == "nonstandard" and j.suggestion == suggestion and not j.confident


def test_a_place_leading_a_name_keeps_its_reading_in_the_past_and_before_one_character():
    assert judge("동완수어천호소", "東莞守御千戶所", era="past").verdict == "sino"
    assert judge("장강구", "長江口").suggestion != "창장구"  # 口 is part of the name (창장커우)


@pytest.mark.parametrize(
    "korean, chinese, suggestion",
    [("도강언", "都江堰", "두장옌"), ("서호", "西湖", "시후"), ("흑룡강", "黑龍江", "헤이룽장"), ("오가산", "吴家山", "우자산")],
)
def test_a_sino_korean_name_is_suggested_as_the_whole_name_reads(korean, chinese, suggestion):
    # 都 is dū in 都江堰 (not dōu), and 江 inside a name is no suffix; a current place takes the
    # base glossary's rendering; a generic word that ends the name stays (산)
    j = judge(korean, chinese, era="modern")
    assert (j.verdict, j.suggestion, j.confident) == ("sino", suggestion, False)


@pytest.mark.parametrize("korean, chinese", [("고산족", "高山族"), ("시버족", "锡伯族"), ("카자흐족", "哈萨克族")])
def test_peoples_named_from_their_own_languages_are_standard(korean, chinese):
    assert judge(korean, chinese, era="modern").verdict == "standard"


@pytest.mark.parametrize("korean, chinese, suggestion", [("가야하", "嘎呀河", "가야허"), ("사하", "沙河", "사허")])
def test_he_of_a_river_is_translated_or_transliterated_not_read_ha(korean, chinese, suggestion):
    # 河 is 강 (translated) or 허 (transliterated); 하 is its Sino-Korean reading
    assert judge(korean, chinese, era="modern").suggestion == suggestion
    assert judge(korean[:-1] + "강", chinese, era="modern").verdict == "standard"


@pytest.mark.parametrize(
    "korean, chinese, suggestion", [("추강", "曲江", "취강"), ("운툰", "云吞", "윈툰"), ("얼두얀", "耳朵眼", "얼둬옌")]
)
def test_a_syllable_written_without_its_glide_is_a_misspelling(korean, chinese, suggestion):
    # ㅜ for ㅟ or ㅝ (추 for 취, 두 for 둬): a near spelling, not another reading
    j = judge(korean, chinese, era="modern")
    assert (j.verdict, j.suggestion) == ("nonstandard", suggestion)


def test_a_judgement_kept_on_disk_reads_back_the_same():
    from glossary.translit import judge as judge_module

    for korean, chinese, era in [("조우마오화", "周茂华", None), ("중관촌", "中关村", "modern"), ("KIC", "中国", None)]:
        j = judge_module._judgement(korean, chinese, era, True)
        plain = judge_module._plain(j)
        assert judge_module._is_stored_judgement((korean, chinese, era, True), plain)
        assert judge_module._from_plain(plain) == j
    assert not judge_module._is_stored_judgement(("a", "b", None, True), ("a", "b", "standard", None, (), 1, 1.0, True, False))


@pytest.mark.parametrize(
    "korean,chinese",
    [("할빈", "哈尔滨"), ("하빈", "哈尔滨"), ("치할", "齐齐哈尔")],
)
def test_a_character_left_unrendered_inside_a_transliterated_name_is_a_missing_syllable(korean, chinese):
    j = judge(korean, chinese)
    assert j.verdict == "nonstandard" and not j.confident
    if chinese == "哈尔滨":
        assert j.suggestion == "하얼빈"  # not 하빈: the mended parts would keep 尔 missing


@pytest.mark.parametrize("korean,chinese", [("베이징대", "北京大学"), ("저장대", "浙江大学")])
def test_an_abbreviated_institution_word_after_a_place_is_no_misspelling(korean, chinese):
    j = judge(korean, chinese)
    assert j.suggestion is None and j.verdict != "nonstandard"  # never 베이징다


def test_a_division_suffix_left_out_inside_a_name_is_no_missing_syllable():
    assert judge("상하이푸둥", "上海市浦东").verdict == "standard"


def test_another_first_consonant_is_shown_never_applied():
    # 궁 for 恐 (kǒng 쿵) may be the Chinese mistyped (恐俐 for 巩俐 궁리) as well as the Korean
    j = judge("궁리", "恐俐", era="modern")
    assert (j.suggestion, j.confident) == ("쿵리", False)
    # the plain consonant for the rule's tense one is a habit of spelling: still certain
    assert judge("스촨", "四川", era="modern").confident


def test_a_two_character_given_name_read_in_sino_korean_after_a_transliterated_surname():
    j = judge("판진동", "樊振東", era="modern")
    assert (j.verdict, j.suggestion) == ("nonstandard", "판전둥")
    assert judge("마룡", "馬龍", era="modern").verdict == "sino"  # 마 reads both ways: nothing transliterated


def test_a_syllable_between_two_sino_korean_readings_is_no_misspelling():
    j = judge("장자제국가산림공원", "张家界国家森林公园", era="modern")
    assert j.suggestion is None and j.verdict != "nonstandard"


@pytest.mark.parametrize(
    "korean,chinese,suggestion",
    [("천자산자연보호구", "天子山自然保护区", "톈쯔산자연보호구"), ("장가계국가삼림공원", "张家界国家森林公园", "장자제국가삼림공원")],
)
def test_a_park_or_reserve_keeps_its_translated_generic_part(korean, chinese, suggestion):
    # the name is transliterated, 自然保护区 and 国家森林公园 stay as Korean writes them
    assert judge(korean, chinese, era="modern").suggestion == suggestion
    assert judge("장자제국가산림공원", "张家界国家森林公园", era="modern").verdict == "standard"


@pytest.mark.parametrize("korean,chinese,suggestion", [("깐수성", "甘肃省", "간쑤성"), ("심천시", "深圳市", "선전시")])
def test_a_current_place_with_its_suffix_keeps_the_suffix_in_its_rendering(korean, chinese, suggestion):
    assert judge(korean, chinese, era="modern").suggestion == suggestion


def test_a_media_name_may_translate_its_net():
    assert judge("선양넷", "沈阳网", era="modern").verdict == "standard"  # 网 넷, as 망 (인민망)


def test_uo_written_with_eo_is_a_misspelling_and_spaces_stay_where_they_were():
    assert judge("비루어춘", "碧螺春").suggestion == "비뤄춘"  # 루어 for luo 뤄
    assert judge("둥팅 비루어춘", "洞庭碧螺春").suggestion == "둥팅 비뤄춘"  # not 둥팅비 뤄춘


def test_a_fix_that_leaves_a_character_out_is_never_applied():
    j = judge("조", "穀子", era="modern")  # 조 (millet) is no rendering of 穀子; 쯔 would corrupt it
    assert not j.confident


def test_the_lexicons_own_korean_name_for_the_whole_is_standard():
    assert judge("대만구", "大湾区", era="modern").verdict == "standard"  # Greater Bay Area, as Korean names it


def test_a_place_leading_a_longer_name_is_found_without_its_suffix_too():
    # 长春市政府 written 장춘정부: the city leads it though 长春市 itself reads 장춘시
    assert judge("장춘정부", "长春市政府", era="modern").suggestion == "창춘정부"
