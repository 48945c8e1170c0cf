"""Admin fixtures: one logged-in test client per role, reading Chinese (the default) or English."""

from __future__ import annotations

import pytest

from tests.admin.support import log_in, make_admin


def _client_as(app, username: str, role: str, language: str = "zh-CN"):
    make_admin(app, username, role, language=language)
    client = app.test_client()
    response = log_in(client, username)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


@pytest.fixture
def as_admin(app):
    return _client_as(app, "root", "admin")


@pytest.fixture
def as_operator(app):
    return _client_as(app, "olga", "operator")


@pytest.fixture
def as_viewer(app):
    return _client_as(app, "victor", "viewer")


@pytest.fixture
def as_english_admin(app):
    return _client_as(app, "ellen", "admin", language="en")


@pytest.fixture
def as_english_operator(app):
    return _client_as(app, "oscar", "operator", language="en")
