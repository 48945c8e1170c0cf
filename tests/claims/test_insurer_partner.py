"""A claims partner speaks for one insurer: it moves the claims of that insurer's policies, another insurer's
claim is 404 exactly as an unknown one, and a claims partner tied to no insurer we have is 403."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.catalog.models import Insurer, Product
from app.catalog.seed import EXAMPLE_INSURER
from app.extensions import db
from tests.claims.helpers import INSURER_WEBHOOK, file_claim, get_claim, policy_in_force
from tests.claims.test_webhook import accept, recorded_events
from tests.support import config_set, partner_post

OTHER = "other-insurer"
OTHER_SECRET = "0ther-insurer-partner-secret-for-tests"


@pytest.fixture
def claim_no(app, client, catalog, alice, insured_adult):
    """A claim on a policy the seed's example insurer underwrites."""
    return file_claim(client, alice, policy_in_force(app, client, alice, insured_adult))


@pytest.fixture
def other_insurer(app, catalog):
    """A second insurer, and its system as a claims partner that speaks for it."""
    with app.app_context():
        db.session.add(Insurer(**dict(EXAMPLE_INSURER, code="other", name_zh="另一示例保险股份有限公司",
                                      name_en="Another Example Insurance Co., Ltd.")))
        db.session.commit()
        db.session.remove()
    partners = dict(app.config["PARTNER_SECRETS"],
                    **{OTHER: {"secret": OTHER_SECRET, "scopes": ["claims"], "insurer": "other"}})
    with config_set(app, PARTNER_SECRETS=partners):
        yield OTHER


def underwritten_by(app, product_code: str, insurer_code: str) -> None:
    with app.app_context():
        insurer_id = db.session.scalar(sa.select(Insurer.id).where(Insurer.code == insurer_code))
        db.session.execute(sa.update(Product).where(Product.code == product_code).values(insurer_id=insurer_id))
        db.session.commit()
        db.session.remove()


def test_a_claim_on_another_insurers_policy_is_404_exactly_as_an_unknown_claim(app, client, alice, claim_no,
                                                                                other_insurer):
    foreign = partner_post(client, app, INSURER_WEBHOOK, accept("evt-1", claim_no), partner=OTHER)
    unknown = partner_post(client, app, INSURER_WEBHOOK, accept("evt-1", "C1999010100000000"), partner=OTHER)
    assert foreign.status_code == unknown.status_code == 404
    assert foreign.get_json() == unknown.get_json()
    assert foreign.get_json()["error"]["code"] == "not_found"
    assert get_claim(client, alice, claim_no)["state"] == "submitted"
    assert recorded_events(app) == []  # neither used up its event id


def test_the_policys_own_insurer_moves_its_claim_and_the_other_cannot(app, client, alice, claim_no, other_insurer):
    underwritten_by(app, "accident", "other")
    refused = partner_post(client, app, INSURER_WEBHOOK, accept("evt-1", claim_no), partner="insurer")
    assert refused.status_code == 404
    moved = partner_post(client, app, INSURER_WEBHOOK, accept("evt-1", claim_no), partner=OTHER)
    assert moved.status_code == 200, moved.get_json()
    assert moved.get_json() == {"claim_no": claim_no, "state": "accepted"}
    assert recorded_events(app) == [(OTHER, "evt-1", "applied")]


@pytest.mark.parametrize("entry", [
    pytest.param({}, id="no-insurer"),
    pytest.param({"insurer": ""}, id="empty"),
    pytest.param({"insurer": 42}, id="not-a-code"),
    pytest.param({"insurer": "nobody-we-know"}, id="unknown-code"),
])
def test_a_claims_partner_tied_to_no_insurer_we_have_is_403_and_moves_nothing(app, client, alice, claim_no,
                                                                               entry):
    partners = dict(app.config["PARTNER_SECRETS"], untied={"secret": OTHER_SECRET, "scopes": ["claims"], **entry})
    with config_set(app, PARTNER_SECRETS=partners):
        response = partner_post(client, app, INSURER_WEBHOOK, accept("evt-1", claim_no), partner="untied")
        unknown = partner_post(client, app, INSURER_WEBHOOK, accept("evt-1", "C1999010100000000"), partner="untied")
    assert response.status_code == unknown.status_code == 403
    assert response.get_json()["error"]["code"] == "insurer_not_configured"
    assert "untied" in response.get_json()["error"]["message"]
    assert get_claim(client, alice, claim_no)["state"] == "submitted"
    assert recorded_events(app) == []


def test_the_development_insurer_partner_speaks_for_the_seeded_insurer(app, client, alice, claim_no):
    assert app.config["PARTNER_SECRETS"]["insurer"]["insurer"] == EXAMPLE_INSURER["code"]
    response = partner_post(client, app, INSURER_WEBHOOK, accept("evt-1", claim_no), partner="insurer")
    assert response.status_code == 200, response.get_json()
