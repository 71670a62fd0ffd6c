"""Version checks on concurrent edits: the second writer gets both versions, and loses nothing.

A form (or an API body) carries the version of the record it was opened on: ``edit_version(obj)``, the
record's ``updated_at`` to the microsecond as a string. The service locks the row (``select_for_update``) and
calls ``check_version``; when someone saved in between it raises ``ConflictError`` carrying *your* values and
the *current* saved ones. The web view re-renders the form with the person's input kept, the message
"此记录已被他人修改" and the two versions side by side (``core/_conflict.html``); the API answers 409 with both
versions in the body. The re-rendered form carries the current version, so sending it again overwrites on
purpose.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import ApplicationError
from .numbers import format_day

FIELD = "edit_version"  # the hidden form field's name, and the API's


def edit_version(obj) -> str:
    """The version a form is opened on: the record's updated_at in microseconds since the epoch ('' if none)."""
    stamp = getattr(obj, "updated_at", None)
    return str(int(stamp.timestamp() * 1_000_000)) if stamp else ""


@dataclass(frozen=True)
class Difference:
    name: str
    label: str
    yours: str
    current: str

    @property
    def differs(self) -> bool:
        return self.yours != self.current


class ConflictError(ApplicationError):
    """Someone else saved the record after it was opened. ``rows``: (name, label, yours, current) per field."""

    def __init__(self, *, rows: list[Difference], current_version: str, message: str | None = None):
        self.rows = rows
        self.current_version = current_version
        super().__init__(message or _("This record has been changed by someone else since you opened it"), extra={
            "yours": {r.name: r.yours for r in rows}, "current": {r.name: r.current for r in rows},
            "labels": {r.name: r.label for r in rows}, "current_version": current_version})

    def as_dict(self) -> dict:
        return {"detail": self.message, **self.extra}


def format_moment(moment) -> str:
    """A saved time as offices write it: 2024年6月30日 14:05 (local time)."""
    local = timezone.localtime(moment)
    return f"{format_day(local.date())} {local:%H:%M}"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (list, tuple, set)):
        return "、".join(_text(v) for v in value)
    return str(value)


def differences(fields, yours: dict, current: dict) -> list[Difference]:
    """``fields``: [(name, label)]; the two dicts' values shown as text (None as '', lists joined with 、)."""
    return [Difference(name, str(label), _text(yours.get(name)), _text(current.get(name))) for name, label in fields]


def check_version(locked, expected: str | None, *, fields, yours: dict, current: dict | None = None) -> None:
    """Raise ConflictError when ``expected`` (from the form) is given and is not ``locked``'s version any more.

    ``locked`` must have been read with select_for_update in the caller's transaction. ``current`` defaults to
    the locked row's attributes named in ``fields``. No ``expected`` (an old form, a script): no check.
    """
    if expected in (None, ""):
        return
    now = edit_version(locked)
    if str(expected) == now:
        return
    if current is None:
        current = {name: getattr(locked, name, None) for name, _label in fields}
    raise ConflictError(rows=differences(fields, yours, current), current_version=now)
