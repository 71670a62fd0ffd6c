"""In-app notifications and e-mail (through Django's mail settings: the console backend in the demo)."""

from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duban.core import dates
from duban.org.models import Membership, Organisation, Role

from ..models import Notification

UNIT_ROLES = (Role.UNIT_REPORTER, Role.UNIT_LEADER)


def unit_members(org_ids, roles=UNIT_ROLES) -> list:
    """Active users who report for or lead the given units."""
    if not org_ids:
        return []
    user_ids = Membership.objects.filter(organisation_id__in=org_ids, role__in=roles).values("user_id")
    return list(get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("pk"))


def office_members(district_id: int, roles=(Role.SUPERVISION_OFFICE, Role.PROJECT_OFFICE)) -> list:
    """Active users holding an office role in the district or any organisation under it (督查室 is a child
    organisation of 市中区, so memberships are usually not held in the district itself)."""
    path = Organisation.objects.filter(pk=district_id).values_list("path", flat=True).first()
    if not path:
        return []
    user_ids = Membership.objects.filter(organisation__path__startswith=path, role__in=roles).values("user_id")
    return list(get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("pk"))


def notify_users(*, users, title: str, body: str = "", url: str = "", at: datetime | None = None,
                 email: bool = True) -> int:
    """One in-app notification per user, and one e-mail to each who has an address. Returns users notified."""
    unique = {u.pk: u for u in users if u is not None}
    if not unique:
        return 0
    at = at or dates.now()
    Notification.objects.bulk_create(
        Notification(user=u, title=title[:200], body=body, url=url, created_at=at) for u in unique.values()
    )
    if email:
        messages = [(_("[Duban] %(title)s") % {"title": title}, body, settings.DEFAULT_FROM_EMAIL, [u.email]) for u in unique.values() if u.email]
        if messages:
            # Mail leaves only once the notifications (and the Reminder keys that stop a resend) are committed:
            # a rolled-back run sends nothing, so the next run does not mail the same people twice.
            transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))
    return len(unique)


def notification_mark_read(*, user, notification_ids=None) -> int:
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    return qs.update(read_at=timezone.now())
