"""project_publish: one door to put a key project on the public portal, recorded in the project's history."""

import pytest

from duban.org.models import Organisation, OrgKind
from duban.projects.models import Project
from duban.projects.services import project_publish, project_upsert

pytestmark = pytest.mark.django_db


def test_publishing_changes_once_and_is_recorded_in_history():
    district = Organisation.objects.create(name="市中区", kind=OrgKind.DISTRICT)
    project = Project.objects.create(district=district, code="P1", name="数字经济产业园")
    assert project.is_public is False
    assert project_publish(project=project, is_public=True) is True
    assert project_publish(project=project, is_public=True) is False
    project.refresh_from_db()
    assert project.is_public is True
    assert [h.is_public for h in project.history.order_by("history_id")] == [False, True]


def test_an_upsert_without_the_flag_keeps_it_and_with_it_sets_it():
    district = Organisation.objects.create(name="市中区", kind=OrgKind.DISTRICT)
    project = project_upsert(district=district, code="P1", name="园区", is_public=True)
    assert project.is_public is True
    assert project_upsert(district=district, code="P1", name="园区二期").is_public is True
    assert project_upsert(district=district, code="P1", name="园区二期", is_public=False).is_public is False
