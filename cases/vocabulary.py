"""The words every app shares: what the coordinating unit (KE) can grant.

`ServiceKind` is the one definition of the three services. A case asks for them, the
eligibility engine assesses them, a decision grants or refuses one, a coordinator is
appointed for one, and the stored values ("koordinator", ...) are written nowhere else.

It imports only the choices class from Django and no models, so the pure eligibility
rules can use it without a database or settings.
"""

from django.db import models


class ServiceKind(models.TextChoices):
    COORDINATOR = "koordinator", "Koordinator"
    CHILD_COORDINATOR = "barnekoordinator", "Barnekoordinator"
    PLAN = "individuell_plan", "Individuell plan"
