"""One place to turn query-string and form values into checked Python values.

Every number, year, id and date a view reads from a request goes through these helpers: bad input becomes
``BadRequest`` (a 400 page saying what was wrong and where), never a server error from ``int('abc')``,
``date(10000, 1, 1)`` or an id the database cannot hold.
"""

from datetime import date

from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _

#: Plan years duban accepts anywhere (a year outside this range is a typing error, not a plan).
MIN_YEAR, MAX_YEAR = 2000, 2100
#: The largest id a 64-bit primary key can hold.
MAX_ID = 2**63 - 1
#: Free text: short fields (titles, comments) and long ones (narratives, requirements), in characters.
SHORT_TEXT, LONG_TEXT = 500, 20_000


def parse_int(raw, name: str, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """The integer in ``raw`` within [minimum, maximum]; BadRequest naming the parameter otherwise."""
    text = str(raw).strip()
    if not text.lstrip("-").isdigit() or len(text) > 20:
        raise BadRequest(_("“%(name)s” must be a whole number, not “%(value)s”") % {"name": name, "value": text[:40]})
    value = int(text)
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise BadRequest(_("“%(name)s” must be between %(low)s and %(high)s, not %(value)s") % {
            "name": name, "low": minimum, "high": maximum, "value": value})
    return value


def optional_int(data, name: str, *, minimum: int | None = None, maximum: int | None = None) -> int | None:
    """``data[name]`` (a QueryDict) as an integer, None when absent or empty."""
    raw = data.get(name, "")
    if raw is None or str(raw).strip() == "":
        return None
    return parse_int(raw, name, minimum=minimum, maximum=maximum)


def optional_id(data, name: str) -> int | None:
    """A primary key from the request: a positive integer a database column can hold."""
    return optional_int(data, name, minimum=1, maximum=MAX_ID)


def optional_year(data, name: str = "year") -> int | None:
    return optional_int(data, name, minimum=MIN_YEAR, maximum=MAX_YEAR)


def optional_date(data, name: str) -> date | None:
    """An ISO date (2024-06-30) within the accepted years; None when absent."""
    raw = str(data.get(name, "") or "").strip()
    if not raw:
        return None
    try:
        value = date.fromisoformat(raw)
    except ValueError:
        raise BadRequest(_("“%(name)s” must be a date like 2024-06-30, not “%(value)s”") % {
            "name": name, "value": raw[:40]}) from None
    check_date_in_range(value, name)
    return value


def check_date_in_range(value: date, name: str) -> date:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise BadRequest(_("“%(name)s” must fall in the years %(low)s to %(high)s") % {
            "name": name, "low": MIN_YEAR, "high": MAX_YEAR})
    return value


def id_list(data, name: str) -> list[int]:
    """Every value of a repeated parameter (``ids=1&ids=2``) as ids; BadRequest on the first bad one."""
    return [parse_int(raw, name, minimum=1, maximum=MAX_ID) for raw in data.getlist(name)]


def safe_filename(name: str, limit: int = 120) -> str:
    """A file name without folders or control characters, at most ``limit`` bytes in UTF-8, extension kept.

    Counted in bytes because file systems are (255 bytes a name): 300 Chinese characters are 900 bytes.
    """
    base = str(name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip().strip(".") or "file"
    stem, dot, ext = base.rpartition(".")
    if not dot or not stem or len(ext.encode()) > 10:
        stem, dot, ext = base, "", ""
    room = limit - len((dot + ext).encode())
    while len(stem.encode()) > room:
        stem = stem[:-1]
    return f"{stem}{dot}{ext}"
