from django.http import Http404

from duban.org.models import Organisation
from duban.tracking.selectors import visible_districts

from ..schemas import Conflict, Error

#: Documented error answers of every operation (the schema check compares each response with these); 409 is a
#: version conflict (core.conflicts), with both versions in the body.
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Conflict}


def district_or_404(user, district_id: int) -> Organisation:
    """A district the user sees at least partly (as a whole, or the things of their units)."""
    found = next((d for d in visible_districts(user) if d.pk == district_id), None)
    if found is None:
        raise Http404
    return found
