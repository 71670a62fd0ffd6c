"""Two districts of one city, each with one of every tracked thing, a report, an order and its evidence.

Every object's title carries a distinctive marker (``MK-<district>-<what>``) so that a page showing an object
to someone who may not see it is found by searching the page for the marker.
"""

import io
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factories import (
    PASSWORD,
    make_city,
    make_district,
    make_expropriation,
    make_indicator,
    make_livelihood_item,
    make_member,
    make_plan,
    make_project,
    make_project_year,
    make_subitem,
    make_target,
    make_task,
    make_unit,
)

from PIL import Image

from duban.ingest import services as ingest_services
from duban.org.models import Organisation, Role
from duban.tracking import services
from duban.tracking.models import ItemType

def png_bytes(width: int = 1, height: int = 1) -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (width, height)).save(buffer, format="PNG")
    return buffer.getvalue()


PNG_1PX = png_bytes()


@dataclass
class Side:
    """One district's objects: its units, items by type, a report, an order, an evidence file."""

    district: Organisation
    unit: Organisation
    other_unit: Organisation
    items: dict = field(default_factory=dict)     # item type → id
    markers: dict = field(default_factory=dict)   # marker → (kind, owning unit id or None for district-wide)
    report_id: int | None = None
    document_id: int | None = None
    candidate_id: int | None = None
    order_id: int | None = None
    evidence_id: int | None = None


def _side(city: Organisation, tag: str, year: int) -> Side:
    district = make_district(f"{tag}区", city=city)
    unit, other_unit = make_unit(f"{tag}甲局", district=district), make_unit(f"{tag}乙局", district=district)
    side = Side(district, unit, other_unit)
    plan = make_plan(district=district, year=year)

    def mark(what: str, owner: Organisation | None) -> str:
        marker = f"MK-{tag}-{what}"
        side.markers[marker] = (what, owner.pk if owner else None)
        return marker

    task = make_task(plan=plan, title=mark("task", unit), lead=unit, deadline=date(year, 12, 31))
    other_task = make_task(plan=plan, title=mark("other", other_unit), lead=other_unit, deadline=date(year, 12, 31))
    item = make_livelihood_item(plan=plan, title=mark("item", unit), lead_unit=unit)
    sub = make_subitem(item=item, title="子项", lead=unit)
    project = make_project(district=district, name=mark("project", unit), lead_unit=unit)
    project_year = make_project_year(project=project, year=year)
    target = make_target(indicator=make_indicator(name=mark("indicator", unit)), organisation=district, year=year,
                         lead=unit)
    expropriation = make_expropriation(district=district, year=year, name=mark("exprop", unit), lead=unit)
    side.items = {ItemType.TASK: task.pk, ItemType.SUB_ITEM: sub.pk, ItemType.PROJECT_YEAR: project_year.pk,
                  ItemType.INDICATOR_TARGET: target.pk, ItemType.EXPROPRIATION: expropriation.pk,
                  "other_task": other_task.pk}
    return side


def _activity(side: Side, users: dict, tag: str, year: int) -> None:
    """A submitted report with a photo on the unit's task, and an order to the unit with the office."""
    reporter, office = users[f"{tag}_reporter"], users[f"{tag}_office"]
    today = timezone.localdate()
    period_key = f"{year}-{today.month:02d}" if today.year == year else f"{year}-06"
    report = services.report_submit(
        actor=reporter, item_type=ItemType.TASK, item_id=side.items[ItemType.TASK], period_key=period_key,
        values={"value": None, "percent": 50, "is_done": False}, narrative=f"MK-{tag}-narrative", problems="",
        next_plan="", files=[SimpleUploadedFile("photo.png", PNG_1PX, content_type="image/png")],
    )
    side.report_id = report.pk
    side.evidence_id = report.evidence.get().pk
    order = services.order_issue(
        actor=office, district=side.district, title=f"MK-{tag}-order", content="要求", lead_unit=side.unit,
        deadline=today + timedelta(days=30), item_type=ItemType.TASK, item_id=side.items[ItemType.TASK],
    )
    side.order_id = order.pk
    side.markers[f"MK-{tag}-narrative"] = ("report", side.unit.pk)
    upload = ingest_services.document_upload(
        district=side.district, user=office, year=year, title=f"MK-{tag}-doc",
        text=f"{year}年政府工作报告\n一、项目建设\n新建学校5所，新增学位3000个。\n",
    )
    side.document_id = upload.document.pk
    side.candidate_id = upload.document.candidates.values_list("pk", flat=True).first()
    side.markers[f"MK-{tag}-doc"] = ("document", None)
    side.markers[f"MK-{tag}-order"] = ("order", side.unit.pk)


@dataclass
class SecurityWorld:
    city: Organisation
    home: Side
    away: Side
    users: dict


def build_security_world(year: int | None = None) -> SecurityWorld:
    year = year or timezone.localdate().year
    city = make_city("安全市")
    home, away = _side(city, "HOME", year), _side(city, "AWAY", year)
    users = {"anonymous": None, "admin": make_member("sec_admin", is_superuser=True, is_staff=True)}
    for tag, side in (("HOME", home), ("AWAY", away)):
        users[f"{tag}_reporter"] = make_member(f"{tag.lower()}_reporter", (side.unit, Role.UNIT_REPORTER))
        users[f"{tag}_office"] = make_member(f"{tag.lower()}_office", (side.district, Role.SUPERVISION_OFFICE))
    users["HOME_unitlead"] = make_member("home_unitlead", (home.unit, Role.UNIT_LEADER))
    users["HOME_leader"] = make_member("home_leader", (home.district, Role.DISTRICT_LEADER))
    users["HOME_stats"] = make_member("home_stats", (home.district, Role.STATISTICS))
    users["HOME_projects"] = make_member("home_projects", (home.district, Role.PROJECT_OFFICE))
    users["city"] = make_member("sec_city", (city, Role.CITY_OFFICE))
    for tag, side in (("HOME", home), ("AWAY", away)):
        _activity(side, users, tag, year)
    return SecurityWorld(city, home, away, users)
