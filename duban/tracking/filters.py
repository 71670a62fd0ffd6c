"""Filters of the status list by query parameters, as one pure function the dashboard's drill-downs rely on.

Parameter names are kept plain so that a link can be read and sent: ``unit`` (organisation id, counting
units), ``category``, ``area``, ``level``, ``stage``, ``node`` (work-system node id), ``reason`` (text in the
reasons), ``planned`` (``1``: an annual
plan above zero, the projects investment figures sum over), ``dh`` (``met``/``missed``: 双过半) and ``leader`` (a leader's overseen units, resolved by the view).
"""

from collections.abc import Iterable, Mapping

from .items import category_matches
from .status import ItemStatus

TEXT_FILTERS = ("category", "area", "level")


def _ints(value: str) -> set[int]:
    return {int(v) for v in value.split(",") if v.strip().isdigit()}


def filter_statuses(statuses: Iterable[ItemStatus], params: Mapping[str, str], *,
                    leader_unit_ids: frozenset[int] | None = None) -> list[ItemStatus]:
    """The statuses matching every filter given in ``params`` (unknown or empty parameters are ignored)."""
    shown = list(statuses)
    for name in TEXT_FILTERS:
        wanted = params.get(name, "")
        if wanted:
            shown = [s for s in shown if (getattr(s.item, name) or "—") == wanted
                     or (name == "category" and s.item.category and category_matches(s.item, wanted))]
    if units := _ints(params.get("unit", "")):
        shown = [s for s in shown if s.item.counting_unit_ids & units]
    if leader_unit_ids is not None:
        shown = [s for s in shown if s.item.counting_unit_ids & leader_unit_ids]
    if stage := params.get("stage", ""):
        shown = [s for s in shown if s.item.attrs.get("stage") == stage]
    if nodes := _ints(params.get("node", "")):
        shown = [s for s in shown if s.item.node_id in nodes]
    if reason := params.get("reason", ""):
        shown = [s for s in shown if any(reason in r for r in s.reasons)]
    if params.get("planned") == "1":
        shown = [s for s in shown if (s.item.target or 0) > 0]
    if (dh := params.get("dh", "")) in ("met", "missed"):
        shown = [s for s in shown if s.double_half is (dh == "met")]
    return shown
