"""The audit log in the admin: superusers read it; nobody adds, edits or deletes events there."""

from django.contrib import admin

from .admin_support import ReadOnlyAdmin
from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "action", "username", "ip_address", "target", "path")
    list_filter = ("action", "at")
    search_fields = ("username", "target", "ip_address")
    date_hierarchy = "at"
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

