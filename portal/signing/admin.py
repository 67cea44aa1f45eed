from django.contrib import admin

from portal.signing.models import Credential


@admin.register(Credential)
class CredentialAdmin(admin.ModelAdmin):
    """Read-mostly: a credential is issued and revoked through portal.signing.services (with its events)."""

    list_display = ("subject_name", "organisation", "kind", "not_after", "active", "revoked_at")
    list_filter = ("kind", "active")
    search_fields = ("subject_name", "organisation", "serial_hex")
    readonly_fields = [f.name for f in Credential._meta.fields if f.name != "image"]
    exclude = ("image",)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
