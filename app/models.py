"""Every feature's models, imported in one place so Alembic and the tests see all tables."""

from app.auth.models import AuthToken  # noqa: F401
from app.users.models import User  # noqa: F401
from app.core.idempotency import IdempotencyKey  # noqa: F401
from app.catalog.models import Insurer, Plan, Product, ProductDocument  # noqa: F401
from app.insured.models import DeathCoverLock, InsuredPerson  # noqa: F401
from app.orders.models import Order  # noqa: F401
from app.payments.models import Payment, PaymentNotification, Refund  # noqa: F401
from app.purchases.models import Application  # noqa: F401
from app.policies.models import Policy  # noqa: F401
from app.agreements.models import SaleTrace  # noqa: F401
from app.renewals.models import Renewal, RenewalCharge, RenewalPeriod  # noqa: F401
from app.campaigns.models import Campaign  # noqa: F401
from app.referrals.models import Referral, Share  # noqa: F401
from app.envelopes.models import Envelope, EnvelopeGrab, EnvelopeShare  # noqa: F401
from app.partners.models import PartnerEvent  # noqa: F401
from app.coupons.models import Coupon  # noqa: F401
from app.rewards.models import Reward, WerunDay  # noqa: F401
from app.claims.models import Claim, ClaimEvent, ClaimMaterial, SubscribeOptIn  # noqa: F401
from app.visits.models import FirstVisit, Visit  # noqa: F401
from app.admin.models import AdminUser, AuditEntry  # noqa: F401
