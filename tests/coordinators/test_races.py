import threading

import pytest
from django.db import connection

from coordinators import services
from coordinators.models import Appointment
from core.errors import RuleViolation
from tests.coordinators.factories import CourseFactory, GrantFactory, qualify
from tests.factories import CoordinatorFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_two_caseworkers_appointing_at_once_give_the_case_one_coordinator(on_postgresql):
    CourseFactory()
    case = GrantFactory().case
    caseworker = UserFactory(caseworker=True)
    coordinators = [qualify(CoordinatorFactory()) for _ in range(4)]
    barrier = threading.Barrier(len(coordinators))
    refused, errors = [], []

    def work(coordinator):
        try:
            barrier.wait()
            services.appointment_create(
                case=case, coordinator=coordinator, kind="coordinator", by=caseworker
            )
        except RuleViolation as error:
            refused.append(error)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(c,)) for c in coordinators]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Appointment.objects.filter(case=case, ended_on__isnull=True).count() == 1
    assert len(refused) == 3
