"""flask-smorest's Api, answering errors in our shape and documenting it."""

from __future__ import annotations

import marshmallow as ma
from flask_smorest import Api as SmorestApi
from flask_smorest import Blueprint  # noqa: F401  (one import point for feature packages)


class ErrorDetailSchema(ma.Schema):
    code = ma.fields.String(metadata={"description": "Stable snake_case error code"})
    message = ma.fields.String(metadata={"description": "What went wrong, in words a user understands"})
    details = ma.fields.Dict(metadata={"description": "Field errors under `fields`, and other context"})


class ErrorSchema(ma.Schema):
    error = ma.fields.Nested(ErrorDetailSchema)


class Api(SmorestApi):
    ERROR_SCHEMA = ErrorSchema

    def _register_error_handlers(self):
        # app.errors registers the one handler set for the whole app.
        pass


api = Api()
