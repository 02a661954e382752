from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from coordinators.models import Appointment, Coordinator, ServiceArea


@admin.register(ServiceArea)
class ServiceAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


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
