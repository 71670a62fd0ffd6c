"""Login lockout (django-axes), the password-change page and the audit log of logins and downloads."""

import pytest
from axes.models import AccessAttempt, AccessLog
from factories import PASSWORD, make_member

from duban.core.models import AuditAction, AuditEvent


@pytest.fixture
def member(db):
    return make_member("lockme")


def _login(client, password, username="lockme", ip="10.1.2.3"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_after_five_wrong_passwords_the_right_one_is_refused(client, member, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(5):
        assert _login(client, "wrong").status_code in (200, 429)
    response = _login(client, PASSWORD)
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # the five wrong passwords and the refused right one are all recorded as failed attempts
    assert AccessAttempt.objects.get(username="lockme").failures_since_start == 6


def test_the_lock_holds_for_the_account_from_another_address(client, member):
    for n in range(5):
        _login(client, "wrong", ip=f"10.9.9.{n}")
    assert _login(client, PASSWORD, ip="10.0.0.77").status_code == 429


def test_four_wrong_passwords_then_the_right_one_logs_in_and_resets_the_count(client, member):
    for _ in range(4):
        _login(client, "wrong")
    assert _login(client, PASSWORD).status_code == 302
    assert AccessAttempt.objects.filter(username="lockme").count() == 0
    assert AccessLog.objects.filter(username="lockme").count() == 1


def test_logins_are_audited_with_user_time_and_address(client, member):
    _login(client, "wrong", ip="10.1.1.1")
    _login(client, PASSWORD, ip="10.1.1.2")
    events = list(AuditEvent.objects.order_by("id").values_list("action", "username", "ip_address"))
    assert events == [(AuditAction.LOGIN_FAILED, "lockme", "10.1.1.1"), (AuditAction.LOGIN, "lockme", "10.1.1.2")]


def test_every_user_changes_their_password_from_the_user_menu(client, member):
    client.force_login(member)
    home = client.get("/").content.decode()
    assert 'href="/accounts/password/"' in home and "修改密码" in home
    response = client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": "a-new-secret-42",
                                                   "new_password2": "a-new-secret-42"})
    assert response.status_code == 302 and response["Location"] == "/accounts/password/done/"
    member.refresh_from_db()
    assert member.check_password("a-new-secret-42")
    assert AuditEvent.objects.filter(action=AuditAction.PASSWORD_CHANGE, user=member).count() == 1


def test_a_wrong_old_password_changes_nothing(client, member):
    client.force_login(member)
    response = client.post("/accounts/password/", {"old_password": "nope", "new_password1": "a-new-secret-42",
                                                   "new_password2": "a-new-secret-42"})
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.check_password(PASSWORD)


def test_an_evidence_download_is_audited(sec_world, login):
    client = login(sec_world.users["HOME_office"])
    response = client.get(f"/tracking/evidence/{sec_world.home.evidence_id}/", REMOTE_ADDR="10.3.3.3")
    assert response.status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.EVIDENCE_DOWNLOAD)
    assert (event.username, event.ip_address, event.target) == ("home_office", "10.3.3.3",
                                                                 f"{sec_world.home.evidence_id} photo.png")
    refused = login(sec_world.users["AWAY_office"]).get(f"/tracking/evidence/{sec_world.home.evidence_id}/")
    assert refused.status_code == 403
    assert AuditEvent.objects.filter(action=AuditAction.EVIDENCE_DOWNLOAD).count() == 1


def test_the_audit_log_is_read_only_and_for_superusers(sec_world, login):
    admin = login(sec_world.users["admin"])
    assert admin.get("/admin/core/auditevent/").status_code == 200
    assert admin.get("/admin/core/auditevent/add/").status_code == 403
    staff = make_member("staff_only", is_staff=True)
    assert login(staff).get("/admin/core/auditevent/").status_code == 403
