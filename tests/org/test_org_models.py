import pytest
from factories import assert_violates, make_city, make_district, make_unit, make_user

from duban.core.errors import ApplicationError
from duban.org.models import Membership, Organisation, OrgKind, Role
from duban.org.services import organisation_move, organisation_upsert

pytestmark = pytest.mark.django_db


def test_two_units_of_one_name_under_one_parent_are_refused():
    district = make_district("市中区")
    make_unit("区财政局", district=district)
    with assert_violates("org_unique_name_under_parent", "org_organisation.parent_id", "org_organisation.name"):
        Organisation.objects.create(name="区财政局", kind=OrgKind.DEPARTMENT, parent=district)


def test_the_same_unit_name_is_allowed_under_different_parents():
    a, b = make_district("市中区"), make_district("历下区")
    make_unit("区财政局", district=a)
    assert make_unit("区财政局", district=b).parent == b


def test_two_roots_of_one_name_are_refused():
    make_city("济南市")
    with assert_violates("org_unique_root_name", "org_organisation.name"):
        Organisation.objects.create(name="济南市", kind=OrgKind.CITY)


def test_a_user_holds_a_role_in_a_unit_once():
    unit = make_unit()
    user = make_user(role=Role.UNIT_REPORTER, unit=unit)
    with assert_violates("membership_unique", "org_membership.user_id", "org_membership.organisation_id",
                         "org_membership.role"):
        Membership.objects.create(user=user, organisation=unit, role=Role.UNIT_REPORTER)


def test_path_holds_the_ids_from_the_root():
    city = make_city()
    district = make_district("市中区", city=city)
    unit = make_unit("区教体局", district=district)
    assert (city.path, district.path, unit.path) == (
        f"/{city.pk}/", f"/{city.pk}/{district.pk}/", f"/{city.pk}/{district.pk}/{unit.pk}/")
    assert (city.depth, district.depth, unit.depth) == (0, 1, 2)
    assert unit.district == district and district.district == district and city.district is None
    assert unit.is_within(district) and not district.is_within(unit)


def test_moving_a_unit_rewrites_its_path_and_its_descendants_paths():
    city = make_city()
    a, b = make_district("甲区", city=city), make_district("乙区", city=city)
    street = make_unit("某街道", district=a, kind=OrgKind.STREET)
    community = make_unit("某社区", parent=street)
    organisation_move(organisation=street, parent=b)
    street.refresh_from_db()
    community.refresh_from_db()
    assert street.path == f"/{city.pk}/{b.pk}/{street.pk}/"
    assert community.path == f"/{city.pk}/{b.pk}/{street.pk}/{community.pk}/"
    assert set(Organisation.objects.units_of(b)) == {street, community}
    assert list(Organisation.objects.units_of(a)) == []


def test_a_unit_cannot_be_moved_below_itself():
    district = make_district()
    street = make_unit(district=district, kind=OrgKind.STREET)
    community = make_unit(parent=street)
    with pytest.raises(ApplicationError, match="^组织不能移到其自身之下。$"):
        organisation_move(organisation=street, parent=community)


def test_only_a_city_stands_at_the_root():
    with pytest.raises(ApplicationError, match="^只有市可以作为组织树的根节点。$"):
        organisation_upsert(name="市中区", kind=OrgKind.DISTRICT)


def test_districts_queryset_lists_only_districts():
    city = make_city()
    district = make_district("市中区", city=city)
    make_unit(district=district)
    assert list(Organisation.objects.districts()) == [district]
