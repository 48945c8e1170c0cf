"""flask-smorest's Api and Blueprint, answering errors in our shape, reading JSON bounded, and
documenting both."""

from __future__ import annotations

import marshmallow as ma
from flask_smorest import Api as SmorestApi
from flask_smorest import Blueprint as SmorestBlueprint
from webargs import core
from webargs.flaskparser import FlaskParser, is_json_request

from app.core import untrusted


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


class Parser(FlaskParser):
    """webargs' Flask parser with the app's JSON reader: nesting bounded, and text no column can
    hold refused with a 422 naming the field (``core.untrusted.read_json``)."""

    def _raw_load_json(self, req):
        if not is_json_request(req):
            return core.missing
        return untrusted.read_json(req.get_data(cache=True))


class Blueprint(SmorestBlueprint):
    """The one Blueprint feature packages use for the API."""

    ARGUMENTS_PARSER = Parser()


api = Api()
