"""Norwegian passwords that are easy to guess, refused beside Django's English list.

Django's CommonPasswordValidator only refuses a password that is on its list as typed.
People pad a word to reach the length rule: "Passord2026!", "sommer12345", "Hemmelig!!!!".
So the word is read out of its padding (digits, signs and spaces before and after) and
looked up in a shipped list (common_passwords_nb.txt: passwords, words, places, names).
A month or a season with a year ("Januar-2026", "høst2025høst") is refused whatever the
padding, as is a listed word said twice ("passordpassord").
"""

import re
import unicodedata
from pathlib import Path

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

WORD_LIST = Path(__file__).resolve().parent / "common_passwords_nb.txt"

MONTHS = [
    "januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
    "oktober", "november", "desember",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "des",
]  # fmt: skip
# With the spellings of keyboards without æøå.
SEASONS = [
    "vår", "vaar", "var", "sommer", "høst", "host", "hoest", "vinter",
    "påske", "paaske", "paske", "pinse", "jul",
]  # fmt: skip
_CALENDAR_WORD = "|".join(sorted(MONTHS + SEASONS, key=len, reverse=True))
# One or more months or seasons, with anything but letters between them.
CALENDAR = re.compile(rf"(?:{_CALENDAR_WORD})(?:[\W\d_]*(?:{_CALENDAR_WORD}))*")
# Digits, signs and spaces around the word.
PADDING = re.compile(r"^[\W\d_]+|[\W\d_]+$")
SAID_AGAIN = re.compile(r"(.+?)\1+")


def core_word(password: str) -> str:
    """The password lower-cased, without the digits, signs and spaces around it."""
    return PADDING.sub("", unicodedata.normalize("NFC", password).lower())


class NorwegianCommonPasswordValidator:
    def __init__(self, password_list_path=WORD_LIST):
        with open(password_list_path, encoding="utf-8") as lines:
            words = (line.strip() for line in lines)
            self.words = {
                unicodedata.normalize("NFC", w).lower() for w in words if w and w[0] != "#"
            }

    def validate(self, password, user=None):
        word = core_word(password)
        repeated = SAID_AGAIN.fullmatch(word)
        if word in self.words or (repeated and repeated.group(1) in self.words):
            raise ValidationError(
                "Passordet er for vanlig: et vanlig ord eller passord er lett å gjette, "
                "også med tall eller tegn foran eller bak.",
                code="password_too_common",
            )
        if CALENDAR.fullmatch(word):
            raise ValidationError(
                "Passordet er for lett å gjette: en måned eller årstid med tall, "
                "som «Sommer2026!», er blant det første som prøves.",
                code="password_calendar_word",
            )

    def get_help_text(self):
        return (
            "Passordet kan ikke være et vanlig norsk ord eller passord, eller en måned "
            "eller årstid med tall, heller ikke med tall eller tegn foran eller bak."
        )


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with its error in Norwegian.

    Django 5.2 changed the English text of this one message (`%d` for `%(min_length)d`)
    and the Norwegian translation has not followed, so Django's comes out in English.
    """

    def get_error_message(self):
        return f"Passordet er for kort. Det må bestå av minst {self.min_length} tegn."
