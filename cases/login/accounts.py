"""Who a login is: a citizen's national id matched to the register, and their account."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from cases.models import CitizenAccount, Person, Relation
from cases.national_id import compact


def is_registered(national_id: str) -> bool:
    """True when the number is a registered person's or a registered relation's.

    The number alone decides; a name is never compared."""
    number = compact(national_id)
    if len(number) != 11 or not number.isdigit():
        return False
    return (
        Person.objects.filter(national_id=number).exists()
        or Relation.objects.filter(national_id=number).exists()
    )


def acr_is_sufficient(acr: str) -> bool:
    return bool(acr) and acr in settings.IDPORTEN_ACCEPTED_ACR


def is_citizen(user) -> bool:
    """A citizen's user: logged in through ID-porten (or the development login)."""
    # A citizen's user never has a password, so a user with one costs no query here.
    if not user.is_authenticated or user.has_usable_password():
        return False
    cached = getattr(user, "_ke_is_citizen", None)
    if cached is None:
        cached = user._ke_is_citizen = CitizenAccount.objects.filter(user_id=user.pk).exists()
    return cached


@transaction.atomic
def citizen_login(*, national_id: str, acr: str):
    """The citizen's user, created on the first login: no password, no staff role.

    Records the assurance level of this login. The username says nothing about who the
    citizen is, since usernames go into logs."""
    number = compact(national_id)
    account = (
        CitizenAccount.objects.select_for_update()
        .select_related("user")
        .filter(national_id=number)
        .first()
    )
    if account is None:
        user = get_user_model().objects.create_user(f"innbygger-{secrets.token_hex(8)}")
        account = CitizenAccount.objects.create(user=user, national_id=number, last_acr=acr)
    else:
        account.last_acr = acr
        account.save(update_fields=["last_acr"])
    return account.user
