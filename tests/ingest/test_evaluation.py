from decimal import Decimal

import pytest

from duban.ingest import evaluation as ev

TEXT = "完成征收拆迁779户、15.2万平方米，55个项目，5个中心，增长3.4%。"


def gold(quote, value, unit, occurrence=1, **extra):
    record = {"doc": "d.txt", "quote": quote, "occurrence": occurrence, "value": value, "unit": unit,
              "metric": "征收拆迁", "aspect": "level", "kind": "actual", "period": "2020", "qualifier": ""}
    return ev.gold_span({**record, **extra}, TEXT)


def pred(quote, value, unit, occurrence=1, **extra):
    start = ev.locate(TEXT, quote, occurrence)
    record = {"doc": "d.txt", "start": start, "end": start + len(quote), "quote": quote, "value": value,
              "unit": unit, "metric": "征收拆迁", "aspect": "level", "kind": "actual", "period": "2020",
              "qualifier": ""}
    return ev.predicted_span({**record, **extra})


def test_occurrence_counts_overlapping_matches():
    assert ev.locate(TEXT, "5个", 1) == TEXT.index("55个") + 1
    assert ev.locate(TEXT, "5个", 2) == TEXT.index("，5个") + 1


def test_missing_quote_is_a_gold_error():
    with pytest.raises(ev.GoldError):
        ev.locate(TEXT, "99个", 1)


def test_detection_and_strict_scores_are_exact():
    golds = [gold("779户", 779, "户"), gold("15.2万平方米", 152000, "平方米"), gold("5个", 5, "个", 2),
             gold("3.4%", 3.4, "%", aspect="change")]
    preds = [pred("779户", 779, "户"),                                  # strict match
             pred("15.2万平方米", 152000, "平方米", kind="target"),       # detected, not strict
             pred("55个", 55, "个"),                                     # extra
             pred("3.4%", 3.4, "%", aspect="change", metric="工作")]      # detected, metric wrong
    scores = ev.score_document(golds, preds)
    assert (scores.gold, scores.predicted, scores.matched, scores.strict) == (4, 4, 3, 1)
    assert (scores.precision, scores.recall, scores.f1) == (0.75, 0.75, 0.75)
    assert scores.strict_f1 == 0.25
    assert scores.accuracy("kind") == pytest.approx(2 / 3)
    assert [m.quote for m in scores.misses] == ["5个"]
    assert [e.quote for e in scores.extras] == ["55个"]


def test_value_and_unit_must_agree_but_sign_is_ignored():
    g = gold("3.4%", 3.4, "%")
    assert ev.same_quantity(g, pred("3.4%", -3.4, "%"))
    assert not ev.same_quantity(g, pred("3.4%", 3.5, "%"))
    assert not ev.same_quantity(g, pred("3.4%", 3.4, "个百分点"))


def test_char_f1_of_metrics():
    assert ev.char_f1("加装电梯", "既有住宅加装电梯") == pytest.approx(2 / 3)
    assert ev.char_f1("税收", "") == 0.0


def test_no_predictions_scores_zero():
    scores = ev.score_document([gold("779户", 779, "户")], [])
    assert (scores.precision, scores.recall, scores.f1, scores.strict_f1) == (0.0, 0.0, 0.0, 0.0)


def test_year_mapping_and_lookup():
    mapping = ev.parse_year_mapping(["000=2021", "001: 2020  # seed", "", "* 2019"])
    assert mapping == {"000": 2021, "001": 2020, "*": 2019}
    assert ev.year_for("000_9d41687fff549614.txt", mapping, False) == 2021
    assert ev.year_for("national_china_2024.txt", {}, True) == 2024
    assert ev.year_for("other.txt", mapping, False) == 2019
    assert ev.year_for("other.txt", {}, False) is None


def test_bad_year_line_is_refused():
    with pytest.raises(ValueError):
        ev.parse_year_mapping(["000=twenty"])


def test_load_gold_groups_records_by_document(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"doc": "a.txt", "quote": "5个"}\n\n{"doc": "b.txt", "quote": "3%"}\n',
                                      encoding="utf-8")
    assert {doc: len(r) for doc, r in ev.load_gold([tmp_path]).items()} == {"a.txt": 1, "b.txt": 1}


def test_gold_values_are_decimals():
    assert gold("779户", 779, "户").value == Decimal(779)


def test_metric_char_f1_is_the_mean_over_detection_matches():
    golds = [gold("779户", 779, "户", metric="征收拆迁"), gold("3.4%", 3.4, "%", metric="加装电梯")]
    preds = [pred("779户", 779, "户", metric="征收拆迁"), pred("3.4%", 3.4, "%", metric="既有住宅加装电梯"),
             pred("55个", 55, "个", metric="征收拆迁")]
    scores = ev.score_document(golds, preds)
    assert scores.metric_f1 == pytest.approx((1.0 + 2 / 3) / 2)
    assert ev.score_document(golds, []).metric_f1 == 0.0
