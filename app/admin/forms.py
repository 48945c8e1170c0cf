"""The admin's forms (Flask-WTF: each carries its CSRF token).

Labels and messages are lazy translations, written in the admin's language when the form
is drawn; WTForms' own messages ("This field is required.") come from its catalogs,
which Flask-WTF loads for the same language.
"""

from __future__ import annotations

import decimal
import secrets

from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateTimeLocalField, HiddenField, IntegerField, PasswordField, SelectChoice,
                     SelectField, StringField, TextAreaField)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from app.admin.labels import LANGUAGE_NAMES, VOCABULARIES
from app.admin.models import ROLES
from app.admin.services.campaigns import COUPON_CATEGORIES, SETTING_FIELDS
from app.campaigns.models import CAMPAIGN_KINDS
from app.catalog.models import DOCUMENT_CODES, HEALTH_DECLARATION
from app.core import clock
from app.core.i18n import DEFAULT_LANGUAGE, LANGUAGES
from app.core.untrusted import INT64_MAX


def yuan_to_fen(text) -> int:
    """``"12.34"`` → 1234; more than two decimals, or not a number, is a ValueError."""
    try:
        value = decimal.Decimal(str(text).strip().replace(",", ""))
    except decimal.InvalidOperation:
        raise ValueError(_("Enter an amount in yuan, like 12.50.")) from None
    if not value.is_finite() or value.as_tuple().exponent < -2:
        raise ValueError(_("Enter an amount in yuan with at most two decimals."))
    # No amount column holds it. Its magnitude first: multiplying "1E+999999999" overflows decimal's context.
    if value.adjusted() > len(str(INT64_MAX)) or abs(value * 100) > INT64_MAX:
        raise ValueError(_("That amount is too large."))
    return int(value * 100)


def fen_to_yuan(fen: int | None) -> str:
    return "" if fen is None else f"{decimal.Decimal(fen) / 100:.2f}"


class YuanField(StringField):
    """An amount typed in yuan, kept as integer fen in ``.fen`` (None when left empty)."""

    fen: int | None = None

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.fen = None
        if self.data and self.data.strip():
            try:
                self.fen = yuan_to_fen(self.data)
            except ValueError as error:
                raise ValueError(str(error)) from None


class LoginForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=64)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=256)])
    next = HiddenField()


def one_time_key() -> str:
    """A new form's key (``AuditEntry.form_key``): each drawing of the form gets its own."""
    return secrets.token_urlsafe(24)


class RefundForm(FlaskForm):
    payment_id = HiddenField(validators=[DataRequired()])
    #: Drawn with the form, kept on the refund's audit entry: the same form sent twice refunds once.
    form_key = HiddenField(validators=[DataRequired(message=_l("This form is out of date: reload the page and "
                                                               "fill it in again.")), Length(max=64)])
    amount = YuanField(_l("Amount (yuan)"), description=_l("Leave empty to refund everything that is left."))
    note = StringField(_l("Note"), validators=[DataRequired(message=_l("Say why (the customer sees no note, "
                                                                         "but the audit log keeps it).")),
                                               Length(max=200)])
    # Money leaves at once and cannot be called back. (Whether it also cancels a policy, the form says beside it.)
    confirm = BooleanField(_l("I understand: the refund goes to WeChat Pay at once and cannot be undone."),
                           validators=[DataRequired(message=_l("Tick the box to confirm the refund."))])


class FollowUpForm(FlaskForm):
    note = StringField(_l("How it was settled"),
                       validators=[DataRequired(message=_l("Say how the money went back, e.g. refunded again as "
                                                           "R… or paid by bank transfer on 12 May.")),
                                   Length(max=200)])


def lines(text: str | None) -> list[str]:
    """A textarea of one sentence per line, as a list (blank lines dropped)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def faq_lines(text: str | None) -> list[dict]:
    """A textarea of ``question | answer`` lines, as the catalog's ``[{"q", "a"}]``."""
    items = []
    for line in lines(text):
        question, bar, answer = line.partition("|")
        if not bar:
            raise ValueError(_("Write each question and its answer on one line, split by |."))
        items.append({"q": question.strip(), "a": answer.strip()})
    return items


class ProductForm(FlaskForm):
    """Every text a user reads about a product, in Simplified Chinese and in English."""

    name_zh = StringField(_l("Name (Chinese)"), validators=[DataRequired(), Length(max=80)])
    name_en = StringField(_l("Name (English)"), validators=[DataRequired(), Length(max=80)])
    summary_zh = TextAreaField(_l("Summary (Chinese)"), validators=[DataRequired(), Length(max=280)])
    summary_en = TextAreaField(_l("Summary (English)"), validators=[DataRequired(), Length(max=280)])
    covered_zh = TextAreaField(_l("Covered (Chinese), one per line"), validators=[DataRequired()])
    covered_en = TextAreaField(_l("Covered (English), one per line"), validators=[DataRequired()])
    not_covered_zh = TextAreaField(_l("Not covered (Chinese), one per line"), validators=[DataRequired()])
    not_covered_en = TextAreaField(_l("Not covered (English), one per line"), validators=[DataRequired()])
    faq_zh = TextAreaField(_l("FAQ (Chinese), one \"question | answer\" per line"))
    faq_en = TextAreaField(_l("FAQ (English), one \"question | answer\" per line"))
    # Not whether it is on sale: that has its own step (TakeOffSaleForm), and a form drawn before someone else
    # changed it would set it back.

    @classmethod
    def of(cls, product) -> "ProductForm":
        """The form filled with the product as it is."""
        texts = {f"{field}_{language}": getattr(product, f"{field}_{language}")
                 for field in ("name", "summary") for language in ("zh", "en")}
        texts.update({f"{field}_{language}": "\n".join(getattr(product, f"{field}_{language}"))
                      for field in ("covered", "not_covered") for language in ("zh", "en")})
        texts.update({f"faq_{language}": "\n".join(f"{item['q']} | {item['a']}"
                                                    for item in getattr(product, f"faq_{language}"))
                      for language in ("zh", "en")})
        return cls(formdata=None, **texts)

    def texts(self) -> dict:
        """The texts as the catalog keeps them; ``ValueError`` for an FAQ line without its answer."""
        texts = {f"{field}_{language}": getattr(self, f"{field}_{language}").data
                 for field in ("name", "summary") for language in ("zh", "en")}
        texts.update({f"{field}_{language}": lines(getattr(self, f"{field}_{language}").data)
                      for field in ("covered", "not_covered") for language in ("zh", "en")})
        texts.update({f"faq_{language}": faq_lines(getattr(self, f"faq_{language}").data) for language in ("zh", "en")})
        return texts


class PlanForm(FlaskForm):
    name_zh = StringField(_l("Name (Chinese)"), validators=[DataRequired(), Length(max=80)])
    name_en = StringField(_l("Name (English)"), validators=[DataRequired(), Length(max=80)])
    premium = YuanField(_l("Premium (yuan)"), validators=[DataRequired()])
    # Not whether it is on sale (its own buttons, as for a product).


class TakeOffSaleForm(FlaskForm):
    """Taking a whole product off sale asks for a deliberate tick (the box is never pre-ticked)."""

    confirm = BooleanField(_l("I understand: every plan of this product stops selling at once. "
                              "Policies already sold stay in force."),
                           validators=[DataRequired(message=_l("Tick the box to confirm taking the product off sale."))])


class InsurerForm(FlaskForm):
    """The underwriter a buyer sees before paying and on every policy."""

    name_zh = StringField(_l("Name (Chinese)"), validators=[DataRequired(), Length(max=80)])
    name_en = StringField(_l("Name (English)"), validators=[DataRequired(), Length(max=120)])
    licence_no = StringField(_l("Licence number (经营保险业务许可证)"), validators=[DataRequired(), Length(max=64)])
    hotline = StringField(_l("Customer-service hotline"), validators=[DataRequired(), Length(max=32)])
    complaint_channel_zh = TextAreaField(_l("How to complain (Chinese)"), validators=[DataRequired(), Length(max=280)])
    complaint_channel_en = TextAreaField(_l("How to complain (English)"), validators=[DataRequired(), Length(max=400)])
    address_zh = StringField(_l("Registered address (Chinese, 住所)"), validators=[DataRequired(), Length(max=200)],
                             description=_l("As on its business licence; printed on every e-policy."))
    address_en = StringField(_l("Registered address (English)"), validators=[DataRequired(), Length(max=300)])
    placeholder = BooleanField(_l("Example only (not a real company): production sells nothing it underwrites"))

    @classmethod
    def of(cls, insurer) -> "InsurerForm":
        return cls(formdata=None, **{name: getattr(insurer, name) for name in INSURER_FIELDS})


#: The insurer's columns the form edits.
INSURER_FIELDS = ("name_zh", "name_en", "licence_no", "hotline", "complaint_channel_zh", "complaint_channel_en",
                  "address_zh", "address_en", "placeholder")
class DocumentForm(FlaskForm):
    """A new version of one of a product's documents: once published, buyers must accept it."""

    code = SelectField(_l("Document"), choices=[SelectChoice(code, VOCABULARIES["document"][code])
                                                for code in DOCUMENT_CODES])
    version = StringField(_l("New version"), validators=[DataRequired(), Length(max=20)],
                          description=_l("Letters, digits, dots, hyphens; never one used before, e.g. 2.0."))
    title_zh = StringField(_l("Title (Chinese)"), validators=[DataRequired(), Length(max=80)])
    title_en = StringField(_l("Title (English)"), validators=[DataRequired(), Length(max=120)])
    body_zh = TextAreaField(_l("Text (Chinese)"), validators=[DataRequired()],
                            description=_l("Simple HTML: h1, h2, p, ul, li and strong, without attributes."))
    body_en = TextAreaField(_l("Text (English)"), validators=[DataRequired()])
    questions = TextAreaField(_l("Health questions, one \"code | Chinese | English\" per line"),
                              description=_l("Health declaration only."))

    def questions_list(self) -> list[dict]:
        """The health declaration's questions as the catalog keeps them; ``ValueError`` for a line short of a part."""
        if self.code.data != HEALTH_DECLARATION:
            return []
        questions = []
        for line in lines(self.questions.data):
            parts = [part.strip() for part in line.split("|")]
            if len(parts) != 3:
                raise ValueError(_("Write each question as code | Chinese | English on one line."))
            questions.append({"code": parts[0], "text_zh": parts[1], "text_en": parts[2]})
        return questions


def _a_moment_we_can_store(form, field):
    """A browser sends any year from 0001 to 275760: outside these, the time has no UTC form or no meaning here."""
    if field.data is not None and not 2000 <= field.data.year <= 2099:
        raise ValidationError(_("Enter a date between the years 2000 and 2099."))


class _CampaignFields(FlaskForm):
    name_zh = StringField(_l("Name (Chinese)"), validators=[DataRequired(), Length(max=80)])
    name_en = StringField(_l("Name (English)"), validators=[Optional(), Length(max=80)])
    budget = YuanField(_l("Budget (yuan)"), validators=[DataRequired()])
    per_user_limit = IntegerField(_l("Grants per user (0: no limit)"), default=1,
                                  validators=[InputRequired(), NumberRange(min=0, max=1000)])
    starts_at = DateTimeLocalField(_l("Starts (Beijing time)"), format="%Y-%m-%dT%H:%M",
                                   validators=[Optional(), _a_moment_we_can_store])
    ends_at = DateTimeLocalField(_l("Ends (Beijing time)"), format="%Y-%m-%dT%H:%M",
                                 validators=[Optional(), _a_moment_we_can_store])
    # What each kind's grant reads (app.admin.services.campaigns.SETTINGS, which checks them): money in yuan.
    discount = YuanField(_l("Coupon value (yuan)"), description=_l("Hospital payment and referral coupons."))
    category = SelectField(_l("Coupon for"), choices=[SelectChoice("", _l("any product")), *(
        SelectChoice(category, VOCABULARIES["product_category"][category]) for category in COUPON_CATEGORIES)],
        description=_l("Hospital payment and referral coupons: the kind of cover they take money off."))
    coverage = YuanField(_l("Cover per reward (yuan)"), description=_l("WeRun rewards."))
    min_steps = IntegerField(_l("Steps needed in a day"), validators=[Optional()],
                             description=_l("WeRun rewards; 10,000 when left empty."))
    valid_days = IntegerField(_l("Valid for (days)"), validators=[Optional()],
                              description=_l("Coupons and WeRun rewards; 30 and 7 days when left empty."))
    max_coverage = YuanField(_l("Largest envelope cover (yuan)"),
                             description=_l("Envelope promotions; no limit when left empty."))

    def shanghai_to_utc(self, value):
        return None if value is None else value.replace(tzinfo=clock.SHANGHAI).astimezone(clock.UTC)

    def settings(self) -> dict:
        """The settings typed in, keyed as the campaign keeps them; the service refuses any its kind does not read."""
        typed = {}
        for key, field in SETTING_FIELDS.items():
            value = self[field].fen if isinstance(self[field], YuanField) else self[field].data
            if value not in (None, ""):
                typed[key] = value
        return typed

    def show_settings(self, settings: dict) -> None:
        """Fill the settings fields from a campaign's settings."""
        for key, field in SETTING_FIELDS.items():
            value = settings.get(key)
            self[field].data = fen_to_yuan(value) if isinstance(self[field], YuanField) else value


class CampaignCreateForm(_CampaignFields):
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=40)])
    kind = SelectField(_l("Kind"), choices=[SelectChoice(kind, VOCABULARIES["campaign_kind"].get(kind, kind))
                                            for kind in CAMPAIGN_KINDS])


class CampaignEditForm(_CampaignFields):
    pass


#: Each role by its name in the admin's language.
ROLE_CHOICES = [SelectChoice(role, VOCABULARIES["role"][role]) for role in ROLES]
LANGUAGE_CHOICES = [SelectChoice(language, LANGUAGE_NAMES[language]) for language in LANGUAGES]


class AdminUserForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=40)])
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, default="viewer")
    language = SelectField(_l("Language of their pages"), choices=LANGUAGE_CHOICES, default=DEFAULT_LANGUAGE)
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(min=12, max=256)])


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=ROLE_CHOICES)


class LanguageForm(FlaskForm):
    """The signed-in admin's choice of language for their own pages."""

    language = SelectField(choices=LANGUAGE_CHOICES)
    next = HiddenField()


class ClaimMoveForm(FlaskForm):
    to_state = SelectField(_l("Move to"), choices=[])
    note = TextAreaField(_l("Note (the user reads it)"), validators=[Optional(), Length(max=1000)])
    paid = YuanField(_l("Amount paid (yuan, only when moving to paid)"))
    final = BooleanField(_l("I understand: a claim rejected or paid is closed for good and cannot move again."))
