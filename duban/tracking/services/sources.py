"""Supervised work from beyond the work report: leaders' instructions, meeting decisions, deputies' suggestions
and CPPCC proposals, registered as tasks of the year's plan with their source document and units."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from duban.core.errors import ApplicationError
from duban.core.models import Frequency, Provenance
from duban.org.models import Organisation, UnitRole
from duban.plans import services as plan_services
from duban.plans.models import Plan, Task, WorkSource

from .. import permissions

#: Code prefixes per source: 批示 PS, 会议 HY, 人大建议 RD, 政协提案 ZX, other QT.
CODE_PREFIX = {WorkSource.INSTRUCTION: "PS", WorkSource.MEETING: "HY", WorkSource.DEPUTY: "RD",
               WorkSource.PROPOSAL: "ZX", WorkSource.OTHER: "QT"}
#: Suggestions and proposals are answered within three months unless the office sets another date.
REPLY_DAYS = 90


@transaction.atomic
def supervised_work_register(
    *, actor, district: Organisation, year: int, source_kind: str, title: str, lead_unit: Organisation,
    responsible_units: list[Organisation] = (), cooperating_units: list[Organisation] = (), description: str = "",
    source_ref: str = "", source_date: datetime.date | None = None, source_person: str = "",
    deadline: datetime.date | None = None, reply_deadline: datetime.date | None = None,
    frequency: str = Frequency.MONTHLY, provenance: str = Provenance.ENTERED, source_note: str = "",
) -> Task:
    """Register one piece of supervised work as a task of the district's plan for ``year``, assigned to units."""
    if not permissions.can_register_supervised_work(actor, district):
        raise ApplicationError(_("You may not register supervised work for this district"))
    if source_kind not in CODE_PREFIX:
        raise ApplicationError(_("Choose where the work comes from: an instruction, a meeting, a suggestion or a proposal"))
    plan = Plan.objects.filter(district=district, year=year).first()
    if plan is None:
        raise ApplicationError(_("%(district)s has no plan for %(year)s yet") % {"district": district.name, "year": year})
    units = [lead_unit, *responsible_units, *cooperating_units]
    if any(u.district is None or u.district.pk != district.pk for u in units):
        raise ApplicationError(_("Every unit must belong to %(district)s") % {"district": district.name})
    if source_date and deadline and deadline < source_date:
        raise ApplicationError(_("The deadline cannot be before the document's date"))
    if reply_deadline is None and source_kind in (WorkSource.DEPUTY, WorkSource.PROPOSAL):
        reply_deadline = (source_date or datetime.date(year, 1, 1)) + datetime.timedelta(days=REPLY_DAYS)
    task = plan_services.task_upsert(
        plan=plan, code=plan_services.next_task_code(plan, CODE_PREFIX[source_kind]), title=title.strip(),
        description=description.strip(), deadline=deadline or datetime.date(year, 12, 31), frequency=frequency,
        source={"source_kind": source_kind, "source_ref": source_ref.strip(), "source_date": source_date,
                "source_person": source_person.strip(), "reply_deadline": reply_deadline},
        source_note=source_note or _("Registered from %(source)s %(ref)s") % {
            "source": WorkSource(source_kind).label, "ref": source_ref.strip()},
        provenance=provenance, by=actor,
    )
    roles = [(lead_unit, UnitRole.LEAD)] + [(u, UnitRole.RESPONSIBLE) for u in responsible_units]
    roles += [(u, UnitRole.COOPERATING) for u in cooperating_units]
    plan_services.task_units_set(task=task, units=roles, by=actor)
    return task
