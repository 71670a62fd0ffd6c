import pytest
from django.urls import reverse
from web_world import PASSWORD


@pytest.mark.django_db
def test_root_redirects_anonymous_users_to_login(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/"


@pytest.mark.django_db
def test_login_page_is_in_chinese_by_default(client):
    html = client.get(reverse("login")).content.decode()

    assert '<html lang="zh-hans">' in html
    assert "登录督办系统" in html and "用户名" in html and "密码" in html


@pytest.mark.django_db
@pytest.mark.parametrize("debug, env, shown", [(False, None, False), (True, None, True), (False, "1", True)])
def test_demo_logins_are_shown_only_in_demo_or_debug(client, settings, monkeypatch, debug, env, shown):
    settings.DEBUG = debug
    if env is None:
        monkeypatch.delenv("DUBAN_DEMO", raising=False)
    else:
        monkeypatch.setenv("DUBAN_DEMO", env)

    html = client.get(reverse("login")).content.decode()

    assert ('data-testid="demo-note"' in html) is shown
    assert ("duban-demo" in html) is shown


@pytest.mark.django_db
def test_demo_setting_overrides_the_environment(client, settings, monkeypatch):
    settings.DEBUG = False
    settings.DUBAN_DEMO = False
    monkeypatch.setenv("DUBAN_DEMO", "1")

    assert 'data-testid="demo-note"' not in client.get(reverse("login")).content.decode()


@pytest.mark.django_db
def test_login_through_the_form_leads_home(client, world):
    response = client.post(reverse("login"), {"username": "leader", "password": PASSWORD, "next": "/"})

    assert response.status_code == 302 and response.url == "/"
    assert client.get("/").context["district"] == world.district


@pytest.mark.django_db
def test_wrong_password_shows_chinese_error(client, world):
    html = client.post(reverse("login"), {"username": "leader", "password": "nope"}).content.decode()

    assert "用户名或密码不正确，请重新输入。" in html


@pytest.mark.django_db
def test_demo_note_lists_every_demo_login_in_readme_order(client, settings):
    import re

    from duban.demo.data.org import USERS

    settings.DEBUG = True
    html = client.get(reverse("login")).content.decode()
    note = html[html.index('data-testid="demo-note"'):]

    assert re.findall(r"<tr><th>(\w+)</th>", note) == [u["username"] for u in USERS] == [
        "office", "projects", "stats", "reporter", "unitlead", "leader", "cityoffice", "centre", "grid", "admin"]
    assert "<tr><th>centre</th><td>城市运行指挥中心</td></tr>" in note
    assert "<tr><th>grid</th><td>网格员</td></tr>" in note
