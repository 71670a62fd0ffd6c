"""The one notion of "today" in duban: the demo can be served as of a fixed date (setting DUBAN_TODAY)."""

from datetime import date, datetime

from django.conf import settings
from django.utils import timezone


def fixed_today() -> date | None:
    """The date set by ``DUBAN_TODAY`` (ISO, e.g. 2024-06-30), or None when duban runs on the real calendar."""
    value = getattr(settings, "DUBAN_TODAY", None)
    if not value:
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def today() -> date:
    """Today's date in Asia/Shanghai, or the fixed date of the demo when ``DUBAN_TODAY`` is set."""
    return fixed_today() or timezone.localdate()


def now() -> datetime:
    """The current moment; with ``DUBAN_TODAY`` set, the same clock time on that fixed date."""
    real = timezone.now()
    fixed = fixed_today()
    if fixed is None:
        return real
    return timezone.make_aware(datetime.combine(fixed, timezone.localtime(real).time()))
