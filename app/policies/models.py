from __future__ import annotations

import datetime as dt
import secrets

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.catalog.models import Plan
from app.core import clock
from app.core.states import StateMachine
from app.core.types import BigIntPK, UTCDateTime
from app.extensions import db
from app.insured.models import HolderColumns, InsuredColumns

POLICY_STATUSES = ("active", "cancelling", "cancelled", "expired")
SOURCES = ("purchase", "envelope", "reward")

#: The letters of a verification code: digits and capitals without 0/O, 1/I/L, so it reads back aloud.
VERIFICATION_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
VERIFICATION_CODE_LENGTH = 16


def new_verification_code() -> str:
    """16 letters of 31 (79 bits) from the OS's random source: unguessable, so the public check page
    (``/verify/<code>``) shows a policy only to whoever holds its document. One draw of a number below 31^16,
    written in the alphabet's 31 letters: every code as likely as any other, as 16 draws of a letter would
    make them, for one read of the random source instead of sixteen (a tenth of issuing a batch of policies)."""
    number = secrets.randbelow(len(VERIFICATION_ALPHABET) ** VERIFICATION_CODE_LENGTH)
    letters = []
    for _position in range(VERIFICATION_CODE_LENGTH):
        number, index = divmod(number, len(VERIFICATION_ALPHABET))
        letters.append(VERIFICATION_ALPHABET[index])
    return "".join(letters)


class Policy(StateMachine, InsuredColumns, HolderColumns, db.Model):
    __tablename__ = "policies"
    __table_args__ = (
        sa.CheckConstraint(sa.column("status").in_(POLICY_STATUSES), name="status"),
        sa.CheckConstraint(sa.column("source").in_(SOURCES), name="source"),
    )

    NOUN = _l("policy")
    #: active from issue; cancelling while its cooling-off refund is on its way, cancelled once it
    #: is back. "expired" is never stored: an active policy past ``ends_at`` shows expired (status_at).
    TRANSITIONS = {
        "active": frozenset({"cancelling"}),
        "cancelling": frozenset({"cancelled"}),
    }

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    #: What the holder and the insurer call it: P + issue date (Shanghai) + 10 random digits.
    policy_no: Mapped[str] = mapped_column(sa.String(24), unique=True)
    #: Printed on the e-policy with a QR code to ``/verify/<code>``, the public check that it is genuine.
    verification_code: Mapped[str] = mapped_column(sa.String(24), unique=True, default=new_verification_code)
    #: The paid order this policy was issued for; unique, so one order can never issue two.
    order_id: Mapped[int | None] = mapped_column(sa.ForeignKey("orders.id"), unique=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("plans.id"))
    source: Mapped[str] = mapped_column(sa.String(16))
    status: Mapped[str] = mapped_column(sa.String(16), default="active")
    coverage_fen: Mapped[int] = mapped_column(sa.BigInteger)
    #: What it pays if the insured dies, as sold (the plan's, or a gift share's in proportion): while the
    #: policy is in force it counts toward a minor's death-cover cap (docs/domain.md, Insured persons).
    death_benefit_fen: Mapped[int] = mapped_column(sa.BigInteger)
    premium_fen: Mapped[int] = mapped_column(sa.BigInteger)
    #: The moment of issue: cover starts then.
    starts_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    #: Midnight (Asia/Shanghai) after the last day of the term.
    ends_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    #: Illness is covered from here (the plan's waiting period); accidents from starts_at.
    illness_cover_starts_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    issued_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: The names it was sold under: its product's and plan's, in both languages, as they were when it was issued.
    #: What the contract calls it, so an operator renaming the product or plan renames what is sold from then on,
    #: never the policies already sold (their page, e-policy, check page and claims keep these).
    product_name_zh: Mapped[str] = mapped_column(sa.String(80))
    product_name_en: Mapped[str] = mapped_column(sa.String(80))
    plan_name_zh: Mapped[str] = mapped_column(sa.String(80))
    plan_name_en: Mapped[str] = mapped_column(sa.String(80))
    #: What it covers and excludes (保障责任, 责任免除), in both languages, as its product said when it was issued:
    #: part of the contract, so a later edit of the product's words applies to policies sold after it only.
    covered_zh: Mapped[list | None] = mapped_column(sa.JSON)
    covered_en: Mapped[list | None] = mapped_column(sa.JSON)
    not_covered_zh: Mapped[list | None] = mapped_column(sa.JSON)
    not_covered_en: Mapped[list | None] = mapped_column(sa.JSON)

    plan: Mapped[Plan] = relationship(lazy="joined", innerjoin=True)

    def status_at(self, moment: dt.datetime) -> str:
        """The status a user sees: an active policy past its end has expired."""
        if self.status == "active" and moment >= self.ends_at:
            return "expired"
        return self.status
