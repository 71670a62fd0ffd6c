import pytest
from django.conf import settings as django_settings
from django.urls import reverse

LOCALE = "django.middleware.locale.LocaleMiddleware"


def with_ignore_browser_language(middleware: list[str]) -> list[str]:
    index = middleware.index(LOCALE)
    return [*middleware[:index], "duban.web.middleware.IgnoreBrowserLanguageMiddleware", *middleware[index:]]


@pytest.mark.django_db
def test_english_browser_still_gets_chinese_until_the_user_switches(client, settings):
    settings.MIDDLEWARE = with_ignore_browser_language(list(django_settings.MIDDLEWARE))

    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="zh-hans">' in html

    client.post("/i18n/setlang/", {"language": "en", "next": "/"}, HTTP_ACCEPT_LANGUAGE="en-US")
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert '<html lang="en">' in html
