"""flask-smorest's Api and Blueprint, answering errors in our shape, reading JSON bounded, and
documenting both."""

from __future__ import annotations

import marshmallow as ma
from flask_smorest import Api as SmorestApi
from flask_smorest import Blueprint as SmorestBlueprint
from webargs import core
from webargs.flaskparser import FlaskParser, is_json_request
from werkzeug.datastructures import MultiDict

from app.core import untrusted


class ErrorDetailSchema(ma.Schema):
    code = ma.fields.String(required=True, metadata={"description": "Stable snake_case error code"})
    message = ma.fields.String(required=True, metadata={
        "description": "What went wrong, in words a user understands"})
    details = ma.fields.Dict(required=True, metadata={"description": "Field errors under `fields`, and other context"})


class ErrorSchema(ma.Schema):
    error = ma.fields.Nested(ErrorDetailSchema, required=True)


def _dict_sizes_as_properties(converter, field, ret, **kwargs) -> dict:
    """apispec writes a ``Length`` on a ``Dict`` as minLength / maxLength, which JSON Schema
    ignores on an object: say minProperties / maxProperties, as the validator means."""
    if isinstance(field, ma.fields.Dict):
        for length, size in (("minLength", "minProperties"), ("maxLength", "maxProperties")):
            if length in ret:
                ret[size] = ret.pop(length)
    return {}


def _schema_keywords(converter) -> None:
    """Let a schema add JSON Schema keywords of its own (``OPENAPI_KEYWORDS``): a rule about several
    fields that no one field states, such as "exactly one of these two" (``oneOf``), documented as its
    ``@validates_schema`` checks it."""
    fields_only = converter.schema2jsonschema

    def schema2jsonschema(schema):
        return {**fields_only(schema), **getattr(schema, "OPENAPI_KEYWORDS", {})}

    converter.schema2jsonschema = schema2jsonschema


class Api(SmorestApi):
    ERROR_SCHEMA = ErrorSchema

    def _register_error_handlers(self):
        # app.core.errors registers the one handler set for the whole app.
        pass

    def _init_spec(self, **kwargs):
        super()._init_spec(**kwargs)
        self.ma_plugin.converter.add_attribute_function(_dict_sizes_as_properties)
        _schema_keywords(self.ma_plugin.converter)


class Parser(FlaskParser):
    """webargs' Flask parser with the app's JSON reader (nesting bounded, and text no column can
    hold refused with a 422 naming the field: ``core.untrusted.read_json``), and multipart text
    parts read beside the files, so a part the schema does not name is refused as unknown like
    any other field."""

    # webargs excludes unknown multipart parts by default; like unknown JSON fields, they are refused.
    DEFAULT_UNKNOWN_BY_LOCATION = {**FlaskParser.DEFAULT_UNKNOWN_BY_LOCATION, "files": ma.RAISE}

    def _raw_load_json(self, req):
        if not is_json_request(req):
            return core.missing
        return untrusted.read_json(req.get_data(cache=True))

    def load_files(self, req, schema):
        parts = MultiDict(req.files)
        for name, value in req.form.items(multi=True):
            parts.add(name, value)
        return self._makeproxy(parts, schema)


class Blueprint(SmorestBlueprint):
    """The one Blueprint feature packages use for the API."""

    ARGUMENTS_PARSER = Parser()

