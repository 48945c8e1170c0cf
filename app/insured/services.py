"""The insured person: a name and a Chinese resident identity number, validated, and the age it proves."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from flask_babel import gettext as _
from stdnum.cn import ric

from app.core import clock, pii
from app.core.errors import ValidationFailed


@dataclass
class Insured:
    name: str
    id_number: str
    birth_date: dt.date

    def age_on(self, day: dt.date) -> int:
        years = day.year - self.birth_date.year
        return years - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))

    def stored_fields(self) -> dict:
        """Column values for a row that keeps an insured person (orders, policies, grabs)."""
        return {
            "insured_name_encrypted": pii.encrypt(self.name),
            "insured_name_masked": pii.mask_name(self.name),
            "insured_id_encrypted": pii.encrypt(self.id_number),
            "insured_id_masked": pii.mask_id_number(self.id_number),
            "insured_id_hash": pii.lookup_hash(self.id_number),
        }


#: The provinces (省级行政区) an identity number's first two digits may name (GB/T 2260), with 71 for
#: Taiwan and 81, 82, 83 for the residence permits of Hong Kong, Macau and Taiwan residents.
PROVINCE_CODES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43",
    "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82", "83",
})
_SHAPE = re.compile(r"\d{17}[\dX]")


def check_id_number(raw: str) -> tuple[str, dt.date]:
    """The identity number, normalised, and the birth date it holds; ``ValueError`` with a plain message.

    It checks what the number itself proves: its shape, its check digit (ISO 7064 MOD 11-2),
    a birth date that exists and has passed, and a province. It does not check the district
    (digits 3 to 6) against a table of districts as they were in the birth year: districts
    are created, merged and renamed (Shanghai Pudong 310115 in 1993, Shenzhen Bao'an 440306
    in 1993), and a person born earlier who registers there later holds a genuine number
    that such a table refuses (docs/domain.md, Users and identity).
    """
    number = "".join(raw.split()).upper()
    if len(number) != 18:
        raise ValueError(_("An identity number has 18 characters."))
    if not _SHAPE.fullmatch(number):
        raise ValueError(_("An identity number is 17 digits followed by a digit or X."))
    if number[-1] != ric.calc_check_digit(number):
        raise ValueError(_("This identity number is not valid; please check it for a typo."))
    try:
        birth_date = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValueError(_("This identity number has a birth date that does not exist.")) from None
    if birth_date > clock.to_shanghai(clock.now()).date() or birth_date.year < 1900:
        raise ValueError(_("This identity number has a birth date that does not exist."))
    if number[:2] not in PROVINCE_CODES:
        raise ValueError(_("This identity number names a province that does not exist."))
    return number, birth_date


def validate_insured(data: dict, field_prefix: str = "insured") -> Insured:
    """Check the name and identity number; 422 naming ``insured.id_number`` when it is not valid."""
    name = " ".join(data["name"].split())
    if not name:
        raise ValidationFailed.for_field(f"{field_prefix}.name", _("Please enter the insured person's name."))
    try:
        number, birth_date = check_id_number(data["id_number"])
    except ValueError as invalid:
        raise ValidationFailed.for_field(f"{field_prefix}.id_number", str(invalid), code="invalid_id_number") from None
    return Insured(name=name, id_number=number, birth_date=birth_date)


def check_age(insured: Insured, age_min: int, age_max: int, field_prefix: str = "insured") -> int:
    """The insured's age today (Asia/Shanghai); 422 when the plan does not cover that age."""
    age = insured.age_on(clock.to_shanghai(clock.now()).date())
    if not age_min <= age <= age_max:
        raise ValidationFailed.for_field(
            f"{field_prefix}.id_number",
            _("This cover is for people aged %(youngest)s to %(oldest)s; the insured person is %(age)s.",
              youngest=age_min, oldest=age_max, age=age),
            code="age_not_covered",
        )
    return age
