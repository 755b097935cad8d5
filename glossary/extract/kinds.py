"""Guessing the kind of a glossed name: person, place, org, company, media, concept or other.

The cues are generic: titles next to a name, Korean and Chinese suffixes, Latin
brand names and Sino-Korean readings. Nothing here is keyed to one newsletter.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text.korean import initial_sound_law
from ..text.normalize import has_hangul, is_han
from ..translit.hanzi import sino_korean


# Titles written after a name ('명난(孟楠) 회장') or before it ('부회장 송지엔(熊剑)').
TITLES = frozenset(
    """
    회장 부회장 명예회장 이사장 부이사장 이사 사장 부사장 총재 부총재 행장 부행장 대표 대표이사 의장 부의장
    원장 부원장 소장 부소장 국장 부국장 처장 부처장 과장 부장 부부장 팀장 센터장 부센터장 실장 주임 부주임
    총장 부총장 학장 교수 부교수 원사 연구원 수석연구원 총경리 부총경리 경리 총감 총재 동사장 부동사장
    주석 부주석 총리 부총리 서기 당서기 부서기 성장 부성장 시장 부시장 현장 구청장 구장 위원 위원장 부위원장
    장관 부장관 대사 총영사 영사 참사관 창업자 창업주 공동창업자 설립자 최고경영자 CEO CTO CFO COO 파트너
    이코노미스트 수석이코노미스트 애널리스트 연구위원 감독 작가 기자 편집장 주필 선수 배우 가수 씨 여사 녀사
    """.split()
)
# Words that hold a title as their last part when written without a space ('수석 이코노미스트').
_TITLE_TAIL = re.compile(r"(?:회장|원장|국장|부장|센터장|총장|원사|총경리|사장|이사장|주석|총리|서기|이코노미스트|교수)$")

# Longest suffix wins, so '회사' (company) beats '사' (media).
_KO_SUFFIX = {
    "place": "시 구 성 현 진 도 주 촌 섬 자치구 자치주 신구 개발구 고신구 특구 시티 타운 항 강 산 호 만 대교 나라".split(),
    "org": (
        "대학 대학교 학원 연구소 연구원 연구센터 실험실 단지 산업단지 부 국 위원회 센터 협회 학회 연맹 재단 "
        "기금회 병원 박물관 거래소 인민은행 정부 법원 검찰원 공산당 중앙"
    ).split(),
    "company": (
        "그룹 테크놀로지 테크 회사 유한회사 주식회사 은행 증권 에너지 전자 자동차 펀드 캐피탈 캐피털 "
        "자본 투자 홀딩스 모터스 제약 바이오 과기 과학기술 물산 전기 항공 광에너지 신에너지 "
        "소프트 네트웍스 시스템즈 디스플레이 반도체 보험 생명 화학 중공업"
    ).split(),
    "media": "일보 신문 만보 석간 뉴스 통신 통신사 사 망 TV 방송 방송국 매거진 잡지 저널 위챗 파부 발포".split(),
}
_ZH_SUFFIX = {
    "place": (
        "市 区 區 省 县 縣 州 镇 鎮 乡 鄉 村 岛 島 城 自治区 新区 开发区 高新区 湾区 港 "
        "江 河 山 湖 峡 峽 湾 灣 桥 橋 大桥 大橋 路 街 郡 府 岭 嶺 寺 祠 庙 廟 塔 宫 宮 洞 溪 谷 瀑布 峰 潭"
    ).split(),
    # languages and peoples ('레이저우어(雷州語)', '리족(黎族)')
    "other": "语 語 话 話 族 方言 土话 土話".split(),
    "org": (
        "大学 大學 学院 學院 研究院 研究所 研究中心 实验室 實驗室 部 委员会 委員會 委 局 厅 署 办 "
        "中心 协会 協會 学会 联盟 基金会 医院 博物馆 交易所 政府 法院 园 園 科学院 工程院"
    ).split(),
    "company": (
        "公司 有限公司 集团 集團 科技 银行 銀行 证券 證券 能源 汽车 汽車 电子 電子 股份 控股 基金 资本 "
        "投资 光能 乘用车 新能源 煤气 电气 通信 航空 制药 保险 咨询"
    ).split(),
    "media": "日报 日報 晚报 晚報 报道 报 報 社 网 網 发布 發布 新闻 新聞 电视台 電視台 广播 杂志 周刊 时报".split(),
}

# The most common Chinese surnames: a 2–3 character name starting with one is likely a person
# when a title or a second mention confirms it (used only as a tie-breaker).
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤鞠"
)


def _longest_suffix(word: str, table: dict[str, list[str]], min_rest: int = 1) -> tuple[str | None, int]:
    """The kind whose suffix is the longest ending of word (leaving at least min_rest chars)."""
    best: tuple[str | None, int] = (None, 0)
    for kind, suffixes in table.items():
        for suffix in suffixes:
            if len(suffix) > best[1] and word.endswith(suffix) and len(word) - len(suffix) >= min_rest:
                best = (kind, len(suffix))
    return best


@lru_cache(maxsize=65536)
def _zh_suffix(han: str) -> tuple[str | None, int]:
    return _longest_suffix(han, _ZH_SUFFIX)


@lru_cache(maxsize=65536)
def _ko_suffix(word: str) -> tuple[str | None, int]:
    return _longest_suffix(word, _KO_SUFFIX)


@lru_cache(maxsize=65536)
def sino_reading(zh: str) -> str:
    """The Sino-Korean (hanja) reading of Chinese text, e.g. 專精特新 → 전정특신 (non-Han kept)."""
    return sino_korean(zh)


def is_sino_rendering(term: str, zh: str) -> bool:
    """True when the Korean term is the plain Sino-Korean reading of the Chinese (사변/事變)."""
    han = "".join(ch for ch in zh if is_han(ch))
    if not han or len(term) != len(han) or not all("가" <= c <= "힣" for c in term):
        return False
    reading = sino_reading(han)
    if reading == term:
        return True
    # The initial-sound law: 龍 reads 룡 on its own but 용 word-initially (룡청/용성 both fine).
    return all(a == b or initial_sound_law(a) == initial_sound_law(b) for a, b in zip(reading, term))


def title_in(words: list[str]) -> bool:
    """True when one of the words (particles already stripped) is a title."""
    return any(w in TITLES or bool(_TITLE_TAIL.search(w)) and len(w) <= 8 for w in words)


@lru_cache(maxsize=65536)
def classify(
    term: str,
    zh: str,
    *,
    person_form: bool = False,
    title_near: bool = False,
    latin: bool = False,
) -> str:
    """Guess the kind of a glossed pair.

    Args:
        term: The Korean or Latin side.
        zh: The Chinese side.
        person_form: The pair came from the ``이름[汉字, …직함]`` bracket form.
        title_near: A title word stands right before the term or right after the gloss.
        latin: The term is a Latin name (brand, English name).

    Returns:
        One of :data:`glossary.store.KINDS`.
    """
    if person_form:
        return "person"
    latin = latin or (not has_hangul(term) and any(ch.isascii() and ch.isalpha() for ch in term))
    # No OpenCC here: the suffix tables hold both scripts, and each conversion is costly cold.
    han = "".join(ch for ch in zh if is_han(ch))
    zh_kind, zh_len = _zh_suffix(han)
    ko_word = term.replace(" ", "")
    ko_kind, ko_len = _ko_suffix(ko_word) if has_hangul(term) else (None, 0)
    # a surname alone before a title is a person too (오(吴) 여사)
    if title_near and not latin and 1 <= len(han) <= 4 and zh_kind is None and ko_kind not in ("org", "company", "media"):
        return "person"
    if zh_kind and ko_kind and zh_kind != ko_kind:
        # The longer, more specific suffix decides ('연구원'/'研究院' beats '원'/'院'); ties go to Chinese.
        return ko_kind if ko_len > zh_len else zh_kind
    if zh_kind or ko_kind:
        return zh_kind or ko_kind  # type: ignore[return-value]
    if latin:
        return "company"
    if has_hangul(term) and is_sino_rendering(term, han):
        return "concept"
    if len(han) == 4 and not has_hangul(term):
        return "concept"
    return "other"


@lru_cache(maxsize=65536)
def likely_person_name(zh: str) -> bool:
    """A 2–3 character Chinese string starting with a common surname and no suffix cue."""
    han = zh
    return 2 <= len(han) <= 3 and all(is_han(c) for c in han) and han[0] in _SURNAMES and not _zh_suffix(han)[0]
