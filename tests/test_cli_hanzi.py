"""`kozh translit` and `kozh judge` on the command line, one input and many."""

import json

from click.testing import CliRunner

from glossary.cli import cli


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_translit_text_and_json():
    result = run("translit", "周茂华", "Bei3 jing1")
    assert result.exit_code == 0
    assert result.output.splitlines() == ["周茂华\tzhōu mào huá\t저우마오화\t한자음 주무화", "Bei3 jing1\tbei jing\t베이징"]
    item = json.loads(run("translit", "--json", "长隆").output)
    assert item["hangul"] == "창룽" and "장룽" in item["alternatives"] and item["sino_korean"] == "장륭"
    assert set(item) >= {"input", "pinyin", "hangul", "alternatives", "sino_korean"}


def test_translit_reads_many_lines_from_stdin():
    result = run("translit", "--json", "-", input="常州\n\n合肥市\n熊剑\n")
    assert [json.loads(line)["hangul"] for line in result.output.splitlines()] == ["창저우", "허페이시", "슝젠"]


def test_judge_text_and_stdin_json():
    assert run("judge", "조우마오화", "周茂华").output.startswith("조우마오화\t周茂华\tnonstandard → 저우마오화\t")
    pairs = "류썩천\t刘星辰\n통저우구\t通州区\nCALB\t中创新航\n창저우\t常州\n"
    rows = [json.loads(line) for line in run("judge", "--json", "-", input=pairs).output.splitlines()]
    assert [(r["verdict"], r["suggestion"]) for r in rows] == [
        ("nonstandard", "류싱천"), ("nonstandard", "퉁저우구"), ("latin", None), ("standard", None),
    ]
    assert all({"korean", "chinese", "verdict", "suggestion", "parts"} <= set(r) for r in rows)


def test_judge_and_translit_bad_input_is_one_line():
    for args, stdin in [(("judge", "조우마오화"), None), (("judge", "-"), "no tab here\n"), (("translit", ""), None)]:
        result = run(*args, input=stdin)
        assert result.exit_code == 2
        assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("kozh: error:")
