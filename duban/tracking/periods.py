"""Reporting periods: which period a date falls in, its key, its end and when its report is due. Pure."""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop

from duban.core.models import Frequency

#: Working days after the period end by which a report is due (monthly: within 5 working days of month end).
DEFAULT_DUE_WORKING_DAYS = {
    Frequency.WEEKLY: 1, Frequency.MONTHLY: 5, Frequency.QUARTERLY: 10,
    Frequency.HALF_YEARLY: 10, Frequency.YEARLY: 10, Frequency.ONCE: 0,
}


@dataclass(frozen=True)
class Period:
    frequency: str
    key: str
    start: date
    end: date
    label: str

    @property
    def year(self) -> int:
        return int(self.key[:4]) if self.key[:4].isdigit() else self.end.year


def _translate(msgid: str, values: dict) -> str:
    return gettext(msgid) % values


#: A period's label is lazy: periods are cached, and each user reads the label in their own language.
_label = lazy(_translate, str)


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


@lru_cache(maxsize=4096)
def add_working_days(day: date, count: int) -> date:
    """The date ``count`` working days (Monday–Friday) after ``day``; holidays are not known to duban.
    Cached: lists ask it for every item and period (the 未报清单 of a district: thousands of times)."""
    current = day
    while count > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            count -= 1
    return current


def month_period(year: int, month: int) -> Period:
    return Period(Frequency.MONTHLY, f"{year}-{month:02d}", date(year, month, 1), _month_end(year, month),
                  _label(gettext_noop("%(year)s-%(month)02d"), {"year": year, "month": month}))


def week_period(iso_year: int, week: int) -> Period:
    start = date.fromisocalendar(iso_year, week, 1)
    return Period(Frequency.WEEKLY, f"{iso_year}-W{week:02d}", start, start + timedelta(days=6),
                  _label(gettext_noop("Week %(week)s of %(year)s"), {"year": iso_year, "week": week}))


def last_partial_week(year: int, number: int) -> Period:
    """The days of late December that ISO counts in week 1 of the next year (e.g. 30–31 December 2024): the
    item's year still has to report them, as a short week ``<year>-W<number>`` ending on 31 December."""
    end = date(year, 12, 31)
    start = end - timedelta(days=end.weekday())
    return Period(Frequency.WEEKLY, f"{year}-W{number:02d}", start, end,
                  _label(gettext_noop("Week %(week)s of %(year)s (%(start)s–31 Dec)"),
                         {"year": year, "week": number, "start": start.day}))


def quarter_period(year: int, quarter: int) -> Period:
    return Period(Frequency.QUARTERLY, f"{year}-Q{quarter}", date(year, 3 * quarter - 2, 1),
                  _month_end(year, 3 * quarter),
                  _label(gettext_noop("Q%(quarter)s %(year)s"), {"year": year, "quarter": quarter}))


def half_period(year: int, half: int) -> Period:
    return Period(Frequency.HALF_YEARLY, f"{year}-H{half}", date(year, 6 * half - 5, 1), _month_end(year, 6 * half),
                  _label(gettext_noop("First half of %(year)s") if half == 1 else gettext_noop("Second half of %(year)s"),
                         {"year": year}))


def year_period(year: int) -> Period:
    return Period(Frequency.YEARLY, f"{year}", date(year, 1, 1), date(year, 12, 31),
                  _label(gettext_noop("Year %(year)s"), {"year": year}))


def once_period(year: int, deadline: date | None) -> Period:
    """A one-off item has a single period from 1 January of its year to its deadline (or year end)."""
    end = deadline if deadline and deadline.year >= year else date(year, 12, 31)
    return Period(Frequency.ONCE, f"{year}-once", date(year, 1, 1), end, _label(gettext_noop("%(year)s (one-off)"), {"year": year}))


@lru_cache(maxsize=4096)
def periods_of_year(frequency: str, year: int, deadline: date | None = None) -> tuple[Period, ...]:
    """Every period of the year for a frequency (cached: called for each of thousands of items)."""
    return tuple(_periods_of_year(frequency, year, deadline))


def _periods_of_year(frequency: str, year: int, deadline: date | None) -> list[Period]:
    if frequency == Frequency.WEEKLY:
        weeks = date(year, 12, 28).isocalendar().week
        periods = [week_period(year, w) for w in range(1, weeks + 1)]
        if periods[-1].end < date(year, 12, 31):
            periods.append(last_partial_week(year, weeks + 1))
        return periods
    if frequency == Frequency.MONTHLY:
        return [month_period(year, m) for m in range(1, 13)]
    if frequency == Frequency.QUARTERLY:
        return [quarter_period(year, q) for q in range(1, 5)]
    if frequency == Frequency.HALF_YEARLY:
        return [half_period(year, h) for h in (1, 2)]
    if frequency == Frequency.YEARLY:
        return [year_period(year)]
    return [once_period(year, deadline)]


def period_by_key(frequency: str, key: str, deadline: date | None = None) -> Period:
    """The period of ``frequency`` named ``key``; ValueError when the key does not fit the frequency."""
    year = int(key[:4])
    for period in periods_of_year(frequency, year, deadline):
        if period.key == key:
            return period
    raise ValueError(f"{key!r} is not a {frequency} period")


def period_of(frequency: str, day: date, year: int, deadline: date | None = None) -> Period | None:
    """The period of the item's year that contains ``day`` (None outside the year)."""
    for period in periods_of_year(frequency, year, deadline):
        if period.start <= day <= period.end:
            return period
    return None


@lru_cache(maxsize=4096)
def closed_periods(frequency: str, year: int, day: date, deadline: date | None = None) -> tuple[Period, ...]:
    """Periods of the year that have ended on or before ``day``; a one-off item's period closes at its deadline."""
    return tuple(p for p in periods_of_year(frequency, year, deadline) if p.end <= day)


def reporting_period(frequency: str, year: int, day: date, deadline: date | None = None) -> Period | None:
    """The period a unit reports on at ``day``: the latest one that has ended, else the running one."""
    closed = closed_periods(frequency, year, day, deadline)
    if closed:
        return closed[-1]
    return period_of(frequency, day, year, deadline)


def due_date(period: Period, working_days: int | None = None) -> date:
    days = DEFAULT_DUE_WORKING_DAYS.get(period.frequency, 5) if working_days is None else working_days
    return add_working_days(period.end, days)
