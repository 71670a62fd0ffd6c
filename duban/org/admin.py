from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from duban.core.admin_support import SourcedAdmin

from .models import Leader, Membership, Organisation


@admin.register(Organisation)
class OrganisationAdmin(SourcedAdmin):
    list_display = ("name", "short_name", "kind", "parent", "code", "order", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name", "code")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    readonly_fields = ("path",)


@admin.register(Leader)
class LeaderAdmin(SourcedAdmin):
    list_display = ("name", "title", "district", "user", "order")
    list_filter = (("district", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("name", "title", "user__username")
    list_select_related = ("district", "user")
    autocomplete_fields = ("district", "user", "oversees")


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ("user", "organisation", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("user__username", "user__first_name", "user__last_name", "organisation__name")
    list_select_related = ("user", "organisation")
    autocomplete_fields = ("user", "organisation")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("organisation",)


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Django's user admin with the user's roles (memberships) editable on the same page."""

    inlines = (*BaseUserAdmin.inlines, MembershipInline)
