"""Bits shared by the apps' admin classes: provenance shown and filterable, generated demo data marked."""

from datetime import date, datetime

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from duban.core.conflicts import FIELD as CONFLICT_FIELD
from duban.core.conflicts import ConflictError, check_version, edit_version
from duban.core.models import Provenance
from duban.core.numbers import format_day, format_wanyuan


@admin.display(description=_("provenance"), ordering="provenance")
def provenance_mark(obj) -> str:
    """The provenance label; generated demo data gets a visible badge."""
    label = obj.get_provenance_display()
    if obj.provenance == Provenance.GENERATED:
        return format_html('<span class="duban-generated" style="{}">⚠ {}</span>',
                           "background:#fff7e0;border:1px dashed #b7791f;padding:0 4px;border-radius:3px", label)
    return label


class VersionCheckedAdmin(admin.ModelAdmin):
    """Change forms carry the record's version (core.conflicts); saving over someone else's save is refused.

    The hidden ``edit_version`` is rendered at the top of the change form; the form's clean locks the row
    (the admin saves inside one transaction) and compares. On a conflict the form is shown again with the
    person's input kept, the message and a table of their values against the saved ones, and now carries the
    saved version, so saving again overwrites on purpose. Models without ``updated_at`` are not checked.
    """

    change_form_template = "core/admin/versioned_change_form.html"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if not change or obj is None or not hasattr(self.model, "updated_at"):
            return form
        return type(form.__name__, (VersionedFormMixin, form), {})

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = getattr(context.get("adminform"), "form", None)
        conflict = getattr(form, "conflict", None)
        context["edit_version"] = conflict.current_version if conflict else (edit_version(obj) if obj else "")
        context["conflict"] = conflict
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)


class VersionedFormMixin:
    conflict = None

    def clean(self):
        cleaned = super().clean()
        expected = self.data.get(CONFLICT_FIELD)
        model = type(self.instance)
        locked = model._default_manager.select_for_update().filter(pk=self.instance.pk).first()
        if locked is None or not expected or expected == edit_version(locked):
            return cleaned
        names = [n for n in self.fields if n in {f.name for f in model._meta.concrete_fields}]
        fields = [(n, self.fields[n].label or n) for n in names]
        yours = {n: _display(self.fields[n], self.cleaned_data.get(n)) for n in names}
        current = {n: _display(self.fields[n], getattr(locked, n)) for n in names}
        differing = [(n, label) for n, label in fields if yours[n] != current[n]]
        try:  # only the fields that differ (all of them when only an inline part changed)
            check_version(locked, expected, fields=differing or fields, yours=yours, current=current)
        except ConflictError as conflict:
            self.conflict = conflict
            raise ValidationError(conflict.message, code="conflict") from None
        return cleaned


def _display(field, value) -> str:
    """A field's value as the form shows it: a choice's label, an object's name, a date as offices write it."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if hasattr(value, "all"):  # a many-to-many manager
        value = list(value.all())
    if isinstance(value, (list, tuple)):
        return "、".join(_display(field, v) for v in value)
    choices = dict(getattr(field, "choices", None) or ()) if not hasattr(field, "queryset") else {}
    if value in choices:
        return str(choices[value])
    if isinstance(value, date) and not isinstance(value, datetime):
        return format_day(value)
    return str(value)


class SourcedAdmin(VersionCheckedAdmin, SimpleHistoryAdmin):
    """Admin of a ``Sourced`` model: history, provenance column, filter and a 'source' fieldset."""

    provenance_filter = ("provenance",)

    def get_list_display(self, request):
        return (*super().get_list_display(request), provenance_mark)

    def get_list_filter(self, request):
        return (*super().get_list_filter(request), *self.provenance_filter)


def wanyuan_column(field: str, description):
    """A list column showing an amount held in 万元 the way offices write it (万元 or 亿元)."""

    @admin.display(description=description, ordering=field)
    def column(obj) -> str:
        return format_wanyuan(getattr(obj, field))

    column.__name__ = f"{field}_display"
    return column


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows that change only through their services (reports, orders, events, direct reports, the audit log):
    the admin lists and shows them, and adds, edits or deletes nothing."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
