"""What `duban export` and `duban import` share: finding the district and the user, printing a preview."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from duban.org.models import Organisation

from .imports import Preview


def district_named(name: str | None) -> Organisation:
    districts = Organisation.objects.districts().order_by("path")
    if name:
        found = (districts.filter(name=name) | districts.filter(short_name=name)).first()
        if found is None:
            known = "、".join(districts.values_list("name", flat=True)) or "—"
            raise CommandError(_("No district is called “%(name)s”. There are: %(known)s") % {"name": name, "known": known})
        return found
    found = list(districts[:2])
    if len(found) != 1:
        raise CommandError(_("Name the district with --district (there are %(count)s).") % {"count": districts.count()})
    return found[0]


def user_named(login: str | None):
    if not login:
        return None
    user = get_user_model().objects.filter(username=login).first()
    if user is None:
        raise CommandError(_("No user has the login “%(login)s”.") % {"login": login})
    return user


def preview_lines(preview: Preview) -> list[str]:
    lines = [_("Sheet “%(sheet)s”: %(created)s to create, %(updated)s to change, %(unchanged)s unchanged.") % {
        "sheet": preview.sheet, "created": preview.created, "updated": preview.updated, "unchanged": preview.unchanged}]
    for row in preview.changed_rows:
        if row.action == "create":
            lines.append("  " + _("row %(row)s: create %(label)s") % {"row": row.row, "label": row.label})
            continue
        lines.append("  " + _("row %(row)s: change %(label)s") % {"row": row.row, "label": row.label})
        lines += [f"    {c.header}: {c.old or '—'} → {c.new or '—'}" for c in row.changes]
    lines += [s.message for s in preview.suggestions]
    lines += preview.warnings
    return lines
