"""The public pages of a product's documents: ``/documents/<product>/<document>/<version>``, for anyone,
in the request's language (``?lang=en|zh-CN`` wins over Accept-Language), as a small page or, with
``?format=fragment``, as the body alone for the mini-program's <rich-text>."""

from __future__ import annotations

from flask import Blueprint, g, make_response, render_template, request

from app.catalog import documents
from app.core.i18n import LANGUAGES, current_language, local_date, localized

blp = Blueprint("documents", __name__, url_prefix="/documents", template_folder="templates")


@blp.route("/<string:product_code>/<string:code>/<string:version>", methods=["GET"])
def document_page(product_code, code, version):
    """One version of one document, current or not: old versions stay readable forever."""
    language = request.args.get("lang")
    if language in LANGUAGES:
        g.language = language
    product, document = documents.version_of(product_code, code, version)
    context = {
        "title": localized(document, "title"), "body": localized(document, "body"),
        "questions": documents.questions_in_language(document), "product_name": localized(product, "name"),
        "version": document.version, "published": local_date(document.published_at), "language": current_language(),
    }
    fragment = request.args.get("format") == "fragment"
    response = make_response(render_template("documents/fragment.html" if fragment else "documents/page.html",
                                             **context))
    response.headers["Content-Type"] = "text/html; charset=utf-8"
    # A version never changes: caches may keep it (the language varies with the request's).
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response
