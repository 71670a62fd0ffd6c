"""Production settings: refusal without SECRET_KEY, check --deploy clean, headers settable by environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "SECRET_KEY": "k3y-" + "x7Qp9vR2mW8tZ4nB6cL1dF5gH0jK3sA" * 2, "HTTPS": "1", "ALLOWED_HOSTS": "duban.example.gov.cn",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "DJANGO_SETTINGS_MODULE": "duban.settings",
}


def _duban(*args: str, **env: str) -> subprocess.CompletedProcess:
    dropped = {"SECRET_KEY", "DEBUG", "HTTPS", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}  # (set by the suite)
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run([sys.executable, "-m", "duban", *args], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=120)


def test_duban_refuses_to_start_with_debug_off_and_no_secret_key():
    result = _duban("check", DJANGO_SETTINGS_MODULE="duban.settings")
    assert result.returncode == 1
    assert result.stderr.startswith("duban: duban refuses to start: DEBUG is off and no SECRET_KEY is set.")
    assert "Traceback" not in result.stderr


def test_debug_on_still_starts_without_a_key():
    result = _duban("check", DEBUG="1", DJANGO_SETTINGS_MODULE="duban.settings")
    assert result.returncode == 0, result.stderr


def test_check_deploy_passes_at_warning_level_with_production_settings():
    result = _duban("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_fails_without_https_settings():
    env = {**PRODUCTION}
    del env["HTTPS"]
    result = _duban("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 1
    assert "security.W004" in result.stderr and "security.W012" in result.stderr


def test_https_settings_reach_the_responses(client, settings, db):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/accounts/login/", secure=True)
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert "object-src 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["Permissions-Policy"].startswith("camera=(), microphone=()")
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("name, value, expected", [
    ("HTTPS", "1", {"SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True, "SECURE_SSL_REDIRECT": True,
                    "SECURE_HSTS_SECONDS": 31536000}),
    ("SECURE_PROXY_SSL_HEADER", "HTTP_X_FORWARDED_PROTO", {"SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https")}),
    ("AXES_FAILURE_LIMIT", "3", {"AXES_FAILURE_LIMIT": 3}),
])
def test_settings_come_from_the_environment(name, value, expected):
    code = "import duban.settings as s; print(repr({k: getattr(s, k) for k in %r}))" % sorted(expected)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env={**os.environ, "SECRET_KEY": PRODUCTION["SECRET_KEY"], name: value})
    assert result.returncode == 0, result.stderr
    assert eval(result.stdout) == expected  # noqa: S307 - our own repr of settings values
