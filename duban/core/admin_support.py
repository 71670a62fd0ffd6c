"""Bits shared by the apps' admin classes: provenance shown and filterable, generated demo data marked."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from duban.core.models import Provenance
from duban.core.numbers import format_wanyuan


@admin.display(description=_("provenance"), ordering="provenance")
def provenance_mark(obj) -> str:
    """The provenance label; generated demo data gets a visible badge."""
    label = obj.get_provenance_display()
    if obj.provenance == Provenance.GENERATED:
        return format_html('<span class="duban-generated" style="{}">⚠ {}</span>',
                           "background:#fff7e0;border:1px dashed #b7791f;padding:0 4px;border-radius:3px", label)
    return label


class SourcedAdmin(SimpleHistoryAdmin):
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
