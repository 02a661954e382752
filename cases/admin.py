from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.models import (
    AccessLog,
    Case,
    Consent,
    Family,
    FamilyMember,
    Person,
    PersonService,
    Relation,
    Service,
    TimelineEntry,
)


class RelationInline(admin.TabularInline):
    model = Relation
    extra = 0


class PersonServiceInline(admin.TabularInline):
    model = PersonService
    extra = 0
    autocomplete_fields = ["service"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["family_name", "given_name", "born_on", "expected_on", "residence"]
    list_filter = ["residence", "needs_interpreter"]
    search_fields = ["family_name", "given_name", "=national_id"]
    inlines = [RelationInline, PersonServiceInline]
    show_full_result_count = False


class FamilyMemberInline(admin.TabularInline):
    model = FamilyMember
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Family)
class FamilyAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at"]
    search_fields = ["name"]
    inlines = [FamilyMemberInline]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "active"]
    list_filter = ["category", "active"]
    search_fields = ["name"]


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    fields = [
        "given_by",
        "given_by_name",
        "given_on",
        "form",
        "covers_plan",
        "covers_sharing",
        "withdrawn_on",
    ]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class TimelineInline(admin.TabularInline):
    model = TimelineEntry
    extra = 0
    fields = ["occurred_at", "kind", "text", "author"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(SimpleHistoryAdmin):
    list_display = ["number", "person", "status", "origin", "received_on", "caseworker"]
    list_filter = [
        "status",
        "origin",
        "requests_coordinator",
        "requests_child_coordinator",
        "requests_plan",
    ]
    search_fields = ["=number", "person__family_name", "person__given_name", "=person__national_id"]
    list_select_related = ["person", "caseworker"]
    date_hierarchy = "received_on"
    # Status changes go through the workflow service, never the admin.
    readonly_fields = ["number", "status", "closed_reason", "closed_on", "version"]
    autocomplete_fields = ["person", "family"]
    inlines = [ConsentInline, TimelineInline]
    show_full_result_count = False


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only, for the admin too."""

    list_display = [
        "at",
        "username",
        "role",
        "action",
        "object_type",
        "object_id",
        "person_id",
        "ip_address",
    ]
    list_filter = ["action", "object_type", "role"]
    search_fields = ["username", "=person_id", "=object_id"]
    date_hierarchy = "at"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
