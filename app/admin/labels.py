"""The words the admin shows for codes: statuses, roles, kinds, reasons and audit actions.

The database, the API and the audit log keep codes (``refund_pending``, ``claim.move``);
an admin reads them in their own language. Each vocabulary maps the codes of one kind
of thing to lazy translations, resolved when a page is drawn. The same English word can
mean two things (an ``active`` policy is in force, an ``active`` envelope can be
grabbed), so each vocabulary's words carry its own context (``pgettext``) and can be
translated apart. A code a vocabulary does not know is shown as it is.
"""

from __future__ import annotations

from flask_babel import lazy_pgettext

#: Languages by their own names: whoever cannot read the page they are on still finds theirs.
LANGUAGE_NAMES = {"zh-CN": "中文", "en": "English"}

VOCABULARIES: dict[str, dict[str, object]] = {
    "role": {
        "viewer": lazy_pgettext("admin role", "viewer"),
        "operator": lazy_pgettext("admin role", "operator"),
        "admin": lazy_pgettext("admin role", "admin"),
    },
    "admin_state": {
        "active": lazy_pgettext("admin user state", "active"),
        "disabled": lazy_pgettext("admin user state", "disabled"),
    },
    "order_status": {
        "created": lazy_pgettext("order status", "created"),
        "fulfilled": lazy_pgettext("order status", "fulfilled"),
        "refunded": lazy_pgettext("order status", "refunded"),
        "closed": lazy_pgettext("order status", "closed"),
    },
    "order_kind": {
        "policy": lazy_pgettext("order kind", "policy"),
        "envelope": lazy_pgettext("order kind", "envelope"),
    },
    "close_reason": {
        "user_cancelled": lazy_pgettext("order close reason", "cancelled by the user"),
        "expired": lazy_pgettext("order close reason", "not paid in time"),
    },
    "payment_status": {
        "succeeded": lazy_pgettext("payment status", "succeeded"),
        "refund_pending": lazy_pgettext("payment status", "refund pending"),
        "refunded": lazy_pgettext("payment status", "refunded"),
    },
    "payment_anomaly": {
        "late_payment": lazy_pgettext("payment anomaly", "late payment"),
        "double_payment": lazy_pgettext("payment anomaly", "double payment"),
    },
    "payment_source": {
        "notification": lazy_pgettext("how a payment was learned", "notification"),
        "reconciliation": lazy_pgettext("how a payment was learned", "reconciliation"),
        # A monthly renewal's deduction that could buy no cover (app.renewals: a late or double one), refunded.
        "renewal": lazy_pgettext("how a payment was learned", "renewal deduction"),
    },
    "notification_outcome": {
        "received": lazy_pgettext("notification outcome", "received"),
        "rejected": lazy_pgettext("notification outcome", "rejected"),
        "unknown_order": lazy_pgettext("notification outcome", "unknown order"),
        "flagged": lazy_pgettext("notification outcome", "flagged"),
        "duplicate": lazy_pgettext("notification outcome", "duplicate"),
        "applied": lazy_pgettext("notification outcome", "applied"),
    },
    "refund_status": {
        "pending": lazy_pgettext("refund status", "pending"),
        "submitted": lazy_pgettext("refund status", "submitted"),
        "succeeded": lazy_pgettext("refund status", "succeeded"),
        "failed": lazy_pgettext("refund status", "failed"),
    },
    "refund_reason": {
        "operator": lazy_pgettext("refund reason", "by customer service"),
        "cooling_off": lazy_pgettext("refund reason", "cooling-off cancellation"),
        "envelope_unclaimed": lazy_pgettext("refund reason", "unclaimed envelope cover"),
        "late_payment": lazy_pgettext("refund reason", "late payment"),
        "double_payment": lazy_pgettext("refund reason", "double payment"),
    },
    "policy_status": {
        "active": lazy_pgettext("policy status", "active"),
        "cancelling": lazy_pgettext("policy status", "cancelling"),
        "cancelled": lazy_pgettext("policy status", "cancelled"),
        "expired": lazy_pgettext("policy status", "expired"),
    },
    "renewal_status": {
        "pending": lazy_pgettext("renewal status", "awaiting signature"),
        "active": lazy_pgettext("renewal status", "renewing"),
        "retrying": lazy_pgettext("renewal status", "retrying a failed charge"),
        "cancelled": lazy_pgettext("renewal status", "stopped"),
        "lapsed": lazy_pgettext("renewal status", "lapsed"),
        "unsigned": lazy_pgettext("renewal status", "paid without signing"),
    },
    "renewal_end_reason": {
        "user": lazy_pgettext("renewal end reason", "the user, in WeChat or the mini-program"),
        "merchant": lazy_pgettext("renewal end reason", "the user, through us"),
        "customer_service": lazy_pgettext("renewal end reason", "WeChat Pay customer service"),
        "system": lazy_pgettext("renewal end reason", "WeChat Pay"),
        "lapsed": lazy_pgettext("renewal end reason", "a charge never succeeded"),
        "age_limit": lazy_pgettext("renewal end reason", "the insured passed the plan's age limit"),
        "cooling_off": lazy_pgettext("renewal end reason", "cancelled in the cooling-off period"),
        "full_refund": lazy_pgettext("renewal end reason", "cancelled: its whole premium refunded"),
    },
    "renewal_period_status": {
        "scheduled": lazy_pgettext("renewal period status", "scheduled"),
        "paid": lazy_pgettext("renewal period status", "paid"),
        "lapsed": lazy_pgettext("renewal period status", "lapsed"),
        "dropped": lazy_pgettext("renewal period status", "dropped"),
    },
    "renewal_charge_status": {
        "submitted": lazy_pgettext("renewal charge status", "submitted"),
        "succeeded": lazy_pgettext("renewal charge status", "succeeded"),
        "failed": lazy_pgettext("renewal charge status", "failed"),
    },
    "envelope_status": {
        "pending_payment": lazy_pgettext("envelope status", "pending payment"),
        "active": lazy_pgettext("envelope status", "active"),
        "exhausted": lazy_pgettext("envelope status", "all grabbed"),
        "expired": lazy_pgettext("envelope status", "expired"),
        "closed": lazy_pgettext("envelope status", "closed unpaid"),
    },
    "grab_status": {
        "grabbed": lazy_pgettext("envelope grab status", "grabbed"),
        "activated": lazy_pgettext("envelope grab status", "activated"),
        "lapsed": lazy_pgettext("envelope grab status", "lapsed"),
    },
    "envelope_mode": {
        "random": lazy_pgettext("envelope shares", "random"),
        "equal": lazy_pgettext("envelope shares", "equal"),
    },
    "envelope_funding": {
        "wechat_pay": lazy_pgettext("envelope funding", "WeChat Pay"),
        "campaign": lazy_pgettext("envelope funding", "campaign"),
    },
    "funnel_stage": {
        "sent": lazy_pgettext("envelope funnel stage", "shares sent"),
        "grabbed": lazy_pgettext("envelope funnel stage", "grabbed"),
        "activated": lazy_pgettext("envelope funnel stage", "activated"),
    },
    "claim_state": {
        "submitted": lazy_pgettext("claim state", "submitted"),
        "accepted": lazy_pgettext("claim state", "accepted"),
        "reviewing": lazy_pgettext("claim state", "reviewing"),
        "investigating": lazy_pgettext("claim state", "investigating"),
        "assessing": lazy_pgettext("claim state", "assessing"),
        "approved": lazy_pgettext("claim state", "approved"),
        "paid": lazy_pgettext("claim state", "paid"),
        "more_info_required": lazy_pgettext("claim state", "more info required"),
        "rejected": lazy_pgettext("claim state", "rejected"),
        "withdrawn": lazy_pgettext("claim state", "withdrawn"),
    },
    "claim_step_status": {
        "done": lazy_pgettext("claim timeline step", "done"),
        "current": lazy_pgettext("claim timeline step", "current"),
        "pending": lazy_pgettext("claim timeline step", "to come"),
        "skipped": lazy_pgettext("claim timeline step", "skipped"),
        "not_reached": lazy_pgettext("claim timeline step", "not reached"),
    },
    "claim_kind": {
        "accident": lazy_pgettext("claim kind", "accident"),
        "hospital": lazy_pgettext("claim kind", "hospital"),
        "travel": lazy_pgettext("claim kind", "travel"),
        "other": lazy_pgettext("claim kind", "other"),
    },
    "claim_actor": {
        "user": lazy_pgettext("who moved a claim", "user"),
        "insurer": lazy_pgettext("who moved a claim", "insurer"),
        "operator": lazy_pgettext("who moved a claim", "operator"),
    },
    "claim_message": {
        "sent": lazy_pgettext("claim message outcome", "sent"),
        "no_opt_in": lazy_pgettext("claim message outcome", "user did not subscribe"),
        "not_needed": lazy_pgettext("claim message outcome", "not needed"),
        "no_template": lazy_pgettext("claim message outcome", "no template"),
        "undeliverable": lazy_pgettext("claim message outcome", "undeliverable"),
        "expired": lazy_pgettext("claim message outcome", "expired"),
    },
    "campaign_state": {
        "running": lazy_pgettext("campaign state", "running"),
        "active": lazy_pgettext("campaign state", "active"),
        "paused": lazy_pgettext("campaign state", "paused"),
        "not-running": lazy_pgettext("campaign state", "not running"),
    },
    "campaign_kind": {
        "envelope_promo": lazy_pgettext("campaign kind", "envelope promotion"),
        "hospital_payment": lazy_pgettext("campaign kind", "hospital payment coupons"),
        "werun": lazy_pgettext("campaign kind", "WeRun steps"),
        "referral": lazy_pgettext("campaign kind", "referral coupons"),
    },
    "sale": {
        "on-sale": lazy_pgettext("product or plan", "on sale"),
        "off-sale": lazy_pgettext("product or plan", "off sale"),
    },
    "product_category": {
        "accident": lazy_pgettext("product category", "accident"),
        "medical": lazy_pgettext("product category", "medical"),
        "travel": lazy_pgettext("product category", "travel"),
        "gift": lazy_pgettext("product category", "gift"),
    },
    "document": {
        "clauses": lazy_pgettext("product document", "policy clauses"),
        "purchase_notice": lazy_pgettext("product document", "purchase notice"),
        "exclusions": lazy_pgettext("product document", "exclusions"),
        "privacy_consent": lazy_pgettext("product document", "personal information consent"),
        "health_declaration": lazy_pgettext("product document", "health declaration"),
    },
    "sale_source": {
        "purchase": lazy_pgettext("how cover was created", "purchase"),
        "envelope": lazy_pgettext("how cover was created", "envelope share activated"),
        "reward": lazy_pgettext("how cover was created", "reward redeemed"),
    },
    "plan_period": {
        "month": lazy_pgettext("plan period", "monthly"),
        "year": lazy_pgettext("plan period", "yearly"),
        "trip": lazy_pgettext("plan period", "per trip"),
    },
    "audit_target": {
        "admin_user": lazy_pgettext("audit target", "admin user"),
        "product": lazy_pgettext("audit target", "product"),
        "plan": lazy_pgettext("audit target", "plan"),
        "insurer": lazy_pgettext("audit target", "insurer"),
        "campaign": lazy_pgettext("audit target", "campaign"),
        "order": lazy_pgettext("audit target", "order"),
        "claim": lazy_pgettext("audit target", "claim"),
        "envelope": lazy_pgettext("audit target", "envelope"),
        "user": lazy_pgettext("audit target", "customer"),
        "refund": lazy_pgettext("audit target", "refund"),
    },
    #: What each audit action did, as the audit log describes it.
    "audit_action": {
        "session.login": lazy_pgettext("audit action", "Logged in"),
        "session.login_failed": lazy_pgettext("audit action", "Failed to log in"),
        "session.logout": lazy_pgettext("audit action", "Logged out"),
        "admin_user.create": lazy_pgettext("audit action", "Created an admin user"),
        "admin_user.role": lazy_pgettext("audit action", "Changed an admin user's role"),
        "admin_user.disable": lazy_pgettext("audit action", "Disabled an admin user"),
        "admin_user.enable": lazy_pgettext("audit action", "Enabled an admin user"),
        "admin_user.language": lazy_pgettext("audit action", "Changed the language of their pages"),
        "product.update": lazy_pgettext("audit action", "Edited a product"),
        "product.activate": lazy_pgettext("audit action", "Put a product on sale"),
        "product.deactivate": lazy_pgettext("audit action", "Took a product off sale"),
        "plan.update": lazy_pgettext("audit action", "Edited a plan"),
        "document.publish": lazy_pgettext("audit action", "Published a document version"),
        "plan.activate": lazy_pgettext("audit action", "Put a plan on sale"),
        "plan.deactivate": lazy_pgettext("audit action", "Took a plan off sale"),
        "insurer.update": lazy_pgettext("audit action", "Edited an insurer"),
        "campaign.create": lazy_pgettext("audit action", "Created a campaign"),
        "campaign.update": lazy_pgettext("audit action", "Edited a campaign"),
        "campaign.pause": lazy_pgettext("audit action", "Paused a campaign"),
        "campaign.resume": lazy_pgettext("audit action", "Resumed a campaign"),
        "refund.request": lazy_pgettext("audit action", "Refunded an order"),
        "refund.follow_up": lazy_pgettext("audit action", "Recorded how a failed refund was settled"),
        "claim.move": lazy_pgettext("audit action", "Moved a claim"),
        "claim.material_view": lazy_pgettext("audit action", "Opened a claim document"),
        "envelope.rebuild_gate": lazy_pgettext("audit action", "Rebuilt an envelope's grab gate"),
        "personal_data.export": lazy_pgettext("audit action", "Exported a copy of a customer's personal information"),
        "account.close": lazy_pgettext("audit action", "Closed a customer's account at their request"),
    },
}


def label(vocabulary: str, code):
    """``code``'s words in the current language (``code`` itself when the vocabulary has none)."""
    if code is None:
        return ""
    return VOCABULARIES[vocabulary].get(code, code)
