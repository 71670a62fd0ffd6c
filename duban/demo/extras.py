"""The demo's supervision orders and published half-year ranking, through the services.

Each step checks first whether its records exist, so that ``duban load_demo`` run again writes nothing.
Dates are those of the 双过半 check (30 June): orders issued in June on items red at that date, one still
issued, one signed, one past its deadline and one closed; the half-year ranking published on 30 June.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from duban.core.models import Provenance
from duban.org.models import Membership, Organisation, Role
from duban.tracking import services as tracking_services
from duban.tracking.models import (
    Evaluation,
    EvaluationPeriod,
    EvaluationSubject,
    Light,
    Problem,
    Rubric,
    SupervisionOrder,
)
from duban.tracking.status import district_status

ORDER_COUNT = 4


def _at(year: int, month: int, day: int, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def _unit_actor(unit_id: int, fallback):
    """Someone who acts for the unit (its reporter or leader), else the fallback superuser."""
    membership = (Membership.objects.filter(organisation_id=unit_id, role__in=(Role.UNIT_REPORTER, Role.UNIT_LEADER))
                  .select_related("user").order_by("role").first())
    return membership.user if membership else fallback


@transaction.atomic
def load_orders(district: Organisation, year: int) -> int:
    """Four supervision orders on items red at 30 June, in different states; none if the demo has them."""
    if SupervisionOrder.objects.filter(district=district, provenance=Provenance.GENERATED).exists():
        return 0
    users = get_user_model().objects
    office, admin = users.get(username="office"), users.filter(is_superuser=True).first()
    red = [s for s in district_status(district, datetime.date(year, 6, 30), year=year)
           if s.light == Light.RED and s.item.lead_unit_id]
    red.sort(key=lambda s: (s.item.type != "task", s.item.code, s.item.id))
    issued = []
    # (issued on, deadline): the third order's deadline passes before 30 June, so it is overdue.
    plans = [((6, 3), (7, 15)), ((6, 10), (7, 20)), ((6, 5), (6, 25)), ((6, 1), (6, 20))]
    for status, (issued_on, deadline) in zip(red[:ORDER_COUNT], plans, strict=False):
        item = status.item
        issued.append(tracking_services.order_issue(
            actor=office, district=district, title=f"关于“{item.title[:60]}”进度滞后的督办单",
            content="该事项上半年进度低于时序进度30个百分点以上，请于期限内说明原因、提出整改措施并反馈。",
            deadline=datetime.date(year, *deadline), lead_unit=Organisation.objects.get(pk=item.lead_unit_id),
            item_type=item.type, item_id=item.id, light=status.light, at=_at(year, *issued_on),
            provenance=Provenance.GENERATED,
        ))
    if len(issued) > 1:
        unit_user = _unit_actor(issued[1].units.get(role="lead").organisation_id, admin)
        tracking_services.order_sign(actor=unit_user, order=issued[1], at=_at(year, 6, 11))
    if len(issued) > 2:
        unit_user = _unit_actor(issued[2].units.get(role="lead").organisation_id, admin)
        tracking_services.order_sign(actor=unit_user, order=issued[2], at=_at(year, 6, 6))
    if len(issued) > 3:
        order = issued[3]
        unit_user = _unit_actor(order.units.get(role="lead").organisation_id, admin)
        tracking_services.order_sign(actor=unit_user, order=order, at=_at(year, 6, 2))
        tracking_services.order_feedback_submit(actor=unit_user, order=order, at=_at(year, 6, 15),
                                                text="已召开专题调度会，倒排工期，6月底前完成整改。")
        tracking_services.order_review(actor=office, order=order, accept=True, comment="整改到位。", at=_at(year, 6, 18))
        tracking_services.order_close(actor=office, order=order, comment="办结销号。", at=_at(year, 6, 19))
    return len(issued)


@transaction.atomic
def load_ranking(district: Organisation, year: int) -> bool:
    """The district's half-year ranking of units, computed and published; False if it exists already."""
    rubric = Rubric.objects.filter(code="half-year").first()
    if rubric is None or Evaluation.objects.filter(scope=district, year=year, period=EvaluationPeriod.HALF_YEAR,
                                                   rubric=rubric).exists():
        return False
    office = get_user_model().objects.get(username="office")
    evaluation = tracking_services.evaluation_create(
        actor=office, rubric=rubric, scope_org=district, subject=EvaluationSubject.UNITS, year=year,
        period=EvaluationPeriod.HALF_YEAR)
    tracking_services.evaluation_compute(actor=office, evaluation=evaluation)
    tracking_services.evaluation_publish(actor=office, evaluation=evaluation, at=_at(year, 6, 30, 18))
    return True


#: (description, deadline, resolution or ""): problems of projects red at 30 June, raised in June.
PROBLEMS = [
    ("施工用地尚未完成移交，影响桩基施工", (6, 20), ""),
    ("配套电力线路迁改滞后，需协调供电公司", (7, 15), ""),
    ("项目资金拨付滞后，施工单位进场人员不足", (6, 25), "区财政局6月24日完成拨付，施工人员已全部进场。"),
]
PROBLEMS_NOTE = "demo: generated problems (问题清单)"


@transaction.atomic
def load_problems(district: Organisation, year: int) -> int:
    """Three problems of key projects red at 30 June (generated): one overdue and escalated, one open before its
    deadline, one resolved; none if the demo has them."""
    if Problem.objects.filter(district=district, provenance=Provenance.GENERATED).exists():
        return 0
    office = get_user_model().objects.get(username="office")
    red = [s for s in district_status(district, datetime.date(year, 6, 30), year=year)
           if s.light == Light.RED and s.item.lead_unit_id and s.item.type == "project_year"]
    red.sort(key=lambda s: (s.item.code, s.item.id))
    made = []
    for status, (text, deadline, resolution) in zip(red, PROBLEMS, strict=False):
        owner = Organisation.objects.get(pk=status.item.lead_unit_id)
        problem = tracking_services.problem_raise(
            actor=office, item=status.item, description=text, owner_unit=owner, deadline=datetime.date(year, *deadline),
            at=_at(year, 6, 12), provenance=Provenance.GENERATED, source_note=PROBLEMS_NOTE)
        if resolution:
            tracking_services.problem_resolve(actor=office, problem=problem, resolution=resolution, at=_at(year, 6, 24))
        made.append(problem)
    # The first problem's deadline passed on 20 June: escalated to its unit's leaders on the first overdue day.
    tracking_services.problems_escalate(on_date=datetime.date(year, 6, 21), district=district, at=_at(year, 6, 21, 8))
    return len(made)


def load_extras(district: Organisation, year: int) -> dict[str, int]:
    return {
        "orders": load_orders(district, year),
        "rankings": int(load_ranking(district, year)),
        "problems": load_problems(district, year),
    }


__all__ = ["load_extras"]
