import pytest
from django.contrib import admin
from django.urls import reverse

from duban.core.models import Provenance
from duban.org.models import Organisation
from duban.plans.models import Plan

OWN_APPS = {"org", "plans", "projects", "indicators"}


@pytest.fixture
def superclient(client, world):
    client.force_login(world.users["admin"])
    return client


def admin_models(apps=None):
    return sorted(
        (m for m in admin.site._registry if apps is None or m._meta.app_label in apps),
        key=lambda m: m._meta.label,
    )


def test_every_model_of_the_core_apps_is_registered():
    from django.apps import apps as django_apps

    expected = {
        m._meta.label for app in OWN_APPS for m in django_apps.get_app_config(app).get_models()
        if not m.__name__.startswith("Historical") and m._meta.auto_created is False
    }
    # Steps of a milestone template and unit links are edited inline on their parent.
    inline_only = {"projects.MilestoneTemplateStep", "plans.TaskUnit", "plans.LivelihoodSubItemUnit",
                   "projects.ExpropriationUnit", "indicators.IndicatorTargetUnit"}
    assert expected - inline_only == {m._meta.label for m in admin_models(OWN_APPS)}


#: Models of the foundation apps that change only through their services (each step checks the state before it).
SERVICE_ONLY = {"projects.Lead", "projects.Procedure"}


@pytest.mark.django_db
@pytest.mark.parametrize("model", admin_models(), ids=lambda m: m._meta.label)
def test_changelist_and_add_page_load(superclient, world, model):
    opts = model._meta
    changelist = superclient.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    add = superclient.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))

    assert changelist.status_code == 200
    assert add.status_code in (200, 403)  # 403 only where the app forbids adding by hand
    if opts.app_label in OWN_APPS and opts.label not in SERVICE_ONLY:
        assert add.status_code == 200


@pytest.mark.django_db
def test_admin_is_in_chinese_and_marks_generated_data(superclient, world):
    Organisation.objects.filter(pk=world.dev_bureau.pk).update(provenance=Provenance.GENERATED)

    html = superclient.get(reverse("admin:org_organisation_changelist")).content.decode()

    assert "组织机构" in html and "数据来源类型" in html
    assert html.count("⚠ 生成的演示数据") == 1
    filtered = superclient.get(reverse("admin:org_organisation_changelist"), {"provenance__exact": "generated"})
    assert filtered.context["cl"].result_count == 1


@pytest.mark.django_db
def test_change_and_history_pages_load_for_a_plan(superclient, world):
    plan = world.plan_2024
    change = superclient.get(reverse("admin:plans_plan_change", args=[plan.pk]))
    history = superclient.get(reverse("admin:plans_plan_history", args=[plan.pk]))

    assert change.status_code == 200 and history.status_code == 200
    assert Plan.history.filter(id=plan.pk).count() == 1


@pytest.mark.django_db
def test_project_list_shows_investment_in_yi_yuan(superclient, world):
    html = superclient.get(reverse("admin:projects_project_changelist")).content.decode()

    assert "total_investment_display\">25亿元<" in html and "total_investment_display\">5,000万元<" in html


@pytest.mark.django_db
def test_user_admin_edits_memberships_inline(superclient, world):
    html = superclient.get(reverse("admin:auth_user_change", args=[world.users["leader"].pk])).content.decode()

    assert 'id="memberships-group"' in html


@pytest.mark.django_db
def test_autocomplete_for_organisations_answers(superclient, world):
    response = superclient.get(
        reverse("admin:autocomplete"),
        {"term": "市中", "app_label": "plans", "model_name": "plan", "field_name": "district"},
    )

    assert [r["text"] for r in response.json()["results"]] == ["市中区"]
