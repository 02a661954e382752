from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from cases import axes_admin  # noqa: F401  (registers axes' admins again, bounded)
from cases.access import log_list
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
    Unit,
)
from cases.roles import Role
from cases.units import unit_make_default
from core.admin import BoundedAdminDates, BoundedCount, year_filter


class PersonalDataMixin:
    """The admin of personal data: it only reads, and logs what it shows.

    People, cases and everything about them change through the services, where the
    rules, the timeline and the history user are; an admin form would bypass all three.
    Editing in the admin is for reference data (the service catalogue, courses, service
    areas, users and groups).

    For inlines this is only the refusals. On a model admin every list, object, history
    and version page also writes access-log rows as the app's own pages do: one per object
    and person shown, the person found by following `person_path` from the row (None: the
    row is about nobody in the register, e.g. a coordinator).
    """

    person_path: str | None = "person_id"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        declared = list(super().get_readonly_fields(request, obj))
        if isinstance(self, InlineModelAdmin):
            return declared
        # The change page shows every field read-only by itself; simple_history's version
        # page builds its form from this list and would otherwise offer inputs.
        opts = self.model._meta
        editable = [
            f.name for f in (*opts.fields, *opts.many_to_many) if f.editable and not f.auto_created
        ]
        return [*editable, *(name for name in declared if name not in editable)]

    def get_search_fields(self, request):
        # Nothing here is edited, so no form needs to look it up; the autocomplete
        # endpoint would otherwise list names by search term with no access-log row.
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "autocomplete":
            return ()
        return super().get_search_fields(request)

    def people_shown(self, pks) -> list[tuple]:
        """`(object_id, person_id)` for each of these objects, once per person it is about."""
        if self.person_path is None:
            return [(pk, None) for pk in pks]
        rows = self.model._default_manager.filter(pk__in=pks)
        return list(rows.order_by().values_list("pk", self.person_path))

    def people_on_page(self, objects) -> list[tuple]:
        return self.people_shown([obj.pk for obj in objects])

    def _log_shown(self, request, pks, objects=None) -> None:
        shown = self.people_shown(pks) if objects is None else self.people_on_page(objects)
        found = {str(object_id) for object_id, _ in shown}
        # The history of a deleted object still shows it: log it without its person.
        shown += [(pk, None) for pk in pks if str(pk) not in found]
        log_list(request, object_type=self.model._meta.model_name, shown=shown)

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if changelist is not None:
            # Reading the page fills the queryset's cache; the template reuses it.
            rows = changelist.result_list
            self._log_shown(request, [obj.pk for obj in rows], objects=rows)
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code == 200:
            self._log_shown(request, [unquote(object_id)])
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        if response.status_code == 200:
            self._log_shown(request, [unquote(object_id)])
        return response

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple_history saves a posted version form ("revert") after checking only the
        # view permission.
        if request.method == "POST":
            raise PermissionDenied
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if response.status_code == 200:
            self._log_shown(request, [unquote(object_id)])
        return response


class RelationInline(PersonalDataMixin, admin.TabularInline):
    model = Relation
    extra = 0


class PersonServiceInline(PersonalDataMixin, admin.TabularInline):
    model = PersonService
    extra = 0


@admin.register(Person)
class PersonAdmin(BoundedCount, PersonalDataMixin, SimpleHistoryAdmin):
    person_path = "pk"
    list_display = ["family_name", "given_name", "born_on", "expected_on", "residence"]
    list_filter = ["residence", "needs_interpreter"]
    search_fields = ["family_name", "given_name", "=national_id"]
    inlines = [RelationInline, PersonServiceInline]
    list_per_page = 50


class FamilyMemberInline(PersonalDataMixin, admin.TabularInline):
    model = FamilyMember
    extra = 0


@admin.register(Family)
class FamilyAdmin(PersonalDataMixin, admin.ModelAdmin):
    person_path = "members__person_id"
    list_display = ["name", "created_at"]
    search_fields = ["name"]
    inlines = [FamilyMemberInline]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    """Reference data: the catalogue is kept here."""

    list_display = ["name", "category", "active"]
    list_filter = ["category", "active"]
    search_fields = ["name"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    """Reference data: the KE units, their letterhead and who works in each.

    The default is changed by the action, which unsets the one before in the same
    transaction: there is always exactly one.
    """

    list_display = ["name", "kind", "is_default", "address"]
    list_filter = ["kind"]
    search_fields = ["name"]
    fields = ["name", "kind", "address", "phone", "email", "is_default", "staff"]
    readonly_fields = ["is_default"]
    filter_horizontal = ["staff"]
    actions = ["make_default"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "staff":
            kwargs["queryset"] = (
                db_field.remote_field.model.objects.filter(
                    is_active=True,
                    groups__name__in=[Role.CASEWORKER.label, Role.LEADER.label],
                )
                .distinct()
                .order_by("first_name", "last_name")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not Unit.objects.filter(is_default=True).exists():
            unit_make_default(unit=obj)

    def get_actions(self, request):
        # Deleting in bulk could take the default along; one at a time, the default never.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_default:
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(description="Gjør til standardenhet")
    def make_default(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Velg én enhet.", level="error")
            return
        unit = unit_make_default(unit=queryset.get())
        self.message_user(request, f"{unit.name} er nå standardenhet.")


class ConsentInline(PersonalDataMixin, admin.TabularInline):
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


class TimelineInline(PersonalDataMixin, admin.TabularInline):
    model = TimelineEntry
    extra = 0
    fields = ["occurred_at", "kind", "text", "author"]


@admin.register(Case)
class CaseAdmin(BoundedCount, BoundedAdminDates, PersonalDataMixin, SimpleHistoryAdmin):
    list_display = ["number", "person", "status", "origin", "received_on", "caseworker"]
    list_filter = [
        # Not a date hierarchy, which reads the distinct years of every case.
        year_filter("received_on", "mottatt år"),
        "status",
        "origin",
        "requests_coordinator",
        "requests_child_coordinator",
        "requests_plan",
    ]
    search_fields = ["=number", "person__family_name", "person__given_name", "=person__national_id"]
    list_select_related = ["person", "caseworker"]
    readonly_fields = ["number", "status", "closed_reason", "closed_on", "version"]
    inlines = [ConsentInline, TimelineInline]
    list_per_page = 50


class ObjectTypeFilter(admin.SimpleListFilter):
    title = "objekttype"
    parameter_name = "object_type"

    def lookups(self, request, model_admin):
        return list(AccessLog.OBJECT_LABELS.items())

    def queryset(self, request, queryset):
        return queryset.filter(object_type=self.value()) if self.value() else queryset


class RoleFilter(admin.SimpleListFilter):
    title = "rolle"
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return [(role.label, role.label) for role in Role]

    def queryset(self, request, queryset):
        return queryset.filter(role=self.value()) if self.value() else queryset


@admin.register(AccessLog)
class AccessLogAdmin(BoundedCount, PersonalDataMixin, BoundedAdminDates, admin.ModelAdmin):
    """Read-only: the log is append-only, for the admin too. Whose accesses are read is
    itself logged, as the log page in the app does."""

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
    # Every filter and search goes through an index, and nothing counts the whole log:
    # no date hierarchy (it reads the distinct dates of every row), fixed choices instead
    # of the distinct values of millions of rows, and a paginator that counts only a few
    # pages ahead (core.admin.BoundedCount).
    list_filter = ["action", ObjectTypeFilter, RoleFilter, ("at", admin.DateFieldListFilter)]
    search_fields = ["person_id", "username"]
    search_help_text = "Person-id (tall) eller brukernavn (nøyaktig)."
    # Each row shown is rendered cell by cell and logged (a row of its own in this log):
    # 50 a page, not the admin's 100.
    list_per_page = 50

    def people_on_page(self, objects) -> list[tuple]:
        # The rows carry their person: no second read of a table of millions by id.
        return [(row.pk, row.person_id) for row in objects]

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        if term.isdigit() and len(term) < 19:
            return queryset.filter(person_id=int(term)), False
        return queryset.filter(user__username=term), False
