"""Columns that keep an insured person on any row that needs one (a sale, a policy)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, declared_attr, mapped_column


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
