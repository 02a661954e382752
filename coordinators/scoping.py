from django.db.models import Exists, OuterRef

from coordinators.models import Appointment


def held_by_active_appointment(user):
    """The case is held by this user through an appointment that has not ended."""
    return Exists(
        Appointment.objects.filter(
            case=OuterRef("pk"), coordinator__user=user, ended_on__isnull=True
        )
    )
