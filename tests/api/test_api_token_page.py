"""The token page under the user's menu: create (secret shown once), list, revoke; other users' tokens stay hidden."""

import pytest
from django.urls import reverse

from duban.api.models import ApiToken, token_hash

pytestmark = pytest.mark.django_db


def test_create_shows_the_secret_once_and_it_works_on_the_api(client, world):
    client.force_login(world.users["reporter_a"])
    home = client.get("/").content.decode()
    assert 'href="/api/tokens/"' in home
    response = client.post(reverse("api_tokens:list"), {"name": "统计脚本", "days": "30"})
    assert response.status_code == 200
    secret = response.context["secret"]
    token = ApiToken.objects.get()
    assert (token.user.username, token.name, token.key_hash) == ("reporter_a", "统计脚本", token_hash(secret))
    assert (token.expires_at - token.created_at).days == 30
    assert secret in response.content.decode()
    again = client.get(reverse("api_tokens:list")).content.decode()
    assert secret not in again and token.prefix in again
    client.logout()
    assert client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}").json()["username"] == "reporter_a"


def test_bad_input_is_a_form_error(client, world):
    client.force_login(world.users["office"])
    response = client.post(reverse("api_tokens:list"), {"name": "x", "days": "400"})
    assert response.status_code == 400 and ApiToken.objects.count() == 0


def test_revoke_own_token_only(client, world):
    client.force_login(world.users["office"])
    client.post(reverse("api_tokens:list"), {"name": "督查室大屏", "days": "7"})
    token = ApiToken.objects.get()
    client.force_login(world.users["reporter_a"])
    assert client.post(reverse("api_tokens:revoke", args=[token.pk])).status_code == 404
    assert "督查室大屏" not in client.get(reverse("api_tokens:list")).content.decode()
    client.force_login(world.users["office"])
    response = client.post(reverse("api_tokens:revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and not token.is_active


def test_admin_lists_and_revokes_tokens(client, world):
    client.force_login(world.users["office"])
    client.post(reverse("api_tokens:list"), {"name": "大屏", "days": "7"})
    token = ApiToken.objects.get()
    client.force_login(world.users["admin"])
    assert "大屏" in client.get("/admin/api/apitoken/").content.decode()
    client.post("/admin/api/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked_at is not None
