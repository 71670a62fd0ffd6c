import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

PLAN = "2021年工作安排\n今年市中区将统筹实施60个区级重点项目，启动25条市政道路建设。\n"


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_extract_prints_one_json_line_per_item(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    out, _ = run("extract", str(path), "--year", "2021")
    records = [json.loads(line) for line in out.splitlines()]
    assert [(r["doc"], r["quote"], r["value"], r["unit"], r["kind"]) for r in records] == [
        ("plan.txt", "60个", 60, "个", "target"), ("plan.txt", "25条", 25, "条", "target")]


def test_extract_says_when_the_year_was_inferred(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    _, err = run("extract", str(path), "--format", "table")
    assert err == "plan.txt：报告年份为 2021（由文本推断；可用 --year 指定）\n"
    with translation.override("en"):
        _, err = run("extract", str(path), "--format", "table")
    assert err == "plan.txt: report year 2021 (inferred from the text; give --year to set it)\n"


def test_extract_table_has_a_header(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    out, _ = run("extract", str(path), "--year", "2021", "--format", "table")
    assert out.splitlines()[0].startswith("doc\tstart\tquote")
    assert len(out.splitlines()) == 3


def run_failing(*args) -> tuple[str, str, str]:
    """stdout, stderr and the closing CommandError of a run that must fail."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue(), str(caught.value)


def test_bad_files_are_each_named_and_the_good_files_items_still_written(tmp_path):
    good, empty, scan = tmp_path / "good.txt", tmp_path / "empty.txt", tmp_path / "missing.docx"
    good.write_text(PLAN, encoding="utf-8")
    empty.write_bytes(b"")
    out, err, summary = run_failing("extract", str(empty), str(good), str(scan), "--year", "2021")
    assert [json.loads(line)["quote"] for line in out.splitlines()] == ["60个", "25条"]
    assert err == "empty.txt：文件为空\nmissing.docx：文件不存在\n"
    assert summary == "共读取 3 个文件，其中 2 个失败"


def test_failure_summary_in_english(tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(PLAN, encoding="utf-8")
    bad.write_bytes(bytes(range(256)) * 40)
    with translation.override("en"):
        out, err, summary = run_failing("extract", str(good), str(bad), "--year", "2021", "--format", "table")
    assert len(out.splitlines()) == 3                                   # header and good.txt's two items
    assert err == "bad.txt: looks like a binary file, not text, .docx or PDF\n"
    assert summary == "2 files read, 1 failed"
    with translation.override("en"):
        assert run_failing("extract", str(bad))[2] == "1 file read, 1 failed"


def test_a_file_whose_extraction_breaks_gives_no_items_and_the_others_run(tmp_path, monkeypatch):
    from duban.ingest.management.commands import extract as command

    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(PLAN, encoding="utf-8")
    second.write_text(PLAN.replace("60个", "61个"), encoding="utf-8")
    real = command.extract_text

    def breaks_on_first(text, *, doc, year):
        if doc == "first.txt":
            raise ValueError("boom")
        return real(text, doc=doc, year=year)

    monkeypatch.setattr(command, "extract_text", breaks_on_first)
    out, err, summary = run_failing("extract", str(first), str(second), "--year", "2021")
    assert [(r["doc"], r["quote"]) for r in map(json.loads, out.splitlines())] == [
        ("second.txt", "61个"), ("second.txt", "25条")]
    assert err == "first.txt：提取失败（ValueError: boom）\n"
    assert summary == "共读取 2 个文件，其中 1 个失败"


def test_a_50_mb_file_is_named_with_its_size_and_the_limit(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    with translation.override("en"):
        out, err, _ = run_failing("extract", str(huge))
    assert out == ""
    assert err == ("huge.txt: the file is 50.0 MB, more than the 20 MB a report can be; split it or check that "
                   "it is the right file\n")


def test_eval_extract_scores_against_gold(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "000_x.txt").write_text(PLAN, encoding="utf-8")
    gold = {"doc": "000_x.txt", "quote": "60个", "occurrence": 1, "value": 60, "unit": "个", "qualifier": "",
            "metric": "区级重点项目", "aspect": "level", "kind": "target", "period": "2021"}
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    out, _ = run("eval-extract", "--gold", str(tmp_path / "gold.jsonl"), "--texts", str(tmp_path / "texts"),
                 "--year", "000=2021", "--show-errors")
    assert "000_x.txt: gold 1 predicted 2 matched 1  P 0.500 R 1.000 F1 0.667  strict F1 0.667" in out
    assert "  extra  '25条' 25 条 [市政道路]" in out
    assert "accuracy on matched items: kind 1.000, aspect 1.000, period 1.000, qualifier 1.000, metric char-F1 1.000" in out


def test_eval_extract_names_the_gold_file_and_line_of_a_missing_text_and_scores_the_rest(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text(PLAN, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc": "a.txt", "quote": "60个", "value": 60, "unit": "个", "period": "2021"}\n\n'
                    '{"doc": "gone.txt", "quote": "9个", "value": 9, "unit": "个"}\n', encoding="utf-8")
    out, err, summary = run_failing("eval-extract", "--gold", str(gold), "--texts", str(texts), "--year", "2021")
    assert out.splitlines()[0] == ("a.txt: gold 1 predicted 2 matched 1  P 0.500 R 1.000 F1 0.667  strict F1 0.000"
                                   "  kind 0.000 aspect 0.000 period 1.000 metric char-F1 0.000")
    assert out.splitlines()[1].startswith("ALL: gold 1 predicted 2 matched 1")
    assert err == f"{texts / 'gone.txt'}：文件不存在（金标文件 {gold} 第 3 行的条目）\n"
    assert summary == "共读取 2 个文件，其中 1 个失败"
    with translation.override("en"):
        _, err, summary = run_failing("eval-extract", "--gold", str(gold), "--texts", str(texts))
    assert err == f"{texts / 'gone.txt'}: no such file (gold items of {gold} line 3)\n"
    assert summary == "2 files read, 1 failed"


def test_eval_extract_names_the_gold_line_of_a_quote_not_in_the_text(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text(PLAN, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc": "a.txt", "quote": "60个", "value": 60, "unit": "个"}\n'
                    '{"doc": "a.txt", "quote": "99个", "value": 99, "unit": "个"}\n', encoding="utf-8")
    out, err, summary = run_failing("eval-extract", "--gold", str(gold), "--texts", str(tmp_path / "texts"))
    assert err == f"{gold}:2: a.txt: quote '99个' occurrence 1 not found\n"
    assert out.splitlines()[0] == "ALL: gold 0 predicted 0 matched 0  P 0.000 R 0.000 F1 0.000  strict F1 0.000"
    assert summary == "共读取 1 个文件，其中 1 个失败"
