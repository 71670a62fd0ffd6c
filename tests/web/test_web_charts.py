from decimal import Decimal

from django.utils import translation

from duban.web import charts


def test_projects_by_category_option_counts_and_converts_to_yi_yuan():
    with translation.override("zh-hans"):
        option = charts.projects_by_category_option(
            [("产业项目", 2, Decimal(300000)), ("", 1, Decimal(5000))]
        )

    assert option["xAxis"] == {"type": "category", "data": ["产业项目", "未分类"]}
    assert option["series"][0] == {"name": "项目数", "type": "bar", "data": [2, 1]}
    assert option["series"][1]["data"] == [30.0, 0.5]
    assert option["series"][1]["yAxisIndex"] == 1
    assert option["legend"]["data"] == ["项目数", "总投资（亿元）"]


def test_gdp_series_option_lists_years_and_levels():
    with translation.override("en"):
        option = charts.gdp_series_option("亿元", [(2021, Decimal("1161.7")), (2022, Decimal("1200.456"))])

    assert option["xAxis"]["data"] == ["2021", "2022"]
    assert option["yAxis"] == {"type": "value", "name": "亿元", "scale": True}
    assert option["series"][0]["name"] == "Gross regional product"
    assert option["series"][0]["data"] == [1161.7, 1200.46]
