import datetime

import pytest

from cases import national_id

VALID = "12048510092"  # synthetic, made by national_id.synthesize
W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)
W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)


def _synthesize(born_on, start, **kwargs):
    """Some individual numbers have no valid check digits; take the first that has."""
    for individual in range(start, start + 30):
        try:
            return national_id.synthesize(born_on, individual, **kwargs)
        except ValueError:
            continue
    raise AssertionError("no number found")


def _new_rule_number():
    """A number whose first check digit leaves remainder 1: valid only from 2032."""
    for individual in range(100, 200):
        base = f"120485{individual:03d}"
        for k1 in range(10):
            if sum(w * int(c) for w, c in zip(W1, base + str(k1), strict=True)) % 11 != 1:
                continue
            for k2 in range(10):
                number = base + str(k1) + str(k2)
                if sum(w * int(c) for w, c in zip(W2, number, strict=True)) % 11 == 0:
                    return number
    raise AssertionError("no number found")


def test_it_accepts_a_valid_number_and_reads_the_birth_date():
    assert national_id.validate(VALID) == VALID
    assert national_id.birth_date(VALID) == datetime.date(1985, 4, 12)


def test_it_accepts_a_d_number_and_reads_the_birth_date_from_it():
    number = _synthesize(datetime.date(1990, 6, 30), 300, d_number=True)
    assert number.startswith("70")
    assert national_id.birth_date(national_id.validate(number)) == datetime.date(1990, 6, 30)


def test_it_accepts_the_2032_rule_where_the_first_check_digit_leaves_remainder_one():
    number = _new_rule_number()
    assert national_id.validate(number) == number


@pytest.mark.parametrize(
    "number,message",
    [
        ("1204851009", "11 siffer"),
        ("1204851009x", "11 siffer"),
        ("12048510093", "Kontrollsifrene"),
        ("99999999999", "Kontrollsifrene"),
    ],
)
def test_it_refuses_invalid_numbers_with_a_norwegian_message(number, message):
    with pytest.raises(national_id.InvalidNationalId, match=message):
        national_id.validate(number)


def test_it_refuses_a_number_whose_birth_date_is_in_the_future():
    number = _synthesize(datetime.date(2030, 1, 1), 600)
    with pytest.raises(national_id.InvalidNationalId, match="fram i tid"):
        national_id.validate(number, today=datetime.date(2026, 11, 23))


def test_it_masks_all_but_the_birth_date():
    assert national_id.mask(VALID) == "120485*****"
