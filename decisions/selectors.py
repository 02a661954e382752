from decisions.models import Decision


def case_has_sent_decision(case) -> bool:
    return Decision.objects.filter(case=case, status__in=Decision.SENT_STATUSES).exists()


def granted_services(case) -> set[str]:
    """What the case has a sent grant for: 'koordinator', 'barnekoordinator', 'individuell_plan'."""
    return set(
        Decision.objects.filter(
            case=case, status__in=Decision.SENT_STATUSES, outcome__in=Decision.GRANTING_OUTCOMES
        ).values_list("service", flat=True)
    )
