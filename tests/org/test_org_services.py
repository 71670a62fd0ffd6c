import pytest
from django.contrib.auth import get_user_model
from factories import make_city, make_district, make_unit, make_user

from duban.core.errors import ApplicationError
from duban.core.models import Provenance
from duban.org.models import Membership, Organisation, OrgKind, Role
from duban.org.services import leader_upsert, membership_ensure, organisation_upsert, user_ensure

pytestmark = pytest.mark.django_db


def test_upserting_the_same_organisation_twice_writes_one_row_and_one_history_row():
    district = make_district("市中区")
    first = organisation_upsert(name="区统计局", kind=OrgKind.DEPARTMENT, parent=district, short_name="统计")
    again = organisation_upsert(name="区统计局", kind=OrgKind.DEPARTMENT, parent=district, short_name="统计")
    assert again.pk == first.pk
    assert Organisation.objects.filter(name="区统计局").count() == 1
    assert first.history.count() == 1


def test_a_change_is_recorded_with_who_when_and_what():
    office = make_user("office")
    district = make_district("市中区")
    unit = organisation_upsert(name="区统计局", kind=OrgKind.DEPARTMENT, parent=district)
    organisation_upsert(name="区统计局", kind=OrgKind.DEPARTMENT, parent=district, short_name="统计", by=office)
    latest, previous = unit.history.order_by("-history_id")[:2]
    assert latest.history_user == office
    assert latest.history_type == "~"
    assert latest.history_date >= previous.history_date
    assert [c.field for c in latest.diff_against(previous).changes] == ["short_name"]
    assert (latest.diff_against(previous).changes[0].old, latest.short_name) == ("", "统计")


def test_leader_oversees_exactly_the_units_given():
    district = make_district("市中区")
    a, b, c = (make_unit(n, district=district) for n in ("区教体局", "区卫健局", "区民政局"))
    leader = leader_upsert(district=district, name="王晓燕", title="副区长", oversees=[a, b])
    leader = leader_upsert(district=district, name="王晓燕", title="副区长", oversees=[b, c])
    assert set(leader.oversees.all()) == {b, c}
    assert leader.history.count() == 4  # created; units added; then one removed and one added


def test_a_leader_oversees_only_units_of_their_district():
    city = make_city()
    own, other = make_district("市中区", city=city), make_district("历下区", city=city)
    with pytest.raises(ApplicationError, match="^不属于市中区的单位：外区单位。$"):
        leader_upsert(district=own, name="某", oversees=[make_unit("外区单位", district=other)])


def test_user_ensure_sets_the_password_once_and_updates_the_rest():
    user = user_ensure(username="office", email="office@example.org", password="duban-demo")
    user.set_password("changed")
    user.save(update_fields=["password"])
    again = user_ensure(username="office", email="new@example.org", password="duban-demo", is_superuser=True)
    again.refresh_from_db()
    assert again.check_password("changed")
    assert (again.email, again.is_superuser, again.is_staff) == ("new@example.org", True, True)
    assert get_user_model().objects.count() == 1


def test_membership_ensure_is_idempotent_and_city_office_needs_a_city():
    user, unit = make_user(), make_unit()
    membership_ensure(user=user, organisation=unit, role=Role.UNIT_LEADER)
    membership_ensure(user=user, organisation=unit, role=Role.UNIT_LEADER)
    assert Membership.objects.filter(user=user).count() == 1
    with pytest.raises(ApplicationError, match="^市督查室角色只能设在市一级。$"):
        membership_ensure(user=user, organisation=unit, role=Role.CITY_OFFICE)


def test_provenance_and_source_note_are_kept():
    unit = organisation_upsert(name="某局", kind=OrgKind.DEPARTMENT, parent=make_district(),
                               provenance=Provenance.GENERATED, source_note="演示数据（生成）")
    assert unit.is_generated and unit.source_note == "演示数据（生成）"
