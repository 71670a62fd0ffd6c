"""Reviewing several submitted reports at once: all confirmed or returned, or none."""

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from duban.core.errors import ApplicationError

from .. import permissions
from ..models import Report
from .reports import report_confirm, report_return


@transaction.atomic
def reports_review(*, actor, reports: list[Report], action: str, comment: str = "",
                   at: datetime | None = None) -> list[Report]:
    """Confirm or return every listed report; if one cannot be (already reviewed, not allowed), nothing changes."""
    if action not in ("confirm", "return"):
        raise ApplicationError(_("Unknown review action"))
    if not reports:
        raise ApplicationError(_("Choose at least one report"))
    done = []
    for report in reports:
        if not permissions.can_review_report(actor, report):
            raise ApplicationError(_("You may not review the report %(report)s") % {"report": report})
        review = report_confirm if action == "confirm" else report_return
        done.append(review(actor=actor, report=report, comment=comment, at=at))
    return done
