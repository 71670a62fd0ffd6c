import io
import json

import pytest
from django.core.management import CommandError, call_command

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
    assert "plan.txt: report year 2021 (inferred" in err


def test_extract_table_has_a_header(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    out, _ = run("extract", str(path), "--year", "2021", "--format", "table")
    assert out.splitlines()[0].startswith("doc\tstart\tquote")
    assert len(out.splitlines()) == 3


def test_one_bad_file_stops_the_run_before_any_output(tmp_path):
    good, empty = tmp_path / "good.txt", tmp_path / "empty.txt"
    good.write_text(PLAN, encoding="utf-8")
    empty.write_bytes(b"")
    out = io.StringIO()
    with pytest.raises(CommandError, match="empty.txt: the file is empty"):
        call_command("extract", str(good), str(empty), stdout=out, stderr=io.StringIO())
    assert out.getvalue() == ""


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
    assert "accuracy on matched items: kind 1.000, aspect 1.000, period 1.000, qualifier 1.000" in out


def test_eval_extract_refuses_a_gold_quote_not_in_the_text(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text(PLAN, encoding="utf-8")
    (tmp_path / "gold.jsonl").write_text('{"doc": "a.txt", "quote": "99个", "value": 99, "unit": "个"}\n',
                                         encoding="utf-8")
    with pytest.raises(CommandError, match="a.txt: quote '99个' occurrence 1 not found"):
        run("eval-extract", "--gold", str(tmp_path / "gold.jsonl"), "--texts", str(tmp_path / "texts"))
