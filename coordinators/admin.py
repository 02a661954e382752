from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

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
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["services"]


@admin.register(Coordinator)
class CoordinatorAdmin(SimpleHistoryAdmin):
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
class AppointmentAdmin(SimpleHistoryAdmin):
    list_display = ["case", "coordinator", "kind", "started_on", "ended_on"]
    list_filter = ["kind"]
    list_select_related = ["case", "coordinator__user"]
    raw_id_fields = ["case"]


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "validity_months",
        "required_for_coordinator",
        "required_for_child_coordinator",
        "active",
    ]
    list_filter = ["active"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ["coordinator"]
    readonly_fields = ["booked_by"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    list_display = ["course", "held_on", "place", "trainer"]
    list_filter = ["course"]
    list_select_related = ["course"]
    inlines = [AttendanceInline]


@admin.register(Completion)
class CompletionAdmin(admin.ModelAdmin):
    list_display = ["coordinator", "course", "completed_on"]
    list_filter = ["course"]
    list_select_related = ["coordinator__user", "course"]
    raw_id_fields = ["coordinator", "attendance"]


@admin.register(GuidanceSession)
class GuidanceSessionAdmin(admin.ModelAdmin):
    list_display = ["held_on", "kind", "topic", "guide"]
    list_filter = ["kind"]
    filter_horizontal = ["coordinators"]
