"""Products, plans and insurers: admins edit names, summaries, premiums and the underwriter, put products
and plans on or off sale (a whole product only after a confirmation), and publish new versions of a product's
documents (every version stays listed and readable)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.admin import access
from app.admin.blueprint import blp
from app.admin.forms import (INSURER_FIELDS, DocumentForm, InsurerForm, PlanForm, ProductForm, TakeOffSaleForm,
                             fen_to_yuan)
from app.admin.labels import label
from app.admin.services.audit import snapshot
from app.admin.routes.common import audit, form_errors, refused
from app.catalog import documents
from app.catalog import services as catalog
from app.catalog.models import DOCUMENT_CODES
from app.core.errors import AppError
from app.core.i18n import localized

PRODUCT_FIELDS = ("code", "name_zh", "name_en", "summary_zh", "summary_en", "covered_zh", "covered_en",
                  "not_covered_zh", "not_covered_en", "faq_zh", "faq_en", "active")
PLAN_FIELDS = ("code", "name_zh", "name_en", "premium_fen", "active")


@blp.route("/products")
@access.requires("viewer")
def products():
    return render_template("admin/products.html", products=catalog.all_products())


@blp.route("/products/<int:product_id>")
@access.requires("viewer")
def product(product_id: int):
    return _product_page(product_id)


def _product_page(product_id: int, status: int = 200, product_form=None, plan_forms=None, insurer_form=None,
                  document_form=None):
    product = catalog.product_by_id(product_id)
    document_form = document_form or _document_form_from(product, request.args.get("document"))
    document_form.code.choices = [choice for choice in document_form.code.choices
                                  if choice.value in documents.codes_of(product)]
    product_form = product_form or ProductForm.of(product)
    insurer_form = insurer_form or InsurerForm.of(product.insurer)
    forms = {}
    for plan in product.plans:
        forms[plan.id] = (plan_forms or {}).get(plan.id) or PlanForm(
            formdata=None, name_zh=plan.name_zh, name_en=plan.name_en, premium=fen_to_yuan(plan.premium_fen))
    versions = documents.versions_of(product.id)
    current_ids = {document.id for document in product.current_documents}
    return render_template("admin/product.html", product=product, product_form=product_form, plan_forms=forms,
                           insurer_form=insurer_form, insurer_products=catalog.products_of_insurer(product.insurer_id),
                           document_form=document_form, versions=versions, current_ids=current_ids), status


def _document_form_from(product, code: str | None) -> DocumentForm:
    """The publishing form, filled with the current version of ``code`` to start the next one from."""
    current = {document.code: document for document in product.current_documents}.get(code)
    if code not in DOCUMENT_CODES or current is None:
        return DocumentForm(formdata=None)
    questions = "\n".join(f"{q['code']} | {q['text_zh']} | {q['text_en']}" for q in current.questions or [])
    return DocumentForm(formdata=None, code=code, title_zh=current.title_zh, title_en=current.title_en,
                        body_zh=current.body_zh, body_en=current.body_en, questions=questions)


@blp.route("/products/<int:product_id>/documents", methods=["POST"])
@access.requires("admin")
def publish_document(product_id: int):
    """Publish a new version of one of the product's documents: from now on buyers must accept it."""
    product = catalog.product_by_id(product_id)
    form = DocumentForm()
    if not form.validate():
        form_errors(form)
        return _product_page(product_id, 422, document_form=form)
    try:
        questions = form.questions_list()
    except ValueError as error:
        form.questions.errors = [str(error)]
        form_errors(form)
        return _product_page(product_id, 422, document_form=form)
    try:
        published = documents.publish(product_id, code=form.code.data, version=form.version.data,
                                      title_zh=form.title_zh.data, title_en=form.title_en.data,
                                      body_zh=form.body_zh.data, body_en=form.body_en.data, questions=questions,
                                      published_by=current_user.actor)
    except AppError as error:
        return _product_page(product_id, refused(error, form), document_form=form)
    audit("document.publish", target_type="product", target_id=product.code, before=None,
          after={"code": published.code, "version": published.version, "title_zh": published.title_zh})
    flash(_("Published version %(version)s of %(document)s. Buyers must accept it from now on.",
            version=published.version, document=label("document", published.code)), "info")
    return redirect(url_for("admin.product", product_id=product_id), 303)


@blp.route("/products/<int:product_id>", methods=["POST"])
@access.requires("admin")
def edit_product(product_id: int):
    form = ProductForm()
    if not form.validate():
        form_errors(form)
        return _product_page(product_id, 422, product_form=form)
    product = catalog.product_by_id(product_id)
    before = snapshot(product, PRODUCT_FIELDS)
    try:
        texts = form.texts()
    except ValueError as error:
        form.faq_zh.errors = [str(error)]
        form_errors(form)
        return _product_page(product_id, 422, product_form=form)
    try:
        catalog.update_product(product_id, texts=texts)
    except AppError as error:
        return _product_page(product_id, refused(error), product_form=form)
    audit("product.update", target_type="product", target_id=product.code, before=before,
          after=snapshot(product, PRODUCT_FIELDS))
    flash(_("Saved %(name_zh)s (%(name_en)s).", name_zh=product.name_zh, name_en=product.name_en), "info")
    return redirect(url_for("admin.product", product_id=product_id), 303)


@blp.route("/plans/<int:plan_id>", methods=["POST"])
@access.requires("admin")
def edit_plan(plan_id: int):
    plan = catalog.plan_by_id(plan_id)
    form = PlanForm()
    if not form.validate() or form.premium.fen is None:
        form_errors(form)
        return _product_page(plan.product_id, 422, plan_forms={plan.id: form})
    before = snapshot(plan, PLAN_FIELDS)
    try:
        catalog.update_plan(plan_id, name_zh=form.name_zh.data, name_en=form.name_en.data,
                            premium_fen=form.premium.fen)
    except AppError as error:
        return _product_page(plan.product_id, refused(error, form, {"premium_fen": "premium"}),
                             plan_forms={plan.id: form})
    audit("plan.update", target_type="plan", target_id=plan.code, before=before, after=snapshot(plan, PLAN_FIELDS))
    flash(_("Saved plan %(name_zh)s (%(name_en)s).", name_zh=plan.name_zh, name_en=plan.name_en), "info")
    return redirect(url_for("admin.product", product_id=plan.product_id), 303)


@blp.route("/products/<int:product_id>/activate", methods=["POST"])
@access.requires("admin")
def activate_product(product_id: int):
    _set_product_on_sale(product_id, True)
    return redirect(url_for("admin.products"), 303)


@blp.route("/products/<int:product_id>/deactivate", methods=["GET", "POST"])
@access.requires("admin")
def deactivate_product(product_id: int):
    """Taking a whole product off sale is one deliberate step: a page that says what it does and a
    box to tick (never pre-ticked), posted with the CSRF token. A post without the tick changes nothing."""
    product = catalog.product_by_id(product_id)
    form = TakeOffSaleForm() if request.method == "POST" else TakeOffSaleForm(formdata=None)
    if request.method == "POST" and form.validate():
        _set_product_on_sale(product_id, False)
        return redirect(url_for("admin.products"), 303)
    status = 200
    if request.method == "POST":
        form_errors(form)
        status = 422
    return render_template("admin/product_off_sale.html", product=product, form=form), status


def _set_product_on_sale(product_id: int, on_sale: bool) -> None:
    product = catalog.product_by_id(product_id)
    before = snapshot(product, PRODUCT_FIELDS)
    catalog.set_product_on_sale(product_id, on_sale)
    audit(f"product.{'activate' if on_sale else 'deactivate'}", target_type="product", target_id=product.code,
          before=before, after=snapshot(product, PRODUCT_FIELDS))
    name = localized(product, "name")
    flash(_("%(name)s is on sale.", name=name) if product.active else _("%(name)s is off sale.", name=name), "info")


@blp.route("/insurers/<int:insurer_id>", methods=["POST"])
@access.requires("admin")
def edit_insurer(insurer_id: int):
    """Edit the underwriter (every product it underwrites shows the change); back to ``product_id``'s page."""
    insurer = catalog.insurer_by_id(insurer_id)
    back_to = request.args.get("product_id", type=int)
    form = InsurerForm()
    if not form.validate():
        form_errors(form)
        return _insurer_refused(insurer, back_to, form, 422)
    before = snapshot(insurer, ("code",) + INSURER_FIELDS)
    try:
        catalog.update_insurer(insurer_id, texts={key: getattr(form, key).data for key in INSURER_FIELDS},
                               placeholder=form.placeholder.data)
    except AppError as error:
        return _insurer_refused(insurer, back_to, form, refused(error))
    audit("insurer.update", target_type="insurer", target_id=insurer.code, before=before,
          after=snapshot(insurer, ("code",) + INSURER_FIELDS))
    flash(_("Saved insurer %(name)s.", name=insurer.name_zh), "info")
    if back_to is None:
        return redirect(url_for("admin.products"), 303)
    return redirect(url_for("admin.product", product_id=back_to), 303)


def _insurer_refused(insurer, back_to: int | None, form, status: int):
    product_id = back_to or next((p.id for p in catalog.products_of_insurer(insurer.id)), None)
    if product_id is None:
        return redirect(url_for("admin.products"), 303)
    return _product_page(product_id, status, insurer_form=form)


@blp.route("/plans/<int:plan_id>/<any(activate, deactivate):action>", methods=["POST"])
@access.requires("admin")
def toggle_plan(plan_id: int, action: str):
    plan = catalog.plan_by_id(plan_id)
    before = snapshot(plan, PLAN_FIELDS)
    catalog.set_plan_on_sale(plan_id, action == "activate")
    audit(f"plan.{action}", target_type="plan", target_id=plan.code, before=before, after=snapshot(plan, PLAN_FIELDS))
    name = localized(plan, "name")
    flash(_("Plan %(name)s is on sale.", name=name) if plan.active else _("Plan %(name)s is off sale.", name=name),
          "info")
    return redirect(url_for("admin.products"), 303)
