"""Campaign settings as admins manage them: create, pause and resume, budgets and limits.

Spending a budget stays where it was (``campaigns.services.take_budget``, a guarded
UPDATE); a budget is changed here by a guarded UPDATE too, so it can never drop below
what a concurrent grant has just spent.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from app.admin.labels import label
from app.campaigns.models import CAMPAIGN_KINDS, Campaign
from app.catalog.models import CATEGORIES
from app.core import clock
from app.coupons.models import Coupon
from app.core.errors import Conflict, NotFound, ValidationFailed
from app.core.i18n import yuan
from app.envelopes import split
from app.extensions import db
from app.orders.models import Order

CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{1,39}$")


@dataclass(frozen=True)
class Setting:
    """One setting a kind's grant reads: a whole number from ``low`` to ``high`` (``choices`` instead, for a
    text), and the form field an admin types it in (money in yuan, kept in fen)."""

    field: str
    required: bool = False
    low: int = 1
    high: int = 0
    choices: tuple | None = None


#: What a coupon may be limited to: a category users buy (gift cover is never bought).
COUPON_CATEGORIES = tuple(category for category in CATEGORIES if category != "gift")
_COUPON = {
    "discount_fen": Setting("discount", required=True, high=100_000),  # 1,000 yuan: premiums are yuan, not thousands
    "valid_days": Setting("valid_days", high=366),
    "category": Setting("category", choices=(None, *COUPON_CATEGORIES)),
}
#: What each kind's grant reads from its settings (app.coupons, app.rewards, app.envelopes). Grants run in a
#: user's request, so a setting that is missing, unknown to the kind, or not a whole number in range is refused
#: here, where the admin can fix it, rather than failing the user's request later.
SETTINGS = {
    "hospital_payment": _COUPON,
    "referral": _COUPON,
    "werun": {
        # At least the smallest share an envelope gives (1,000 yuan, one coverage unit of the gift plan), at most
        # 1,000,000 yuan: cover of 0.01 yuan is a typo, and under 500 yuan its premium rounded to nothing.
        "coverage_fen": Setting("coverage", required=True, low=split.FLOOR_FEN, high=100_000_000),
        "min_steps": Setting("min_steps", high=100_000),
        "valid_days": Setting("valid_days", high=366),
    },
    "envelope_promo": {"max_coverage_fen": Setting("max_coverage", high=100_000_000)},
}
#: Each setting's form field, whichever kinds read it.
SETTING_FIELDS = {key: setting.field for settings in SETTINGS.values() for key, setting in settings.items()}
#: Each kind's settings fields, in the form's order.
FIELDS_OF_KIND = {kind: [setting.field for setting in settings.values()] for kind, settings in SETTINGS.items()}
FIELDS = ("code", "name_zh", "name_en", "kind", "budget_fen", "spent_fen", "per_user_limit", "active", "starts_at",
          "ends_at", "settings")


def list_campaigns() -> list[Campaign]:
    return list(db.session.scalars(sa.select(Campaign).order_by(Campaign.active.desc(), Campaign.id.desc())))


def get(campaign_id: int) -> Campaign:
    campaign = db.session.get(Campaign, campaign_id)
    if campaign is None:
        raise NotFound(_("We have no such campaign."))
    return campaign


def _check(kind: str, name_zh: str, name_en: str, budget_fen: int, per_user_limit: int,
           starts_at: dt.datetime | None, ends_at: dt.datetime | None, settings) -> None:
    if not (name_zh or "").strip() or len(name_zh.strip()) > 80:
        raise ValidationFailed.for_field("name_zh", _("A name of 1 to 80 characters is needed."))
    if len((name_en or "").strip()) > 80:
        raise ValidationFailed.for_field("name_en", _("A name of 1 to 80 characters is needed."))
    if budget_fen < 0:
        raise ValidationFailed.for_field("budget", _("A budget cannot be negative."))
    if per_user_limit < 0:
        raise ValidationFailed.for_field("per_user_limit", _("Use 0 for no limit, or a positive number."))
    if starts_at and ends_at and ends_at <= starts_at:
        raise ValidationFailed.for_field("ends_at", _("The end must come after the start."))
    _check_settings(kind, settings)


def _check_settings(kind: str, settings) -> None:
    allowed = SETTINGS.get(kind, {})
    if not isinstance(settings, dict):
        raise ValidationFailed.for_field("settings", _("Settings must be a JSON object."))
    for key in settings:
        if key not in allowed:
            raise ValidationFailed.for_field(
                SETTING_FIELDS.get(key, key),
                _("%(kind)s campaigns do not use this setting.", kind=label("campaign_kind", kind)),
                code="unknown_setting")
    for key, setting in allowed.items():
        value = settings.get(key)
        if setting.choices is not None:
            if value not in setting.choices:
                raise ValidationFailed.for_field(setting.field, _("Choose one of the listed values."),
                                                 code="invalid_setting")
        elif value is None:
            if setting.required:
                raise ValidationFailed.for_field(
                    setting.field, _("%(kind)s campaigns need this setting.", kind=label("campaign_kind", kind)),
                    code="missing_setting")
        elif isinstance(value, bool) or not isinstance(value, int) or not setting.low <= value <= setting.high:
            raise ValidationFailed.for_field(
                setting.field, _("Enter a whole number from %(low)s to %(high)s.", low=setting.low,
                                 high=f"{setting.high:,}") if not key.endswith("_fen") else
                _("Enter an amount from %(low)s to %(high)s yuan.", low=yuan(setting.low), high=yuan(setting.high)),
                code="invalid_setting")


def create(*, code: str, name_zh: str, name_en: str = "", kind: str, budget_fen: int, per_user_limit: int = 1,
           starts_at: dt.datetime | None = None, ends_at: dt.datetime | None = None, settings: dict | None = None,
           active: bool = True) -> Campaign:
    code = (code or "").strip().lower()
    if not CODE_PATTERN.match(code):
        raise ValidationFailed.for_field("code", _("Use 2 to 40 lower-case letters, digits, dashes or underscores."))
    if kind not in CAMPAIGN_KINDS:
        raise ValidationFailed.for_field("kind",
                                         _("The kind must be one of %(kinds)s.", kinds=", ".join(CAMPAIGN_KINDS)))
    settings = {} if settings is None else settings
    _check(kind, name_zh, name_en, budget_fen, per_user_limit, starts_at, ends_at, settings)
    campaign = Campaign(code=code, name_zh=name_zh.strip(), name_en=(name_en or "").strip(), kind=kind,
                        budget_fen=budget_fen, spent_fen=0, per_user_limit=per_user_limit, active=active,
                        starts_at=starts_at, ends_at=ends_at, settings=settings, created_at=clock.now())
    try:
        with db.session.begin_nested():
            db.session.add(campaign)
    except IntegrityError:
        raise Conflict(_("A campaign with the code %(code)s exists already.", code=code),
                       code="campaign_code_taken") from None
    return campaign


def update(campaign_id: int, *, name_zh: str, name_en: str, budget_fen: int, per_user_limit: int,
           starts_at: dt.datetime | None, ends_at: dt.datetime | None, settings: dict) -> Campaign:
    """Change a campaign's settings; the budget only if it still covers what has been spent."""
    campaign = get(campaign_id)
    _check(campaign.kind, name_zh, name_en, budget_fen, per_user_limit, starts_at, ends_at, settings)
    changed = db.session.execute(
        sa.update(Campaign).where(Campaign.id == campaign_id, Campaign.spent_fen <= budget_fen)
        .values(name_zh=name_zh.strip(), name_en=(name_en or "").strip(), budget_fen=budget_fen,
                per_user_limit=per_user_limit, starts_at=starts_at, ends_at=ends_at, settings=settings)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.refresh(campaign)
    if changed != 1:
        raise ValidationFailed.for_field(
            "budget", _("This campaign has spent %(spent)s yuan already; the budget cannot be lower.",
                        spent=format(campaign.spent_fen / 100, ",.2f")), code="budget_below_spent")
    return campaign


def set_active(campaign_id: int, active: bool) -> Campaign:
    """Pause (nothing more is granted or spent) or resume a campaign."""
    campaign = db.session.scalars(sa.select(Campaign).where(Campaign.id == campaign_id).with_for_update()).one_or_none()
    if campaign is None:
        raise NotFound(_("We have no such campaign."))
    campaign.active = active
    db.session.flush()
    return campaign


#: Coupons still the users' (available, or reserved by an unpaid order): their value stays spent.
HELD = ("available", "reserved")
#: What a used coupon took off its order: its value, or less where the premium was smaller (the rest went back).
_taken_off = sa.case((Order.discount_fen < Coupon.discount_fen, Order.discount_fen), else_=Coupon.discount_fen)


def coupon_counts() -> dict[int, dict]:
    """Coupons per campaign, by what became of them, so an operator can reconcile the budget spent: ``held`` ones
    keep their value spent (``held_fen``), ``used`` ones what they took off their order (``given_fen``: a coupon
    worth more than the premium gave the rest back), and ``revoked`` and ``expired`` ones gave theirs back
    (docs/domain.md, Coupons and rewards). One statement, so the figures agree with each other."""
    def count(*statuses):
        return sa.func.count(sa.case((Coupon.status.in_(statuses), Coupon.id)))

    def total(value, *statuses):
        return sa.func.coalesce(sa.func.sum(sa.case((Coupon.status.in_(statuses), value))), 0)

    rows = db.session.execute(
        sa.select(Coupon.campaign_id, sa.func.count(Coupon.id), count("used"), count(*HELD), count("revoked"),
                  count("expired"), total(_taken_off, "used"), total(Coupon.discount_fen, *HELD))
        .outerjoin(Order, Order.id == Coupon.order_id)
        .group_by(Coupon.campaign_id)).all()
    return {campaign_id: {"granted": int(granted), "used": int(used), "held": int(held), "revoked": int(revoked),
                          "expired": int(expired), "given_fen": int(given), "held_fen": int(held_value)}
            for campaign_id, granted, used, held, revoked, expired, given, held_value in rows}
