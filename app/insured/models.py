"""The people we insure: columns that keep an insured person on any row that needs one (a sale, a
policy), the people a user has saved, and the lock a minor's death cover is checked under."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from app.core import clock
from app.core.types import BigIntPK, UTCDateTime
from app.extensions import db


class InsuredColumns:
    """The insured person, encrypted, with masked copies to show and a keyed hash to search."""

    insured_name_encrypted: Mapped[str | None] = mapped_column(sa.Text)
    insured_name_masked: Mapped[str | None] = mapped_column(sa.String(48))
    insured_id_encrypted: Mapped[str | None] = mapped_column(sa.Text)
    insured_id_masked: Mapped[str | None] = mapped_column(sa.String(24))

    @declared_attr
    def insured_id_hash(cls) -> Mapped[str | None]:
        #: HMAC of the identity number (app.core.pii): find every policy of one person.
        return mapped_column(sa.String(64), index=True)


#: The columns, for copying an insured person from one row to another. No birth date: the
#: encrypted identity number holds it, and a plain one beside the masked number would be a clue.
INSURED_COLUMN_NAMES = ("insured_name_encrypted", "insured_name_masked", "insured_id_encrypted",
                        "insured_id_masked", "insured_id_hash")


class HolderColumns:
    """The policyholder (投保人) as the user had saved themselves (本人) when the cover was taken out: their
    name and identity number, encrypted, with masked copies to print. Empty while they had saved no 本人: the
    e-policy then names their WeChat account (docs/domain.md, The e-policy)."""

    holder_name_encrypted: Mapped[str | None] = mapped_column(sa.Text)
    holder_name_masked: Mapped[str | None] = mapped_column(sa.String(48))
    holder_id_encrypted: Mapped[str | None] = mapped_column(sa.Text)
    holder_id_masked: Mapped[str | None] = mapped_column(sa.String(24))


HOLDER_COLUMN_NAMES = ("holder_name_encrypted", "holder_name_masked", "holder_id_encrypted", "holder_id_masked")
#: Everyone a cover names, for copying from a sale to its policy.
PARTY_COLUMN_NAMES = INSURED_COLUMN_NAMES + HOLDER_COLUMN_NAMES

#: Who an insured person is to the user who saved them (Insurance Law art. 31; the choices insurers' pages offer).
RELATIONS = ("self", "spouse", "child", "parent")


class InsuredPerson(db.Model):
    """Someone a user insures, saved so that buying for them again takes a tap (常用被保险人).

    The database holds the per-user rules, so two requests at once cannot both get past them:
    one ``self`` per user (a partial unique index) and each identity number once per user.
    """

    __tablename__ = "insured_persons"
    __table_args__ = (
        sa.CheckConstraint(sa.column("relation").in_(RELATIONS), name="relation"),
        sa.UniqueConstraint("user_id", "id_hash"),
        sa.Index("uq_insured_persons_user_id_self", "user_id", unique=True,
                 sqlite_where=sa.text("relation = 'self'"), postgresql_where=sa.text("relation = 'self'")),
        # A deleted person's id never names another: a client holding it gets 404, not someone else
        # (SQLite would otherwise reuse the highest id; PostgreSQL's sequence never does).
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    #: Whose list it is on (the unique key on user and id_hash serves lookups by user too).
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    #: self, spouse, child or parent.
    relation: Mapped[str] = mapped_column(sa.String(8))
    name_encrypted: Mapped[str] = mapped_column(sa.Text)
    name_masked: Mapped[str] = mapped_column(sa.String(48))
    id_encrypted: Mapped[str] = mapped_column(sa.Text)
    id_masked: Mapped[str] = mapped_column(sa.String(24))
    #: HMAC of the identity number (app.core.pii), as on applications and policies.
    id_hash: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)


class DeathCoverLock(db.Model):
    """One row per person whose death cover was ever checked against the minors' cap, keyed by their
    identity number's lookup hash. A sale for a minor writes it first (one upsert), so two sales for
    the same child take turns: the second sums the cover after the first has committed or rolled back.
    """

    __tablename__ = "death_cover_locks"

    id_hash: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    #: When a sale last checked this person's cover.
    locked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
