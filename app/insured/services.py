"""The insured person: a name and a Chinese resident identity number, validated, and the age it proves."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stdnum.cn import ric
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength, ValidationError

from app.core import clock, pii
from app.errors import ValidationFailed


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
            "insured_birth_date": self.birth_date,
        }


_ID_MESSAGES = {
    InvalidLength: "An identity number has 18 characters.",
    InvalidFormat: "An identity number is 17 digits followed by a digit or X.",
    InvalidChecksum: "This identity number is not valid; please check it for a typo.",
    InvalidComponent: "This identity number has a birth date or region that does not exist.",
}


def validate_insured(data: dict, field_prefix: str = "insured") -> Insured:
    """Check the name and identity number; 422 naming ``insured.id_number`` when it is not valid."""
    name = " ".join(data["name"].split())
    if not name:
        raise ValidationFailed.for_field(f"{field_prefix}.name", "Please enter the insured person's name.")
    field = f"{field_prefix}.id_number"
    try:
        number = ric.validate(data["id_number"])
        birth_date = ric.get_birth_date(number)
    except ValidationError as exc:
        message = _ID_MESSAGES.get(type(exc), "This identity number is not valid.")
        raise ValidationFailed.for_field(field, message, code="invalid_id_number") from None
    today = clock.to_shanghai(clock.now()).date()
    if birth_date > today or birth_date.year < 1900:
        raise ValidationFailed.for_field(field, _ID_MESSAGES[InvalidComponent], code="invalid_id_number")
    return Insured(name=name, id_number=number, birth_date=birth_date)


def check_age(insured: Insured, age_min: int, age_max: int, field_prefix: str = "insured") -> int:
    """The insured's age today (Asia/Shanghai); 422 when the plan does not cover that age."""
    age = insured.age_on(clock.to_shanghai(clock.now()).date())
    if not age_min <= age <= age_max:
        raise ValidationFailed.for_field(
            f"{field_prefix}.id_number",
            f"This cover is for people aged {age_min} to {age_max}; the insured person is {age}.",
            code="age_not_covered",
        )
    return age
