"""The insured person: a name and a Chinese resident identity number, validated, and the age it proves;
the people a user saves; and the one check every cover passes through (``insured_for``): who it
insures, their age, and a minor's death cover.

The rules are in docs/domain.md (Users and identity; Insured persons).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.dialects import postgresql, sqlite
from stdnum.cn import ric

from app.core import clock, pii
from app.core.db import insert_unless_exists
from app.core.errors import Conflict, NotFound, ValidationFailed
from app.core.i18n import yuan
from app.extensions import db
from app.insured.models import HOLDER_COLUMN_NAMES, DeathCoverLock, InsuredPerson


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
#: ASCII digits only: ``\d`` would also take full-width (０-９) and other scripts' digits, and the same person's
#: number in another form would be another person to the lookup hash (a minor's death cover summed twice).
_SHAPE = re.compile(r"[0-9]{17}[0-9X]")


def check_id_number(raw: str) -> tuple[str, dt.date]:
    """The identity number, normalised, and the birth date it holds; ``ValueError`` with a plain message.

    It checks what the number itself proves: its shape, its check digit (ISO 7064 MOD 11-2),
    a birth date that exists and has passed, and a province. It does not check the district
    (digits 3 to 6) against a table of districts as they were in the birth year: districts
    are created, merged and renamed (Shanghai Pudong 310115 in 1993, Shenzhen Bao'an 440306
    in 1993), and a person born earlier who registers there later holds a genuine number
    that such a table refuses (docs/domain.md, Users and identity).

    The number is normalised first (NFKC: full-width ０-９ and Ｘ, as a Chinese keyboard types them, become
    0-9 and X), so that the same number is always the same person: its lookup hash sums a minor's death
    cover and keeps each person once per user.
    """
    number = "".join(unicodedata.normalize("NFKC", raw).split()).upper()
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
    """Check the name and identity number; 422 naming ``insured.id_number`` (``field_prefix`` "" names
    ``id_number``) when it is not valid."""
    prefix = f"{field_prefix}." if field_prefix else ""
    name = " ".join(data["name"].split())
    if not name:
        raise ValidationFailed.for_field(f"{prefix}name", _("Please enter the insured person's name."))
    try:
        number, birth_date = check_id_number(data["id_number"])
    except ValueError as invalid:
        raise ValidationFailed.for_field(f"{prefix}id_number", str(invalid), code="invalid_id_number") from None
    return Insured(name=name, id_number=number, birth_date=birth_date)


def age_today(insured: Insured) -> int:
    """The insured's age today, in Beijing time."""
    return insured.age_on(clock.to_shanghai(clock.now()).date())


def check_age(insured: Insured, age_min: int, age_max: int, field: str = "insured.id_number") -> int:
    """The insured's age today (Asia/Shanghai); 422 ``age_not_covered`` naming ``field`` when the plan
    does not cover that age."""
    age = age_today(insured)
    if not age_min <= age <= age_max:
        raise ValidationFailed.for_field(
            field,
            _("This cover is for people aged %(youngest)s to %(oldest)s; the insured person is %(age)s.",
              youngest=age_min, oldest=age_max, age=age),
            code="age_not_covered",
        )
    return age


# -- who a new cover insures ---------------------------------------------------------------------

@dataclass(frozen=True)
class InsuredChoice:
    """Who a new cover insures, as the client named them (``schemas.InsuredChoiceSchema``): typed in
    (``details``: ``{name, id_number}``) or saved (``person_id``, one of the user's insured persons)."""

    details: dict | None = None
    person_id: int | None = None


def insured_for(user_id: int, choice: InsuredChoice, plan, coverage_fen: int | None = None) -> Insured:
    """Who a new cover of ``plan`` insures, checked for it: the one call every feature that creates
    cover makes (a purchase, an envelope share's activation, a reward's redemption).

    In this order: the person (a saved one of another user, or none, is 404
    ``insured_person_not_found``; a typed-in one must be valid), their age against the plan's
    (422 ``age_not_covered``), and a minor's death cover against the regulator's cap (422
    ``minor_death_cover_exceeded``). ``coverage_fen`` is the cover's own when it is not one term of
    the plan (a gift share). For a minor it locks the person's death cover until the unit of work
    ends, so the caller must create the cover in the same unit of work.
    """
    if choice.person_id is not None:
        person, field = saved_insured(user_id, choice.person_id), "insured_person_id"
    else:
        person, field = validate_insured(choice.details), "insured.id_number"
    age = check_age(person, plan.age_min, plan.age_max, field)
    death_benefit = plan.death_benefit_for(plan.coverage_fen if coverage_fen is None else coverage_fen)
    check_minor_death_cover(person, age, death_benefit, field)
    return person


# -- a minor's death cover -----------------------------------------------------------------------

#: CIRC 保监发〔2015〕90号 (in force 2016-01-01): a minor's death benefits, summed across every insurer,
#: are at most 200,000 yuan under age 10 and 500,000 yuan from 10 to under 18. Each entry is
#: (under this age, at most this many fen); we can count only the cover held with us.
MINOR_DEATH_CAPS = ((10, 200_000 * 100), (18, 500_000 * 100))

#: What holds death cover on a person, declared by the features that keep it (``declare_death_cover``).
_DEATH_COVER_SOURCES: list[Callable[[str, dt.datetime], sa.ScalarSelect]] = []


def declare_death_cover(source: Callable[[str, dt.datetime], sa.ScalarSelect]) -> None:
    """A feature that keeps death cover declares it once: ``source(id_hash, now)`` is a scalar SELECT
    of the death benefit, in fen, that the person with that identity-number hash holds with us now
    (policies in force; orders waiting for their payment). All are summed in one statement, so they
    are read from one snapshot: a payment that turns an order into a policy is counted once, never
    zero times."""
    _DEATH_COVER_SOURCES.append(source)


def minor_death_cap(age: int) -> int | None:
    """The most death cover a person of ``age`` may hold, in fen; None for an adult."""
    return next((cap for below, cap in MINOR_DEATH_CAPS if age < below), None)


def death_cover_of(id_hash: str) -> int:
    """The death benefit, in fen, the person holds with us now (docs/domain.md, Insured persons).
    Only ours: other insurers' policies are beyond our sight."""
    now = clock.now()
    held = [sa.func.coalesce(source(id_hash, now), 0) for source in _DEATH_COVER_SOURCES]
    if not held:
        return 0
    return int(db.session.scalar(sa.select(sum(held[1:], held[0]))))


def lock_death_cover(id_hash: str) -> None:
    """Lock the person's death cover until this unit of work ends: one upsert of their lock row.

    On PostgreSQL the row lock makes a second sale for the same person wait here until the first
    commits (its cover then counted) or rolls back; on SQLite every unit of work takes the write
    lock at BEGIN (``core.db``), and the upsert is the same statement.
    """
    connection = db.session.connection()
    insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[connection.dialect.name]
    statement = insert(DeathCoverLock.__table__).values(id_hash=id_hash, locked_at=clock.now())
    connection.execute(statement.on_conflict_do_update(index_elements=["id_hash"],
                                                       set_={"locked_at": statement.excluded.locked_at}))


def check_minor_death_cover(person: Insured, age: int, death_benefit_fen: int, field: str) -> None:
    """422 ``minor_death_cover_exceeded`` naming ``field`` when cover with this death benefit would take
    a minor past the cap for their age (``MINOR_DEATH_CAPS``), counting their cover with us."""
    cap = minor_death_cap(age)
    if cap is None or death_benefit_fen == 0:
        return
    id_hash = pii.lookup_hash(person.id_number)
    lock_death_cover(id_hash)
    held = death_cover_of(id_hash)
    if held + death_benefit_fen <= cap:
        return
    amounts = {"cap": yuan(cap), "held": yuan(held), "this": yuan(death_benefit_fen)}
    if cap == MINOR_DEATH_CAPS[0][1] and held:
        message = _("By regulation, a child under 10 can have at most %(cap)s yuan of death cover, counting every "
                    "insurer. This child already has %(held)s yuan of it with us, and this cover's %(this)s yuan "
                    "would go over that.", **amounts)
    elif cap == MINOR_DEATH_CAPS[0][1]:
        message = _("By regulation, a child under 10 can have at most %(cap)s yuan of death cover, counting every "
                    "insurer. This cover alone pays %(this)s yuan on death, which is over that.", **amounts)
    elif held:
        message = _("By regulation, a child aged 10 to 17 can have at most %(cap)s yuan of death cover, counting "
                    "every insurer. This child already has %(held)s yuan of it with us, and this cover's %(this)s "
                    "yuan would go over that.", **amounts)
    else:
        message = _("By regulation, a child aged 10 to 17 can have at most %(cap)s yuan of death cover, counting "
                    "every insurer. This cover alone pays %(this)s yuan on death, which is over that.", **amounts)
    raise ValidationFailed(message, code="minor_death_cover_exceeded", details={
        "fields": {field: [message]}, "cap_fen": cap, "held_fen": held, "death_benefit_fen": death_benefit_fen})


# -- the people a user saves ---------------------------------------------------------------------

class InsuredPersonNotFound(NotFound):
    code = "insured_person_not_found"


def _not_found() -> InsuredPersonNotFound:
    return InsuredPersonNotFound(_("We could not find that insured person."))


@dataclass
class SavedPerson:
    """A saved insured person as the user sees them: masked, with the age their number proves."""

    id: int
    relation: str
    name_masked: str
    id_number_masked: str
    age: int


def _as_insured(row: InsuredPerson) -> Insured:
    number = pii.decrypt(row.id_encrypted)
    return Insured(name=pii.decrypt(row.name_encrypted), id_number=number, birth_date=birth_date_of(number))


def birth_date_of(number: str) -> dt.date:
    """The birth date a number checked by ``check_id_number`` holds."""
    return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def _view(row: InsuredPerson) -> SavedPerson:
    return SavedPerson(id=row.id, relation=row.relation, name_masked=row.name_masked,
                       id_number_masked=row.id_masked, age=age_today(_as_insured(row)))


def saved_for_user(user_id: int) -> list[SavedPerson]:
    """The user's insured persons: themselves first, then in the order they were saved."""
    rows = db.session.scalars(sa.select(InsuredPerson).where(InsuredPerson.user_id == user_id).order_by(
        sa.case((InsuredPerson.relation == "self", 0), else_=1), InsuredPerson.id))
    return [_view(row) for row in rows]


def holder_fields(user_id: int) -> dict:
    """The policyholder's columns (``HolderColumns``) for cover the user takes out now: the 本人 they saved, their own
    name and identity number, copied so that the policy keeps them whatever the user saves or deletes later; all
    None while they have saved none."""
    own = db.session.execute(sa.select(
        InsuredPerson.name_encrypted, InsuredPerson.name_masked, InsuredPerson.id_encrypted, InsuredPerson.id_masked,
    ).where(InsuredPerson.user_id == user_id, InsuredPerson.relation == "self")).one_or_none()
    return dict(zip(HOLDER_COLUMN_NAMES, own or (None,) * len(HOLDER_COLUMN_NAMES)))


def saved_insured(user_id: int, person_id: int) -> Insured:
    """One of the user's saved insured persons, to insure; another user's is 404 like one that does not exist."""
    row = db.session.scalars(sa.select(InsuredPerson).where(
        InsuredPerson.id == person_id, InsuredPerson.user_id == user_id)).one_or_none()
    if row is None:
        raise _not_found()
    return _as_insured(row)


def save_person(user_id: int, relation: str, details: dict) -> SavedPerson:
    """Save someone the user insures. The database refuses a second ``self`` (409 ``self_exists``) and
    an identity number the user has saved already (409 ``insured_person_exists``), whatever runs at once;
    ``details.id`` names the person saved before."""
    person = validate_insured(details, field_prefix="")
    fields = person.stored_fields()
    values = {"user_id": user_id, "relation": relation, "name_encrypted": fields["insured_name_encrypted"],
              "name_masked": fields["insured_name_masked"], "id_encrypted": fields["insured_id_encrypted"],
              "id_masked": fields["insured_id_masked"], "id_hash": fields["insured_id_hash"],
              "created_at": clock.now()}
    person_id = insert_unless_exists(InsuredPerson, values, unique=None)
    if person_id is None:
        same_number = db.session.scalar(sa.select(InsuredPerson.id).where(
            InsuredPerson.user_id == user_id, InsuredPerson.id_hash == values["id_hash"]))
        if same_number is not None:
            raise Conflict(_("You have already saved this person."), code="insured_person_exists",
                           details={"id": same_number})
        yourself = db.session.scalar(sa.select(InsuredPerson.id).where(
            InsuredPerson.user_id == user_id, InsuredPerson.relation == "self"))
        if relation == "self" and yourself is not None:
            raise Conflict(_("You have already saved yourself."), code="self_exists", details={"id": yourself})
        # The row it met was deleted since: the same request again will be saved.
        raise Conflict(_("You have already saved this person."), code="insured_person_exists")
    return SavedPerson(id=person_id, relation=relation, name_masked=values["name_masked"],
                       id_number_masked=values["id_masked"], age=age_today(person))


def delete_person(user_id: int, person_id: int) -> None:
    """Remove one of the user's insured persons (cover already bought for them keeps its own copy)."""
    deleted = db.session.execute(sa.delete(InsuredPerson).where(
        InsuredPerson.id == person_id, InsuredPerson.user_id == user_id))
    if deleted.rowcount == 0:
        raise _not_found()
