"""ECharts options built by pure functions; templates pass them to the page with ``json_script``."""

from decimal import Decimal

from django.utils.translation import gettext as _

from duban.core.numbers import WAN


def _number(value: Decimal, places: int = 2) -> float:
    # ECharts wants JSON numbers; rounding here keeps the float noise out of tooltips.
    return round(float(value), places)


def projects_by_category_option(rows: list[tuple[str, int, Decimal]]) -> dict:
    """A bar chart of key projects per category: count (left axis) and total investment in 亿元 (right).

    ``rows`` are (category name, number of projects, total investment in 万元).
    """
    names = [name or _("Uncategorised") for name, _n, _total in rows]
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"data": [_("Projects"), _("Total investment (100 million yuan)")]},
        "grid": {"left": 40, "right": 50, "bottom": 30, "top": 40, "containLabel": True},
        "xAxis": {"type": "category", "data": names},
        "yAxis": [
            {"type": "value", "name": _("projects"), "minInterval": 1},
            {"type": "value", "name": "亿元"},
        ],
        "series": [
            {"name": _("Projects"), "type": "bar", "data": [n for _name, n, _total in rows]},
            {
                "name": _("Total investment (100 million yuan)"), "type": "bar", "yAxisIndex": 1,
                "data": [_number(total / WAN) for _name, _n, total in rows],
            },
        ],
    }


def gdp_series_option(unit: str, points: list[tuple[int, Decimal]]) -> dict:
    """A line chart of yearly GDP levels; ``points`` are (year, level in ``unit``)."""
    return {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 40, "right": 20, "bottom": 30, "top": 40, "containLabel": True},
        "xAxis": {"type": "category", "data": [str(year) for year, _level in points]},
        "yAxis": {"type": "value", "name": unit, "scale": True},
        "series": [
            {
                "name": _("Gross regional product"), "type": "line", "smooth": False,
                "label": {"show": True},
                "data": [_number(level) for _year, level in points],
            }
        ],
    }
