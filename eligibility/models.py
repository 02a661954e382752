from django.conf import settings
from django.db import models


class Assessment(models.Model):
    """A stored run of the eligibility engine: the facts, the answers and the result.

    A snapshot: later changes to the case never alter it. A decision cites one.
    """

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="assessments", verbose_name="sak"
    )
    assessed_on = models.DateField("vurderingsdato")
    facts = models.JSONField("fakta")
    # key -> {"answer": bool, "reason": str, "by": username, "at": iso datetime}
    answers = models.JSONField("svar på skjønnsspørsmål", default=dict)
    result = models.JSONField("resultat")
    engine_version = models.CharField("motorversjon", max_length=20)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "vurdering"
        verbose_name_plural = "vurderinger"
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"

    def __str__(self):
        return f"Vurdering {self.assessed_on:%d.%m.%Y} (sak {self.case_id})"

    def outcome(self, service: str) -> str:
        return self.result[service]["outcome"]
