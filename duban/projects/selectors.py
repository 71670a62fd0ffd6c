"""The pipeline's figures: counts, amounts and conversion rates of leads by stage, by reporting unit and by month.

``lead_facts`` reads the leads once; the other functions are pure (plain rows in, plain rows out) so that their
arithmetic is tested with exact values. A lead's furthest stage is read from what it holds, so a dropped lead
still counts in the stages it passed: assessed (an assessment), reviewed (a decision), signed (a signing date),
registered (a project), started (its project's actual start).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from duban.org.models import Organisation

from .models import Lead, LeadState

#: The funnel's stages in order; a lead that reached one stage reached every stage before it.
FUNNEL = (
    ("reported", _("Lead reported")),
    ("assessed", _("Assessed")),
    ("reviewed", _("Lead reviewed")),
    ("signed", _("Contract signed")),
    ("registered", _("Registered as a reserve project")),
    ("started", _("Construction started")),
)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class LeadFact:
    """What the figures need of one lead."""

    unit: str
    reported_on: datetime.date
    amount: Decimal
    reached: int                            # index in FUNNEL of the furthest stage reached
    dropped: bool = False
    signed_on: datetime.date | None = None
    contract_amount: Decimal | None = None


@dataclass(frozen=True)
class StageRow:
    stage: str
    label: str
    leads: int               # leads that reached this stage (dropped ones included)
    amount: Decimal          # their intended investment (万元)
    from_previous: Decimal | None   # % of the previous stage's leads that reached this one
    from_reported: Decimal | None   # % of all leads that reached this one


@dataclass(frozen=True)
class GroupRow:
    key: str                 # the reporting unit's name, or the month "2024-03"
    leads: int               # leads reported (by the unit, or in the month)
    amount: Decimal          # their intended investment (万元)
    signed: int              # of these leads, signed (or further)
    contract_amount: Decimal  # their contract amount (万元)
    rate: Decimal | None     # signed ÷ leads, %


def rate(part: int, whole: int) -> Decimal | None:
    """part ÷ whole in %, two decimals; None when there is nothing to divide by."""
    return (Decimal(part) * HUNDRED / whole).quantize(Decimal("0.01")) if whole else None


def _reached(lead: Lead) -> int:
    if lead.project_id and lead.project.actual_start:
        return 5
    if lead.project_id:
        return 4
    if lead.signed_on:
        return 3
    if lead.decision:
        return 2
    if lead.assessment:
        return 1
    return 0


def lead_facts(district: Organisation, year: int | None = None) -> list[LeadFact]:
    """The district's leads (reported in ``year`` when given) reduced to their facts, in one query."""
    leads = Lead.objects.filter(district=district).select_related("reporting_unit", "project")
    if year is not None:
        leads = leads.filter(reported_on__year=year)
    return [LeadFact(lead.reporting_unit.name, lead.reported_on, lead.amount, _reached(lead),
                     lead.state == LeadState.DROPPED, lead.signed_on, lead.contract_amount)
            for lead in leads.order_by("reported_on", "id")]


def by_stage(facts: list[LeadFact]) -> list[StageRow]:
    """The funnel: leads and intended investment that reached each stage, and the conversion rates."""
    rows, previous = [], len(facts)
    for index, (stage, label) in enumerate(FUNNEL):
        reached = [f for f in facts if f.reached >= index]
        rows.append(StageRow(stage, str(label), len(reached), sum((f.amount for f in reached), Decimal(0)),
                             rate(len(reached), previous) if index else None, rate(len(reached), len(facts))))
        previous = len(reached)
    return rows


def _group(facts: list[LeadFact], key) -> list[GroupRow]:
    groups: dict[str, list[LeadFact]] = defaultdict(list)
    for fact in facts:
        groups[key(fact)].append(fact)
    out = []
    for name, members in groups.items():
        signed = [f for f in members if f.reached >= 3]
        out.append(GroupRow(name, len(members), sum((f.amount for f in members), Decimal(0)), len(signed),
                            sum((f.contract_amount or Decimal(0) for f in signed), Decimal(0)),
                            rate(len(signed), len(members))))
    return out


def by_unit(facts: list[LeadFact]) -> list[GroupRow]:
    """Per reporting unit: leads, intended investment, signed and their contract amount, the signing rate;
    the units with most leads first."""
    return sorted(_group(facts, lambda f: f.unit), key=lambda r: (-r.leads, -r.amount, r.key))


def by_month(facts: list[LeadFact]) -> list[GroupRow]:
    """Per month the leads were reported (``2024-03``): the same figures, in calendar order."""
    return sorted(_group(facts, lambda f: f"{f.reported_on:%Y-%m}"), key=lambda r: r.key)


__all__ = ["LeadFact", "StageRow", "GroupRow", "FUNNEL", "lead_facts", "by_stage", "by_unit", "by_month", "rate"]
