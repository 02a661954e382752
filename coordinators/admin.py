from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.admin import PersonalDataMixin
from coordinators.models import (
    Appointment,
    Attendance,
    Completion,
    Coordinator,
    Course,
    GuidanceSession,
    ServiceArea,
    TrainingSession,
)


@admin.register(ServiceArea)
class ServiceAreaAdmin(admin.ModelAdmin):
    """Reference data: service areas are kept here."""

    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["services"]


@admin.register(Coordinator)
class CoordinatorAdmin(PersonalDataMixin, SimpleHistoryAdmin):
    """The registry is kept in the app, where deactivating checks the appointments held."""

    person_path = None
    list_display = [
        "__str__",
        "profession",
        "workplace",
        "service_area",
        "capacity",
        "can_take_child_cases",
        "active",
    ]
    list_filter = ["service_area", "active", "can_take_child_cases"]
    search_fields = ["user__first_name", "user__last_name", "workplace"]
    list_select_related = ["user", "service_area"]


@admin.register(Appointment)
class AppointmentAdmin(PersonalDataMixin, SimpleHistoryAdmin):
    person_path = "case__person_id"
    list_display = ["case", "coordinator", "kind", "started_on", "ended_on"]
    list_filter = ["kind"]
    list_select_related = ["case", "coordinator__user"]


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    """Reference data: the courses are kept here."""

    list_display = [
        "name",
        "validity_months",
        "required_for_coordinator",
        "required_for_child_coordinator",
        "active",
    ]
    list_filter = ["active"]


class AttendanceInline(PersonalDataMixin, admin.TabularInline):
    model = Attendance
    extra = 0


# Course days, attendance, completions and guidance are the coordinators' training
# records; the app books, marks and records them with its rules (attending makes a
# completion), so the admin only reads them.


@admin.register(TrainingSession)
class TrainingSessionAdmin(PersonalDataMixin, admin.ModelAdmin):
    person_path = None
    list_display = ["course", "held_on", "place", "trainer"]
    list_filter = ["course"]
    list_select_related = ["course"]
    inlines = [AttendanceInline]


@admin.register(Completion)
class CompletionAdmin(PersonalDataMixin, admin.ModelAdmin):
    person_path = None
    list_display = ["coordinator", "course", "completed_on"]
    list_filter = ["course"]
    list_select_related = ["coordinator__user", "course"]


@admin.register(GuidanceSession)
class GuidanceSessionAdmin(PersonalDataMixin, admin.ModelAdmin):
    person_path = None
    list_display = ["held_on", "kind", "topic", "guide"]
    list_filter = ["kind"]
