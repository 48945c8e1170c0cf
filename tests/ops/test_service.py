"""Service endpoints: health, readiness with a dependency down, metrics, API docs offline."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from app import create_app
from app.core.embedded_redis import EmbeddedRedis
from app.extensions import db
from app.users.models import User
from config import load_config
from tests.support import on_own_redis


def test_healthz_is_constant(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_readyz_reports_both_dependencies(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "redis": "ok"}


@pytest.fixture
def app_with_own_redis(backend_env, tmp_path, app):
    """An app sharing the test database but with a redis-server this test owns and can stop."""
    server = EmbeddedRedis(tmp_path).start()
    own = create_app(load_config(on_own_redis(backend_env, server.url)), REQUEST_LOG=False)
    yield own, server
    server.stop()
    with own.app_context():
        db.engine.dispose()


def test_readyz_names_redis_when_it_is_stopped(app_with_own_redis):
    own, server = app_with_own_redis
    client = own.test_client()
    assert client.get("/readyz").status_code == 200
    server.stop()
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.get_json()["error"]
    assert body["code"] == "service_unavailable"
    assert "redis" in body["message"]
    assert body["details"] == {"database": "ok", "redis": "down"}


def test_redis_down_makes_login_503_and_writes_nothing(app_with_own_redis):
    own, server = app_with_own_redis
    server.stop()
    response = own.test_client().post("/api/v1/auth/login", json={"code": "sandbox:alice"})
    assert response.status_code == 503
    assert response.get_json()["error"]["details"]["dependency"] == "redis"
    with own.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_readyz_names_the_database_when_it_is_unreachable(backend_env, tmp_path, app):
    broken = dict(backend_env, DATABASE_URL=(
        "postgresql://nobody@127.0.0.1:1/none" if backend_env["DATABASE_URL"].startswith("postgres")
        else f"sqlite:///{tmp_path}/missing-dir/none.db"))
    own = create_app(load_config(broken), REQUEST_LOG=False)
    response = own.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["error"]["details"]["database"] == "down"


def test_metrics_are_prometheus_text_counting_requests(client):
    client.get("/healthz")
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert response.headers["Content-Type"].count("charset") == 1, response.headers["Content-Type"]
    assert re.search(r'redcover_http_requests_total\{.*endpoint="/healthz".*\} \d', response.get_data(as_text=True))


def test_metrics_do_not_grow_a_series_for_every_made_up_method(client):
    # Any token is an HTTP method to the server, and each one a client invented became a series of its own:
    # anyone could grow /metrics (and every Prometheus scrape of it, and the workers' memory) without end.
    series = re.compile(r'redcover_http_requests_total\{endpoint="unmatched",method="other",status="405"\} (\S+)')

    def counted(text):
        found = series.search(text)
        return float(found.group(1)) if found else 0.0

    before = counted(client.get("/metrics").get_data(as_text=True))
    for method in ("XMETHODA1", "XMETHODA2", "XMETHODA3"):
        assert client.open("/healthz", method=method).status_code == 405
    text = client.get("/metrics").get_data(as_text=True)
    assert "XMETHODA" not in text
    assert counted(text) == before + 3  # still counted, as one series


def test_openapi_document_lists_the_api(client):
    spec = client.get("/api/openapi.json").get_json()
    assert spec["info"]["title"] == "Redcover API"
    for path in ("/api/v1/auth/login", "/api/v1/auth/phone", "/api/v1/auth/logout", "/api/v1/me", "/api/v1/config"):
        assert path in spec["paths"], path
    assert "bearerAuth" in spec["components"]["securitySchemes"]


def test_api_docs_load_without_any_cdn(client):
    page = client.get("/api/docs").get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets, page
    for asset in assets:
        assert asset.startswith("/"), f"{asset} would need the internet"
        assert client.get(asset).status_code == 200, asset


def test_config_tells_the_client_it_is_a_sandbox(client):
    body = client.get("/api/v1/config").get_json()
    assert body["sandbox"] is True
    assert body["pay_version"] == "v2"
    assert isinstance(body["subscribe_templates"], dict)


def test_every_response_carries_a_request_id(client):
    assert len(client.get("/healthz").headers["X-Request-Id"]) == 32
    assert client.get("/healthz", headers={"X-Request-Id": "abc-123"}).headers["X-Request-Id"] == "abc-123"
