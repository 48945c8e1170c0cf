"""The launch catalog, in words a non-expert understands. ``flask seed`` adds what is missing
and never overwrites a product or plan an operator has since edited."""

from __future__ import annotations

import sqlalchemy as sa

from app.catalog.models import Plan, Product
from app.extensions import db

YUAN = 100  # fen

CATALOG = [
    {
        "code": "accident",
        "name": "Accident cover",
        "category": "accident",
        "sort_order": 10,
        "summary": "From 5 yuan a month: pays out if an accident injures you, disables you or takes your life.",
        "covered": [
            "Death from an accident: we pay the full sum insured.",
            "Disability from an accident: we pay a share of the sum insured by the disability grade.",
            "Traffic, falls, burns, dog bites, sports injuries: all count as accidents.",
            "Cover starts the moment your policy is issued, anywhere in the world.",
        ],
        "not_covered": [
            "Illness, even a sudden one, is not an accident.",
            "Injuries while drunk, on drugs, or driving without a licence.",
            "Extreme sports such as skydiving, diving deeper than 10 metres or motor racing.",
            "Injuries you cause yourself on purpose, or from a crime you commit.",
        ],
        "faq": [
            {"q": "When does my cover start?", "a": "As soon as you have paid and the policy is issued."},
            {"q": "Can I buy it for someone else?", "a": "Yes. Enter their name and ID number; they must be 18 to 60."},
            {"q": "Can I change my mind?", "a": "Yes. Within 15 days of buying you can cancel and get all your money back."},
            {"q": "How do I claim?", "a": "Open the policy and tap Claim. You can follow every step until you are paid."},
        ],
        "plans": [
            {"code": "accident-basic", "name": "300,000 yuan cover", "premium_fen": 5 * YUAN,
             "coverage_fen": 300_000 * YUAN, "period": "month", "term_days": 30, "age_min": 18, "age_max": 60},
            {"code": "accident-plus", "name": "1,000,000 yuan cover", "premium_fen": 16 * YUAN,
             "coverage_fen": 1_000_000 * YUAN, "period": "month", "term_days": 30, "age_min": 18, "age_max": 60},
        ],
    },
    {
        "code": "hospital",
        "name": "Hospital medical cover",
        "category": "medical",
        "sort_order": 20,
        "summary": "60 yuan a year: pays your hospital bills up to 500,000 yuan, for illness and accidents.",
        "covered": [
            "Hospital stays: the bed, surgery, medicines and tests, up to 500,000 yuan a year.",
            "Outpatient treatment for serious illnesses such as cancer treatment and dialysis.",
            "After a 10,000 yuan deductible a year, we pay 100% of costs covered by social insurance and 60% of the rest.",
            "Accidents are covered from the day the policy is issued; illness from 30 days later.",
        ],
        "not_covered": [
            "Illness that started in the first 30 days (the waiting period).",
            "Conditions you already had before you bought the cover.",
            "Cosmetic treatment, dental care, glasses, and pregnancy.",
            "Private or international wards beyond the standard rate.",
        ],
        "faq": [
            {"q": "Who can be covered?", "a": "Anyone from newborn to 60 years old."},
            {"q": "What is the waiting period?", "a": "30 days after issue in which illness is not covered. Accidents are."},
            {"q": "Do I have to pay first?", "a": "Yes, pay the hospital, then claim with the bills and we pay you back."},
            {"q": "Can I change my mind?", "a": "Yes. Within 15 days of buying you can cancel and get all your money back."},
        ],
        "plans": [
            {"code": "hospital-basic", "name": "500,000 yuan a year", "premium_fen": 60 * YUAN,
             "coverage_fen": 500_000 * YUAN, "period": "year", "term_days": 365, "age_min": 0, "age_max": 60,
             "waiting_period_days": 30},
        ],
    },
    {
        "code": "travel",
        "name": "Travel accident cover",
        "category": "travel",
        "sort_order": 30,
        "summary": "10 yuan a trip of up to 7 days: accidents, emergency treatment and rescue while you travel.",
        "covered": [
            "Death or disability from an accident during the trip: up to 200,000 yuan.",
            "Emergency treatment after an accident on the trip.",
            "Flights, trains, buses, taxis and hotels all count as the trip.",
        ],
        "not_covered": [
            "Illness you already had before the trip.",
            "Trips longer than 7 days: buy one plan for each week.",
            "Extreme sports and travel to places under an official travel warning.",
        ],
        "faq": [
            {"q": "When does it start?", "a": "As soon as the policy is issued, for 7 days."},
            {"q": "Who can be covered?", "a": "Anyone from 1 to 70 years old."},
        ],
        "plans": [
            {"code": "travel-7d", "name": "7-day trip, 200,000 yuan", "premium_fen": 10 * YUAN,
             "coverage_fen": 200_000 * YUAN, "period": "trip", "term_days": 7, "age_min": 1, "age_max": 70},
        ],
    },
    {
        "code": "gift-accident",
        "name": "Gift accident cover",
        "category": "gift",
        "sort_order": 90,
        "summary": "Accident cover you give to friends in a red envelope: 30 days, 2 fen per 1,000 yuan of cover.",
        "covered": [
            "Death or disability from an accident in the 30 days after the friend activates it.",
            "The amount of cover is what the friend grabbed from your envelope.",
        ],
        "not_covered": [
            "Illness, and injuries while drunk or from extreme sports.",
            "Cover nobody grabbed or activated: its premium goes back to the sender.",
        ],
        "faq": [
            {"q": "How does a friend get it?", "a": "They open your envelope, grab a share, and activate it with their name and ID."},
            {"q": "What if nobody grabs it?", "a": "After 24 hours what is left expires, and you get that part of the premium back."},
        ],
        "plans": [
            # docs/domain.md: 2 fen per 100,000 fen (1,000 yuan) of coverage, 30 days.
            {"code": "gift-accident-30d", "name": "30 days of accident cover", "premium_fen": 2,
             "coverage_fen": 1_000 * YUAN, "period": "month", "term_days": 30, "age_min": 18, "age_max": 60},
        ],
    },
]


def seed_catalog() -> str:
    """Insert the products and plans that do not exist yet (by code); returns a summary."""
    added_products = added_plans = 0
    for entry in CATALOG:
        fields = {k: v for k, v in entry.items() if k != "plans"}
        product = db.session.scalars(sa.select(Product).where(Product.code == entry["code"])).one_or_none()
        if product is None:
            product = Product(**fields)
            db.session.add(product)
            db.session.flush()
            added_products += 1
        for plan_fields in entry["plans"]:
            exists = db.session.scalar(sa.select(Plan.id).where(Plan.code == plan_fields["code"]))
            if exists is None:
                db.session.add(Plan(product_id=product.id, **plan_fields))
                added_plans += 1
    db.session.flush()
    return f"{added_products} products and {added_plans} plans added"
