from django.db.models import Count, Q

from coordinators.models import Appointment, Coordinator


def coordinator_list_with_load():
    return Coordinator.objects.select_related("user", "service_area").annotate(
        active_cases=Count("appointments", filter=Q(appointments__ended_on__isnull=True))
    )


def appointments_for_user(user):
    """The active appointments of the coordinator this user is."""
    return (
        Appointment.objects.filter(coordinator__user=user, ended_on__isnull=True)
        .select_related("case__person")
        .order_by("case__person__family_name")
    )


def case_appointments(case):
    return Appointment.objects.filter(case=case).select_related("coordinator__user")
