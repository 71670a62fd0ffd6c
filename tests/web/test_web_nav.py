import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from duban.web.templatetags import web_shell


@pytest.mark.django_db
def test_nav_leaves_out_url_names_that_do_not_exist(world, monkeypatch):
    monkeypatch.setattr(web_shell, "NAV_ENTRIES", [
        ("web:home", "Home"), ("tracking:no_such_page", "Missing"), ("login", "Login page"),
    ])

    items = web_shell.nav_items_for(world.users["leader"], "/accounts/login/")

    assert [(i.label, i.url, i.active) for i in items] == [
        ("Home", "/", False), ("Login page", "/accounts/login/", True),
    ]


@pytest.mark.django_db
def test_nav_adds_administration_for_staff_only(world):
    admin_items = web_shell.nav_items_for(world.users["admin"], "/")
    leader_items = web_shell.nav_items_for(world.users["leader"], "/")

    assert admin_items[-1].url == reverse("admin:index")
    assert reverse("admin:index") not in [i.url for i in leader_items]
    assert leader_items[0].url == "/" and leader_items[0].active


def test_nav_of_anonymous_user_has_no_administration():
    assert reverse("admin:index") not in [i.url for i in web_shell.nav_items_for(AnonymousUser(), "/")]


def test_safe_reverse_returns_none_for_unknown_names():
    assert web_shell.safe_reverse("tracking:no_such_page") is None
    assert web_shell.safe_reverse("web:home") == "/"
