"""Who may upload and review: the offices and statistics of the district, and superusers."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from duban.ingest.permissions import can_review_document, can_upload_document

from ingest_review_data import PASSWORD

pytestmark = pytest.mark.django_db

#: user -> (may upload/review in the district, may in the other district)
MATRIX = {
    "office": (True, False),
    "projects": (True, False),
    "stats": (True, False),
    "leader": (False, False),
    "city": (False, False),
    "reporter": (False, False),
    "unitlead": (False, False),
    "other_office": (False, True),
    "admin": (True, True),
    "nobody": (False, False),
}


@pytest.mark.parametrize("name", MATRIX)
def test_permission_matrix(world, uploaded, name):
    user = world.users[name]
    home, other = MATRIX[name]
    assert (can_upload_document(user, world.district), can_upload_document(user, world.other)) == (home, other)
    assert can_review_document(user, uploaded) is home


def test_anonymous_may_not(world, uploaded):
    assert can_upload_document(AnonymousUser(), world.district) is False
    assert can_review_document(AnonymousUser(), uploaded) is False


@pytest.mark.parametrize("name", MATRIX)
def test_pages_answer_403_to_those_who_may_not(client, world, uploaded, name):
    client.login(username=name, password=PASSWORD)
    home, other = MATRIX[name]
    c = uploaded.candidates.get(quote="25条")
    expected_review = 200 if home else 403
    assert client.get(reverse("ingest:upload")).status_code == (200 if home or other else 403)
    assert client.get(reverse("ingest:review", args=[uploaded.pk])).status_code == expected_review
    assert client.get(reverse("ingest:records", args=[uploaded.pk])).status_code == expected_review
    response = client.post(reverse("ingest:reject", args=[c.pk]))
    assert response.status_code == (302 if home else 403)
    c.refresh_from_db()
    assert c.status == ("rejected" if home else "pending")


def test_anonymous_is_sent_to_login(client, uploaded):
    response = client.get(reverse("ingest:review", args=[uploaded.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_district_choice_holds_only_the_users_districts(client, world):
    client.login(username="office", password=PASSWORD)
    form = client.get(reverse("ingest:upload")).context["form"]
    assert list(form.fields["district"].queryset) == [world.district]
    response = client.post(reverse("ingest:upload"), {"district": world.other.pk, "text": "2024年启动25条道路。"})
    assert response.status_code == 400
    assert "district" in response.context["form"].errors
