"""Property tests: the judge, the reader and the extractor never raise on arbitrary Unicode."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.errors import BadInput
from glossary.extract.pairs import extract_pairs
from glossary.translit.hanzi import to_hangul, translit
from glossary.translit.judge import judge
from glossary.sources.document import document_from_text

# Text that looks like the newsletter: Hangul, hanzi, brackets, markup, plus anything else.
PIECES = st.sampled_from(list("창저우장원타오常州张文涛粤港澳()（）[]【】<>《》*#-_`!·•,，:：\n \t") + ["<b>", "</b>", "<!--", "-->", "**", "```"])
NEWSLETTERISH = st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=60).map("".join)
EXAMPLES = 300


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(korean=st.text(max_size=40), chinese=st.text(max_size=40))
def test_judge_never_raises(korean, chinese):
    result = judge(korean, chinese)
    assert result.verdict in {"standard", "sino", "mixed", "nonstandard", "latin", "unrelated"}


@settings(max_examples=EXAMPLES, deadline=None)
@given(text=st.text(max_size=30))
def test_translit_raises_only_bad_input(text):
    try:
        result = translit(text)
    except BadInput:
        return
    assert isinstance(result["hangul"], str)
    to_hangul(text)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(NEWSLETTERISH, st.text(max_size=200)), kind=st.sampled_from(["md", "html", "txt"]))
def test_reading_and_extracting_never_raise(text, kind):
    doc = document_from_text(text, kind=kind)
    assert len(doc.text) == len(doc.raw)
    for pair in extract_pairs(doc):
        assert pair.term and pair.zh
        assert pair.line >= 1 and pair.line <= text.count("\n") + 1
