from django.contrib import admin

from duban.core.admin_support import ReadOnlyAdmin

from .models import DirectReport, DirectReportEvent


class EventInline(admin.TabularInline):
    model = DirectReportEvent
    extra = 0
    can_delete = False
    readonly_fields = ("action", "from_state", "to_state", "actor", "at", "note")


@admin.register(DirectReport)
class DirectReportAdmin(ReadOnlyAdmin):
    """Read-only: direct reports change only through duban.dispatch.services."""

    list_display = ("number", "district", "category", "state", "unit", "deadline", "reported_at")
    list_filter = ("state", "category", "channel", "district")
    search_fields = ("number", "text", "location")
    inlines = [EventInline]

