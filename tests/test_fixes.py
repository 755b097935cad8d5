"""Applying fixes and writing files back safely."""

import os
import stat

import pytest

from glossary.errors import BadInput, FileChanged
from glossary.lint.finding import Edit, Finding, Fix, Severity
from glossary.lint.fixes import apply_fixes, unified_diff, write_atomically
from glossary.lint.engine import fix_in_place, lint_paths
from glossary.sources.document import read_document
from sample_glossary import sample_index


def finding(start, end, text, safe=True, rule="kozh/variant"):
    return Finding("d.md", 1, start + 1, 1, end + 1, rule, Severity.WARNING, "m", "x",
                   fix=Fix((Edit(start, end, text),), safe=safe), start=start, end=end)


def test_apply_fixes_sorts_skips_overlaps_and_unsafe():
    text = "0123456789"
    fixes = [finding(6, 8, "B"), finding(0, 2, "A"), finding(1, 3, "X"), finding(8, 9, "U", safe=False)]
    assert apply_fixes(text, fixes) == ("A2345B89", 2)
    assert apply_fixes(text, []) == (text, 0)


@pytest.fixture()
def index():
    return sample_index()


DRAFT = (
    "# 제목\r\n\r\n조우마오화(周茂華)는 말했다.\r\n산업정보화부와 Dahooo 가 협력한다.\r\n"
    "`산업정보화부` 코드는 그대로.\r\n끝 줄 그대로\r\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "cp949", "utf-8-sig"])
def test_fix_then_lint_has_nothing_fixable_and_only_spans_change(tmp_path, index, encoding):
    path = tmp_path / "draft.md"
    path.write_bytes(DRAFT.encode(encoding))
    os.chmod(path, 0o640)
    result = lint_paths([path], index=index)
    assert sum(f.fixable for f in result.findings) == 3
    assert fix_in_place(result) == 3
    data = path.read_bytes()
    expected = (
        DRAFT.replace("조우마오화(", "저우마오화(").replace("산업정보화부와", "공업정보화부와").replace("Dahooo", "Dahoo")
    )
    assert data == expected.encode(encoding)  # CRLF, encoding and untouched text as they were
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    again = lint_paths([path], index=index)
    assert not [f for f in again.findings if f.fixable]


def test_write_refuses_a_file_changed_on_disk(tmp_path, index):
    path = tmp_path / "draft.md"
    path.write_text("산업정보화부\n", encoding="utf-8")
    result = lint_paths([path], index=index)
    path.write_text("산업정보화부 편집됨\n", encoding="utf-8")
    with pytest.raises(FileChanged):
        fix_in_place(result)
    assert path.read_text(encoding="utf-8") == "산업정보화부 편집됨\n"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.md"]  # no temporary file left


def test_write_atomically_rejects_stdin(tmp_path):
    with pytest.raises(BadInput):
        write_atomically("-", "x", "utf-8", "y")


def test_unified_diff():
    diff = unified_diff("d.md", "a\nb\n", "a\nc\n")
    assert diff.startswith("--- a/d.md\n+++ b/d.md\n") and "-b\n+c\n" in diff


def test_read_back_equals_written(tmp_path, index):
    path = tmp_path / "x.md"
    path.write_text("Dahooo 는\n", encoding="utf-8")
    fix_in_place(lint_paths([path], index=index))
    assert read_document(path).raw == "Dahoo 는\n"


def test_a_rendering_given_as_a_gloss_is_shown_never_fixed():
    # 서하객 is a man of the Ming: the writer's transliteration in brackets may be on purpose
    from glossary.lint.engine import lint_document
    from glossary.lint.index import GlossaryIndex
    from glossary.sources.document import document_from_text
    from glossary.store import Glossary

    index = GlossaryIndex.for_glossary(Glossary.open(":memory:"), use_cache=False)
    doc = document_from_text("명나라의 여행가 서하객(徐霞客 쉬시아커)이 남긴 기록", path="d.md")
    (finding,) = [f for f in lint_document(doc, index) if f.found == "쉬시아커"]
    assert finding.suggestions == ("쉬샤커",) and (finding.fix is None or not finding.fix.safe)
