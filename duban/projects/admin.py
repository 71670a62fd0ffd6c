from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from duban.core.admin_support import SourcedAdmin, wanyuan_column

from .models import (
    Lead,
    Area,
    ExpropriationTask,
    ExpropriationUnit,
    Milestone,
    MilestoneTemplate,
    MilestoneTemplateStep,
    Procedure,
    Project,
    ProjectCategory,
    ProjectYear,
)


@admin.register(ProjectCategory)
class ProjectCategoryAdmin(SimpleHistoryAdmin):
    list_display = ("name", "order")
    search_fields = ("name",)


@admin.register(Area)
class AreaAdmin(SimpleHistoryAdmin):
    list_display = ("name", "district")
    list_filter = (("district", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("name",)
    list_select_related = ("district",)
    autocomplete_fields = ("district",)


class ProjectYearInline(admin.TabularInline):
    model = ProjectYear
    extra = 0
    fields = ("year", "plan_type", "level", "annual_plan", "half_year_plan", "invested_before", "frequency",
              "weight", "provenance")


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ("order", "name", "planned_date", "actual_date")


@admin.register(Project)
class ProjectAdmin(SourcedAdmin):
    list_display = ("code", "name", "district", "level", "category", "area", "lead_unit", "leader",
                    wanyuan_column("total_investment", _("total investment")), "stage",
                    "registered_with_statistics")
    list_filter = ("level", "stage", "category", "area", "registered_with_statistics", "years__year")
    search_fields = ("code", "name", "location", "description")
    list_select_related = ("district", "category", "area", "lead_unit", "leader")
    autocomplete_fields = ("district", "category", "area", "lead_unit", "leader")
    inlines = (ProjectYearInline, MilestoneInline)


@admin.register(ProjectYear)
class ProjectYearAdmin(SourcedAdmin):
    list_display = ("project", "year", "plan_type", "level", wanyuan_column("annual_plan", _("annual plan")),
                    wanyuan_column("half_year_plan", _("half-year plan")))
    list_filter = ("year", "plan_type", "level")
    search_fields = ("project__code", "project__name")
    list_select_related = ("project",)
    autocomplete_fields = ("project",)


class MilestoneTemplateStepInline(admin.TabularInline):
    model = MilestoneTemplateStep
    extra = 1


@admin.register(MilestoneTemplate)
class MilestoneTemplateAdmin(SimpleHistoryAdmin):
    list_display = ("name",)
    search_fields = ("name",)
    inlines = (MilestoneTemplateStepInline,)


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ("project", "order", "name", "planned_date", "actual_date")
    list_filter = ("name",)
    search_fields = ("name", "project__code", "project__name")
    list_select_related = ("project",)
    autocomplete_fields = ("project",)


class ExpropriationUnitInline(admin.TabularInline):
    model = ExpropriationUnit
    extra = 1
    autocomplete_fields = ("organisation",)


@admin.register(ExpropriationTask)
class ExpropriationTaskAdmin(SourcedAdmin):
    list_display = ("name", "district", "project", "year", "households", "area_m2", "land_mu", "enterprises",
                    "deadline")
    list_filter = ("year", ("district", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "project__name")
    list_select_related = ("district", "project")
    autocomplete_fields = ("district", "project")
    inlines = (ExpropriationUnitInline,)


@admin.register(Lead)
class LeadAdmin(SourcedAdmin):
    """Read-only: a lead moves only through duban.projects.pipeline (each step checks the state it comes from)."""

    list_display = ("number", "title", "investor", "district", "state", "amount", "reported_on", "signed_on")
    list_filter = ("state", "is_important", "district")
    search_fields = ("number", "title", "investor")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Procedure)
class ProcedureAdmin(SimpleHistoryAdmin):
    """Read-only: a 前期 procedure is planned and recorded done only through duban.projects.pipeline."""

    list_display = ("project", "kind", "unit", "planned_date", "actual_date")
    list_filter = ("kind",)
    search_fields = ("project__name", "project__code")
    list_select_related = ("project", "unit")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
