from django.contrib import admin

from .models import DirectReport, DirectReportEvent


class EventInline(admin.TabularInline):
    model = DirectReportEvent
    extra = 0
    can_delete = False
    readonly_fields = ("action", "from_state", "to_state", "actor", "at", "note")


@admin.register(DirectReport)
class DirectReportAdmin(admin.ModelAdmin):
    """Read-only: direct reports change only through duban.dispatch.services."""

    list_display = ("number", "district", "category", "state", "unit", "deadline", "reported_at")
    list_filter = ("state", "category", "channel", "district")
    search_fields = ("number", "text", "location")
    inlines = [EventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
