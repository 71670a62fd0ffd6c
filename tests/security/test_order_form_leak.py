"""The new-order form shows nothing about items of districts the office does not oversee (GET and POST)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from duban.core.errors import ApplicationError
from duban.tracking import permissions, services
from duban.tracking.items import load_item
from duban.tracking.models import ItemType, SupervisionOrder

FIVE_TYPES = [ItemType.TASK, ItemType.SUB_ITEM, ItemType.PROJECT_YEAR, ItemType.INDICATOR_TARGET,
              ItemType.EXPROPRIATION]


@pytest.mark.parametrize("item_type", FIVE_TYPES)
def test_new_order_form_does_not_show_the_title_of_another_districts_item(sec_world, login, item_type):
    client = login(sec_world.users["HOME_office"])
    away_id = sec_world.away.items[item_type]
    response = client.get(f"/tracking/orders/new/?item_type={item_type}&item_id={away_id}")
    assert response.status_code == 200
    body = response.content.decode()
    assert "MK-AWAY" not in body
    assert response.context["item"] is None


@pytest.mark.parametrize("item_type", FIVE_TYPES)
def test_new_order_form_prefills_the_title_of_an_own_districts_item(sec_world, login, item_type):
    client = login(sec_world.users["HOME_office"])
    response = client.get(f"/tracking/orders/new/?item_type={item_type}&item_id={sec_world.home.items[item_type]}")
    assert response.status_code == 200
    assert response.context["item"].id == sec_world.home.items[item_type]
    assert "MK-HOME" in response.content.decode()


@pytest.mark.parametrize("item_type", FIVE_TYPES)
def test_posting_an_order_on_another_districts_item_is_refused_without_its_title(sec_world, login, item_type):
    client = login(sec_world.users["HOME_office"])
    deadline = (timezone.localdate() + timedelta(days=10)).isoformat()
    before = SupervisionOrder.objects.count()
    response = client.post("/tracking/orders/new/", {
        "title": "督办", "content": "要求", "deadline": deadline, "lead_unit": sec_world.home.unit.pk,
        "item_type": item_type, "item_id": sec_world.away.items[item_type],
    })
    assert response.status_code == 400
    body = response.content.decode()
    assert "MK-AWAY" not in body
    assert "督办单关联的事项不存在" in body
    assert SupervisionOrder.objects.count() == before


def test_the_permission_answers_per_district(sec_world):
    office, city = sec_world.users["HOME_office"], sec_world.users["city"]
    home_item = load_item(ItemType.TASK, sec_world.home.items[ItemType.TASK])
    away_item = load_item(ItemType.TASK, sec_world.away.items[ItemType.TASK])
    assert permissions.can_order_on_item(office, sec_world.home.district, home_item) is True
    assert permissions.can_order_on_item(office, sec_world.home.district, away_item) is False
    # Naming the other district as the order's district does not help: the office may not issue there.
    assert permissions.can_order_on_item(office, sec_world.away.district, away_item) is False
    assert permissions.can_order_on_item(city, sec_world.away.district, away_item) is True
    assert permissions.can_order_on_item(city, sec_world.home.district, away_item) is False


def test_the_service_refuses_the_foreign_item_with_the_same_words_as_a_missing_one(sec_world):
    office = sec_world.users["HOME_office"]
    kwargs = dict(actor=office, district=sec_world.home.district, title="t", content="c",
                  deadline=timezone.localdate() + timedelta(days=5), lead_unit=sec_world.home.unit,
                  item_type=ItemType.TASK)
    with pytest.raises(ApplicationError) as foreign:
        services.order_issue(**kwargs, item_id=sec_world.away.items[ItemType.TASK])
    with pytest.raises(ApplicationError) as missing:
        services.order_issue(**kwargs, item_id=987654321)
    assert foreign.value.message == missing.value.message
    assert "MK-" not in foreign.value.message
