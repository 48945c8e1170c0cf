"""Saving insured persons, and identity numbers of people of a given age today."""

from __future__ import annotations

import datetime as dt

from app.core import clock
from tests.support import resident_id


def born_aged(age: int, sequence: str = "001") -> str:
    """A valid identity number of someone who is ``age`` today (Beijing time): born on 1 January."""
    year = clock.to_shanghai(clock.now()).date().year - age
    return resident_id(dt.date(year, 1, 1).strftime("%Y%m%d"), sequence=sequence)


def save(client, who, relation: str, name: str, id_number: str):
    return client.post("/api/v1/insured-persons", json={"relation": relation, "name": name, "id_number": id_number},
                       headers=who["headers"])


def saved_id(client, who, relation: str, name: str, id_number: str) -> int:
    response = save(client, who, relation, name, id_number)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def error_of(response) -> dict:
    return response.get_json()["error"]
