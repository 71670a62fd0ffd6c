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


# ---------------------------------------------------------------------------------------------------------
# Dashboard charts. Each returns {"option": <ECharts option>, "links": [[url per data index] per series]}:
# web/charts.js draws the option and follows links[seriesIndex][dataIndex] when an element is clicked.

LIGHT_COLOURS = {"red": "#c62828", "yellow": "#b7791f", "green": "#2e7d32", "done": "#1d4f91",
                 "not_started": "#8a94a6", "no_data": "#cfd6df"}


def _pct(value: Decimal | None) -> float | None:
    return None if value is None else _number(value)


def investment_progress_chart(rows, time_progress: Decimal | None, links: list[str]) -> dict:
    """Horizontal bars of investment completion (%) per group against a line at time progress.

    ``rows`` are dashboard GroupRows (label, rate, formula...); ``links`` the status list of each row.
    """
    labels = [r.label for r in rows]
    series = {
        "name": _("Completion rate"), "type": "bar", "data": [_pct(r.rate) for r in rows],
        "label": {"show": True, "position": "right", "formatter": "{c}%"},
        "itemStyle": {"color": "#1d4f91"},
    }
    if time_progress is not None:
        series["markLine"] = {
            "symbol": "none", "data": [{"xAxis": _number(time_progress), "name": _("Time progress")}],
            "label": {"formatter": _("Time progress") + " {c}%"}, "lineStyle": {"color": "#b0262c", "type": "dashed"},
        }
    return {
        "option": {
            "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
            "grid": {"left": 8, "right": 48, "top": 24, "bottom": 8, "containLabel": True},
            "xAxis": {"type": "value", "name": "%", "max": max([100] + [_pct(r.rate) or 0 for r in rows])},
            "yAxis": {"type": "category", "data": labels, "inverse": True,
                      "axisLabel": {"width": 96, "overflow": "truncate"}},
            "series": [series],
        },
        "links": [links],
    }


def stage_funnel_chart(stages: list[tuple[str, str, int]], links: list[str]) -> dict:
    """The stage funnel of key projects, 谋划储备 → 投产/达产, as bars (every stage kept, even at 0)."""
    return {
        "option": {
            "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
            "grid": {"left": 8, "right": 32, "top": 16, "bottom": 8, "containLabel": True},
            "xAxis": {"type": "value", "minInterval": 1},
            "yAxis": {"type": "category", "data": [label for _s, label, _n in stages], "inverse": True},
            "series": [{"name": _("Projects"), "type": "bar", "data": [n for _s, _l, n in stages],
                        "label": {"show": True, "position": "right"}, "itemStyle": {"color": "#5470c6"}}],
        },
        "links": [links],
    }


def unit_lights_chart(rows, lights: list[tuple[str, str]], links: list[list[str]]) -> dict:
    """Stacked bars of lights per unit; ``lights`` are (light, label) in stacking order, ``links[light][unit]``."""
    return {
        "option": {
            "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
            "legend": {"top": 0},
            "grid": {"left": 8, "right": 16, "top": 32, "bottom": 8, "containLabel": True},
            "xAxis": {"type": "value", "minInterval": 1},
            "yAxis": {"type": "category", "data": [r.name for r in rows], "inverse": True,
                      "axisLabel": {"width": 110, "overflow": "truncate"}},
            "series": [
                {"name": label, "type": "bar", "stack": "lights", "itemStyle": {"color": LIGHT_COLOURS[light]},
                 "data": [r.counts[light] for r in rows]}
                for light, label in lights
            ],
        },
        "links": links,
    }


def indicator_trend_chart(name: str, years: list[int], actual: list[Decimal | None],
                          target: list[Decimal | None], measure: str) -> dict:
    """An indicator across years: the published figure and the year's target (growth % or level)."""
    return {
        "option": {
            "title": {"text": name, "textStyle": {"fontSize": 13}},
            "tooltip": {"trigger": "axis"},
            "legend": {"top": 0, "right": 0},
            "grid": {"left": 8, "right": 16, "top": 40, "bottom": 8, "containLabel": True},
            "xAxis": {"type": "category", "data": [str(y) for y in years]},
            "yAxis": {"type": "value", "name": measure, "scale": True},
            "series": [
                {"name": _("Actual"), "type": "line", "data": [_pct(v) for v in actual], "label": {"show": True}},
                {"name": _("Target"), "type": "line", "data": [_pct(v) for v in target],
                 "lineStyle": {"type": "dashed"}},
            ],
        },
        "links": [],
    }
