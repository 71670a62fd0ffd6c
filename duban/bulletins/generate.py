"""One plain function from (kind, district, date, format) to the file's bytes.

Reads only; no state changes. Kept free of request and command objects so that it can run as a django.tasks
task as it is (the arguments are ids and ISO dates) when generation moves to the queue.
"""

from datetime import date

from django.utils import translation

from duban.core.errors import ApplicationError
from duban.org.models import Organisation

from .builders import BUILDERS
from .content import Bulletin
from .kinds import FORMATS, KINDS
from .selectors import bulletin_data


def bulletin_build(*, kind: str, district: Organisation, on_date: date, year: int | None = None) -> Bulletin:
    if kind not in BUILDERS:
        raise ApplicationError(translation.gettext("Unknown bulletin “%(kind)s”. Known: %(known)s") % {
            "kind": kind, "known": ", ".join(KINDS)})
    return BUILDERS[kind](bulletin_data(district, on_date, year=year, kind=kind))


def bulletin_render(*, kind: str, district: Organisation, on_date: date, fmt: str, year: int | None = None,
                    progress=None) -> bytes:
    """The bulletin as .docx or .pdf bytes, in the active language; ``progress(done, message)`` after each step."""
    if fmt not in FORMATS:
        raise ApplicationError(translation.gettext("Bulletins are written as .docx or .pdf, not “%(fmt)s”.") % {"fmt": fmt})
    bulletin = bulletin_build(kind=kind, district=district, on_date=on_date, year=year)
    if progress is not None:
        progress(1, translation.gettext("Writing the file"))
    label = str(KINDS[kind])
    if fmt == "docx":
        from .render_docx import render_docx
        return render_docx(bulletin, kind_label=label)
    from .render_pdf import render_pdf
    return render_pdf(bulletin, kind_label=label)


def bulletin_filename(*, kind: str, district: Organisation, on_date: date, fmt: str) -> str:
    return f"{district.name}-{KINDS[kind]}-{on_date:%Y%m%d}.{fmt}"


def bulletin_generate(*, kind: str, district_id: int, on_date: str, fmt: str) -> bytes:
    """The same with JSON-serialisable arguments (district id, ISO date): the body of a django.tasks task."""
    district = Organisation.objects.get(pk=district_id)
    return bulletin_render(kind=kind, district=district, on_date=date.fromisoformat(on_date), fmt=fmt)
