"""Fødselsnummer and D-nummer: validation, birth date and masking.

Wraps python-stdnum, and also accepts the rule Skatteetaten introduces from
2032, under which the first check digit may leave a remainder of 1, 2 or 3.
Gender is never derived from the number. Never log a number.
"""

import datetime

from stdnum import exceptions
from stdnum.no import fodselsnummer

_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)
_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)


class InvalidNationalId(ValueError):
    """Carries a message in Norwegian for the user."""


def compact(number: str) -> str:
    return fodselsnummer.compact(number or "")


def _checksums_hold(number: str) -> bool:
    digits = [int(c) for c in number]
    first = sum(w * d for w, d in zip(_WEIGHTS_1, digits[:10], strict=True)) % 11
    second = sum(w * d for w, d in zip(_WEIGHTS_2, digits, strict=True)) % 11
    # Remainder 0 is the old rule; 1-3 are also valid for the first digit from 2032.
    return first in (0, 1, 2, 3) and second == 0


def validate(number: str, *, today: datetime.date | None = None) -> str:
    """Return the compact number, or raise InvalidNationalId with a Norwegian message."""
    number = compact(number)
    if len(number) != 11 or not number.isdigit():
        raise InvalidNationalId("Fødselsnummer og D-nummer har 11 siffer.")
    if not _checksums_hold(number):
        raise InvalidNationalId("Kontrollsifrene stemmer ikke. Sjekk nummeret.")
    born_on = birth_date(number)
    if born_on > (today or datetime.date.today()):
        raise InvalidNationalId("Fødselsdatoen i nummeret ligger fram i tid.")
    return number


def birth_date(number: str) -> datetime.date:
    try:
        return fodselsnummer.get_birth_date(compact(number))
    except (exceptions.ValidationError, ValueError) as error:
        raise InvalidNationalId("Nummeret inneholder ingen gyldig fødselsdato.") from error


def mask(number: str | None) -> str:
    """Show only the birth-date part: 010203*****."""
    if not number:
        return ""
    return number[:6] + "*****"


def synthesize(born_on: datetime.date, individual: int, *, d_number: bool = False) -> str:
    """A number that passes validation, for demo and test data only.

    `individual` (0-999) must fit the century of `born_on`: 0-499 for 1900-1999,
    500-999 for 2000-2039.
    """
    day = born_on.day + (40 if d_number else 0)
    base = f"{day:02d}{born_on:%m}{born_on:%y}{individual:03d}"
    for k1 in range(10):
        if sum(w * int(c) for w, c in zip(_WEIGHTS_1, base + str(k1), strict=True)) % 11:
            continue
        partial = base + str(k1)
        for k2 in range(10):
            if (
                sum(w * int(c) for w, c in zip(_WEIGHTS_2, partial + str(k2), strict=True)) % 11
                == 0
            ):
                return partial + str(k2)
    raise ValueError("no valid check digits for this individual number; try the next one")
