"""The organisation in the technical back office (/quan-tri/, portal/core/admin.py): read-only lists with search.

Every change to a unit or a role goes through the portal's pages and services, which keep the former names, move
open obligations and write the audit trail; an edit form here would bypass all three."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from portal.org.models import Membership, Unit


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = ("name", "code", "short_name", "kind", "active_to", "in_portal")
    # The tree's own columns (path, depth, numchild) are treebeard's bookkeeping, not something a person reads.
    fields = (
        "name",
        "short_name",
        "code",
        "kind",
        "regime",
        "parent_line",
        "place_name",
        "email",
        "active_from",
        "active_to",
        "successor",
    )
    list_filter = ("kind", "regime")
    search_fields = ("name", "code", "short_name")
    ordering = ("path",)
    list_per_page = 100
    show_full_result_count = False  # a national tree: no COUNT(*) over 130,000 rows on every page

    @admin.display(description="Trong cổng")
    def in_portal(self, unit):
        return format_html('<a href="{}">Mở trang đơn vị</a>', reverse("org:unit_detail", args=[unit.pk]))


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ("person", "role", "title", "unit_name", "in_portal")
    fields = ("person", "role", "title", "unit_name")
    readonly_fields = ("person", "unit_name")
    list_filter = ("role",)
    search_fields = ("user__username", "user__first_name", "unit__name", "unit__code")
    list_select_related = ("user", "unit")
    show_full_result_count = False

    @admin.display(description="Người dùng", ordering="user__username")
    def person(self, m):
        return f"{m.user.get_full_name() or m.user.username} ({m.user.username})"

    @admin.display(description="Đơn vị", ordering="unit__path")
    def unit_name(self, m):
        return m.unit.name

    @admin.display(description="Trong cổng")
    def in_portal(self, m):
        return format_html(
            '<a href="{}">Mở trang người dùng</a>', reverse("org:person_detail", args=[m.unit_id, m.user_id])
        )
