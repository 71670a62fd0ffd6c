"""The status list of a district: lights, completion, time progress and gaps, as on the web's status page."""

from datetime import date

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from duban.core.errors import ApplicationError
from duban.tracking import permissions
from duban.tracking.models import ItemType, Light
from duban.tracking.selectors import default_date, shown_year
from duban.tracking.status import district_status

from ..pagination import Pages
from ..schemas import DbId, StatusOut, Year
from .common import ERRORS, district_or_404

router = Router(tags=["status"])


class StatusFilters(Schema):
    district_id: DbId
    year: Year | None = None
    on_date: date | None = None
    light: Light | None = None
    type: ItemType | None = None


@router.get("", response={200: list[StatusOut], **ERRORS},
            summary="Status of a district's items (only the user's units' items unless they see the district)")
@paginate(Pages)
def status_list(request, filters: Query[StatusFilters]):
    district = district_or_404(request.user, filters.district_id)
    year, refused = shown_year(request.user, district, filters.year)
    if refused:  # a draft plan's year, for a user who may not see drafts: as if there were no such year
        raise Http404
    on_date = filters.on_date or default_date(year)
    if not 2000 <= on_date.year <= 2100:
        raise ApplicationError(_("The date must lie between the years 2000 and 2100"))
    statuses = district_status(district, on_date, year=year)
    if not permissions.can_view_district_status(request.user, district):
        statuses = [s for s in statuses if permissions.can_view_item(request.user, s.item)]
    return [s.as_dict() for s in statuses
            if (filters.light is None or s.light == filters.light) and (filters.type is None or s.item.type == filters.type)]
