"""Admin fixtures: one logged-in test client per role."""

from __future__ import annotations

import pytest

from tests.admin.support import log_in, make_admin


def _client_as(app, username: str, role: str):
    make_admin(app, username, role)
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
