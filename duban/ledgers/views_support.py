"""Small helpers of the Excel page's views: which district, year and date a request is about."""

from datetime import date

from duban.tracking import selectors

from .layouts import LAYOUTS


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def frame(request, source=None):
    """District, plan year and date from the query (or ``source``), else the user's defaults."""
    source = request.GET if source is None else source
    district = selectors.pick_district(request.user, _int(source.get("district")))
    year, _refused = selectors.shown_year(request.user, district, _int(source.get("year")))
    try:
        on_date = date.fromisoformat(source.get("date") or "")
    except ValueError:
        on_date = selectors.default_date(year)
    return district, year, on_date


def kind_choices() -> list[tuple[str, str]]:
    return [(kind, layout.title) for kind, layout in LAYOUTS.items()]
