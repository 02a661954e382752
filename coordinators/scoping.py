from django.db.models import Exists, OuterRef

from coordinators.models import Appointment


def held_by_active_appointment(user, case: OuterRef):
    """The case (`case`, a reference to its id) is held by this user through an
    appointment that has not ended. None for a user who is no coordinator: the clause
    would only make every scoped query an OR (the user's coordinator record is read
    once and kept on the user)."""
    if getattr(user, "coordinator", None) is None:
        return None
    return Exists(
        Appointment.objects.filter(case=case, coordinator__user=user, ended_on__isnull=True)
    )
