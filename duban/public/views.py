"""The public portal at /public/: no login, plain HTML, cacheable. Only what duban.public.selectors returns."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.vary import vary_on_cookie

from duban.core import dates
from duban.projects.models import Stage

from . import selectors

#: Browsers and proxies may keep the portal for five minutes: figures change monthly, after review.
MAX_AGE = 300


@cache_control(public=True, max_age=MAX_AGE)
@vary_on_cookie
def portal(request):
    districts = selectors.public_districts()
    requested = request.GET.get("district", "")
    district = next((d for d in districts if str(d.pk) == requested), None)
    if district is None and len(districts) == 1:
        district = districts[0]
    if district is None:
        if requested:
            raise Http404
        return render(request, "public/portal_districts.html", {"districts": districts})
    today = dates.today()
    year = selectors.public_year(district, today)
    items, projects = selectors.portal(district, year, today) if year else ([], [])
    return render(request, "public/portal.html", {
        "district": district, "districts": districts, "year": year, "on_date": today,
        "items": items, "projects": projects, "stages": dict(Stage.choices),
    })


@cache_control(public=True, max_age=MAX_AGE)
def photo(request, pk: int):
    evidence = selectors.public_photo(pk)
    if evidence is None:
        raise Http404
    return FileResponse(evidence.file.open("rb"))
