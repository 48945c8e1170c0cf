"""Every feature of the app, in one place.

``create_app`` registers the blueprints listed here. Importing this module also imports
each feature's services, so every order kind (``app.orders.kinds``), share target and
event receiver (``app.core.events``) is declared before the app serves a request, and
each feature's ``tasks`` module, so its ``@periodic`` jobs are known to the worker.
``check_declarations`` makes sure, as the app starts, that what one feature declares for
another is there.
"""

from __future__ import annotations

from app.admin.routes import blp as admin
from app.agreements import personal_data as agreements_personal_data
from app.campaigns import personal_data as campaigns_personal_data
from app.campaigns.seed import DEFAULT_CAMPAIGNS
from app.bundle.routes import blp as bundle
from app.catalog.pages import blp as documents
from app.catalog.routes import blp as products
from app.claims import figures as claims_figures
from app.claims import personal_data as claims_personal_data
from app.claims import tasks as claims_tasks
from app.claims.routes import blp as claims
from app.claims.routes import insurer_blp as insurer_webhooks
from app.claims.routes import subscriptions_blp as subscriptions
from app.coupons import personal_data as coupons_personal_data
from app.coupons import tasks as coupons_tasks
from app.coupons.routes import blp as coupons
from app.envelopes import personal_data as envelopes_personal_data
from app.envelopes import tasks as envelopes_tasks
from app.envelopes.routes import blp as envelopes
from app.help.routes import blp as help_api
from app.help.routes import pages as privacy_page
from app.insured import personal_data as insured_personal_data
from app.insured.routes import blp as insured_persons
from app.ops.routes import blp as ops
from app.ops.routes import config_blp as client_config
from app.orders import personal_data as orders_personal_data
from app.payments import figures as payments_figures
from app.payments import personal_data as payments_personal_data
from app.payments import tasks as payments_tasks
from app.payments.routes import blp as wechatpay_webhooks
from app.policies import personal_data as policies_personal_data
from app.policies.routes import blp as policies
from app.policies.routes import verify_blp as policy_check
from app.preview.routes import blp as preview
from app.purchases import personal_data as purchases_personal_data
from app.purchases import services as purchases
from app.purchases.routes import blp as orders
from app.referrals import personal_data as referrals_personal_data
from app.referrals.routes import blp as shares
from app.renewals import figures as renewals_figures
from app.renewals import personal_data as renewals_personal_data
from app.renewals import tasks as renewals_tasks
from app.renewals.routes import orders_blp as renewal_orders
from app.renewals.routes import policies_blp as renewal_policies
from app.rewards import personal_data as rewards_personal_data
from app.rewards import tasks as rewards_tasks
from app.rewards.routes import blp as rewards
from app.scenarios.routes import blp as scenario_webhooks
from app.scenarios.services import SCENARIOS
from app.users import personal_data as users_personal_data
from app.users.routes import auth_blp as auth
from app.users.routes import blp as me
from app.users.routes import media_blp as media
from app.visits import figures as visits_figures
from app.visits import personal_data as visits_personal_data
from app.visits.routes import blp as visits

#: Plain Flask blueprints: service endpoints, pages, and webhooks that answer in their callers' formats.
BLUEPRINTS = (ops, bundle, preview, media, wechatpay_webhooks, documents, admin, policy_check, privacy_page)

#: API blueprints (flask-smorest), documented in /api/openapi.json.
API_BLUEPRINTS = (auth, me, client_config, products, insured_persons, orders, renewal_orders, policies,
                  renewal_policies, envelopes, shares, coupons, rewards, claims, subscriptions, insurer_webhooks,
                  scenario_webhooks, visits, help_api)

#: The modules that declare periodic jobs (``@periodic``); imported for that alone.
TASKS = (claims_tasks, coupons_tasks, envelopes_tasks, payments_tasks, renewals_tasks, rewards_tasks)

#: The modules that declare the insurer's figures for the dashboard (``app.core.figures.declare``); imported for
#: that alone (the renewals: renewal rate by month, signing share, lapses and revenue from renewals, among them).
FIGURES = (payments_figures, claims_figures, visits_figures, renewals_figures)

#: The modules that answer ``personal_data_copy`` with a feature's part of a user's copy of their personal
#: information, and declare the numbers that find a customer (``app.core.personal_data``); imported for that alone.
PERSONAL_DATA = (users_personal_data, insured_personal_data, orders_personal_data, purchases_personal_data,
                 payments_personal_data, policies_personal_data, agreements_personal_data, renewals_personal_data,
                 envelopes_personal_data, claims_personal_data, coupons_personal_data, campaigns_personal_data,
                 rewards_personal_data, referrals_personal_data, visits_personal_data)


def check_declarations() -> None:
    """Refuse to start without what a feature needs another to declare: purchases, the renewal signer
    (which ``app.renewals`` declares); a missing one would otherwise be a 500 at the first order."""
    purchases.renewal_signer()


def sandbox_guide() -> dict:
    """What the WeChat sandbox's page tells a developer about the features (it imports none):
    the scenario names partners send, and the campaigns ``flask seed`` creates."""
    return {
        "scenarios": sorted(SCENARIOS),
        "campaigns": [{key: campaign[key] for key in ("code", "kind", "name_zh", "name_en")}
                      for campaign in DEFAULT_CAMPAIGNS],
    }
