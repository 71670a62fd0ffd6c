"""Admin: configuration (rule sets, curves, item settings, rubrics) is edited here and checked on save;
reports, events and orders are shown read-only — they change only through the services."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from duban.core.admin_support import ReadOnlyAdmin, VersionCheckedAdmin
from duban.core.errors import ApplicationError

from . import permissions, rules, scoring, services
from .items import load_item
from .models import (
    Evaluation, Item, ItemSetting, OrderEvent, Problem, ProblemEvent, ProgressCurve, ReceivedRank, Report, ReportEvent,
    Rubric, RuleSet, SupervisionOrder,
)


class RuleSetForm(forms.ModelForm):
    class Meta:
        model = RuleSet
        fields = "__all__"

    def clean_config(self):
        config = self.cleaned_data["config"] or {}
        try:
            rules.RuleConfig.from_dict(config)
        except (ValueError, TypeError, ArithmeticError) as error:
            raise forms.ValidationError(str(error)) from None
        return config


class CurveForm(forms.ModelForm):
    class Meta:
        model = ProgressCurve
        fields = "__all__"

    def clean_months(self):
        try:
            return [str(v) for v in rules.validate_curve(self.cleaned_data["months"])]
        except (ValueError, TypeError, ArithmeticError) as error:
            raise forms.ValidationError(str(error)) from None


class ItemSettingForm(forms.ModelForm):
    class Meta:
        model = ItemSetting
        exclude = ("tracked_item",)

    def clean(self):
        cleaned = super().clean()
        item_type, item_id = cleaned.get("item_type"), cleaned.get("item_id")
        if item_type and item_id is not None and load_item(item_type, item_id) is None:
            raise forms.ValidationError(_("No such item: %(refs)s") % {"refs": f"{item_type} #{item_id}"})
        return cleaned


class RubricForm(forms.ModelForm):
    class Meta:
        model = Rubric
        fields = "__all__"

    def clean_config(self):
        try:
            scoring.validate_rubric(self.cleaned_data["config"])
        except (ValueError, TypeError, AttributeError) as error:
            raise forms.ValidationError(str(error)) from None
        return self.cleaned_data["config"]


class ConfigurationAdmin(admin.ModelAdmin):
    """Configuration saved through its service (the one door), by those who may configure the rules."""

    def get_readonly_fields(self, request, obj=None):
        return ("code",) if obj is not None else ()   # the code is the service's key

    def has_add_permission(self, request):
        return permissions.can_configure_rules(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.can_configure_rules(request.user)

    def save_model(self, request, obj, form, change):
        saved = self.save_through_service(request.user, obj, form.cleaned_data)
        obj.pk = saved.pk


@admin.register(RuleSet)
class RuleSetAdmin(ConfigurationAdmin):
    form = RuleSetForm
    list_display = ("code", "name", "district", "is_default")

    def save_through_service(self, user, obj, data):
        return services.rule_set_save(actor=user, code=obj.code, name=data["name"], config=data["config"] or {},
                                      district=data.get("district"), is_default=data.get("is_default", False),
                                      description=data.get("description", ""))


@admin.register(ProgressCurve)
class ProgressCurveAdmin(ConfigurationAdmin):
    form = CurveForm
    list_display = ("code", "name", "item_type", "category")

    def save_through_service(self, user, obj, data):
        return services.curve_save(actor=user, code=obj.code, name=data["name"], months=data["months"],
                                   item_type=data.get("item_type", ""), category=data.get("category", ""))


@admin.register(ItemSetting)
class ItemSettingAdmin(VersionCheckedAdmin):
    form = ItemSettingForm
    list_display = ("item_type", "item_id", "rule_set", "curve", "provenance")

    def save_model(self, request, obj, form, change):
        """Through the service, so the item's stored status follows."""
        saved = services.item_setting_set(actor=request.user, item_type=obj.item_type, item_id=obj.item_id,
                                          rule_set=obj.rule_set, curve=obj.curve, provenance=obj.provenance)
        obj.pk = saved.pk


@admin.register(Item)
class ItemAdmin(ReadOnlyAdmin):
    """Tracked-item rows are made by the services; here they are only looked at, retired or restored.
    They are never deleted here: delete the domain row (refused while reports or orders refer to it)."""

    list_display = ("type", "object_id", "district", "year", "retired_at", "retired_reason")
    list_filter = ("type", "year", ("retired_at", admin.EmptyFieldListFilter))
    actions = ("retire", "restore")


    @admin.action(description=_("Retire the selected items (hide them from lists, keep their history)"))
    def retire(self, request, queryset):
        self._each(request, queryset.active(), services.item_retire)

    @admin.action(description=_("Restore the selected items"))
    def restore(self, request, queryset):
        self._each(request, queryset.retired(), services.item_restore)

    def _each(self, request, queryset, service):
        for item in queryset:
            try:
                service(actor=request.user, item_type=item.type, item_id=item.object_id)
            except ApplicationError as error:
                self.message_user(request, f"{item}: {error.message}", level=messages.ERROR)


@admin.register(Rubric)
class RubricAdmin(ConfigurationAdmin):
    form = RubricForm
    list_display = ("code", "name")

    def save_through_service(self, user, obj, data):
        return services.rubric_save(actor=user, code=obj.code, name=data["name"], config=data["config"],
                                    description=data.get("description", ""))


@admin.register(ReceivedRank)
class ReceivedRankAdmin(SimpleHistoryAdmin):
    list_display = ("organisation", "year", "period", "review", "rank", "out_of", "provenance")
    list_filter = ("year", "period", "provenance")
    search_fields = ("organisation__name", "review")
    autocomplete_fields = ("organisation", "awarded_by")
    readonly_fields = ("evaluation", "recorded_by")


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ("item_type", "item_id", "period_key", "version", "state", "unit", "submitted_at", "provenance")
    list_filter = ("state", "item_type", "provenance")


@admin.register(ReportEvent)
class ReportEventAdmin(ReadOnlyAdmin):
    list_display = ("report", "action", "actor", "at")


@admin.register(SupervisionOrder)
class SupervisionOrderAdmin(ReadOnlyAdmin):
    list_display = ("number", "title", "state", "deadline", "is_automatic")
    list_filter = ("state",)


@admin.register(OrderEvent)
class OrderEventAdmin(ReadOnlyAdmin):
    list_display = ("order", "action", "actor", "at")


@admin.register(Problem)
class ProblemAdmin(ReadOnlyAdmin):
    list_display = ("description", "owner_unit", "deadline", "state", "escalation_level", "provenance")
    list_filter = ("state", "provenance")


@admin.register(ProblemEvent)
class ProblemEventAdmin(ReadOnlyAdmin):
    list_display = ("problem", "action", "level", "actor", "at")


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    list_display = ("scope", "year", "period", "rubric", "state")
