from django.contrib import admin

from duban.core.admin_support import SourcedAdmin

from .models import LivelihoodItem, LivelihoodSubItem, LivelihoodSubItemUnit, Plan, Task, TaskUnit, WorkNode


@admin.register(Plan)
class PlanAdmin(SourcedAdmin):
    list_display = ("district", "year", "theme", "system_name")
    list_filter = ("year", ("district", admin.RelatedOnlyFieldListFilter))
    search_fields = ("theme", "system_name", "goal", "district__name")
    list_select_related = ("district",)
    autocomplete_fields = ("district",)


@admin.register(WorkNode)
class WorkNodeAdmin(SourcedAdmin):
    list_display = ("code", "title", "plan", "parent", "weight", "order")
    list_filter = ("plan__year", ("plan__district", admin.RelatedOnlyFieldListFilter))
    search_fields = ("code", "title")
    list_select_related = ("plan__district", "parent")
    autocomplete_fields = ("plan", "parent")


class TaskUnitInline(admin.TabularInline):
    model = TaskUnit
    extra = 1
    autocomplete_fields = ("organisation",)


@admin.register(Task)
class TaskAdmin(SourcedAdmin):
    list_display = ("code", "title", "plan", "node", "category", "target_text", "deadline", "frequency", "is_public")
    list_filter = ("plan__year", "category", "frequency", "is_public")
    search_fields = ("code", "title", "target_text", "description")
    list_select_related = ("plan__district", "node")
    autocomplete_fields = ("plan", "node")
    inlines = (TaskUnitInline,)


class LivelihoodSubItemInline(admin.TabularInline):
    model = LivelihoodSubItem
    extra = 1
    fields = ("order", "title", "target_value", "target_unit", "deadline", "weight", "frequency", "provenance")
    show_change_link = True


@admin.register(LivelihoodItem)
class LivelihoodItemAdmin(SourcedAdmin):
    list_display = ("number", "title", "plan", "lead_unit", "voted_by_congress", "is_public")
    list_filter = ("plan__year", "voted_by_congress", "is_public")
    search_fields = ("title", "description")
    list_select_related = ("plan__district", "lead_unit")
    autocomplete_fields = ("plan", "lead_unit")
    inlines = (LivelihoodSubItemInline,)


class LivelihoodSubItemUnitInline(admin.TabularInline):
    model = LivelihoodSubItemUnit
    extra = 1
    autocomplete_fields = ("organisation",)


@admin.register(LivelihoodSubItem)
class LivelihoodSubItemAdmin(SourcedAdmin):
    list_display = ("title", "item", "target_value", "target_unit", "deadline", "frequency")
    list_filter = ("item__plan__year", "frequency")
    search_fields = ("title", "item__title")
    list_select_related = ("item",)
    autocomplete_fields = ("item",)
    inlines = (LivelihoodSubItemUnitInline,)
