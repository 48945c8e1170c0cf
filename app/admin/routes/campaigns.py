"""Coupon and promo campaigns: admins create them, pause and resume them, and set their budgets."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from app.admin import access
from app.admin.blueprint import blp
from app.admin.forms import CampaignCreateForm, CampaignEditForm, fen_to_yuan
from app.admin.services import campaigns as campaign_admin
from app.admin.services.audit import snapshot
from app.admin.routes.common import audit, form_errors, refused
from app.core import clock
from app.core.errors import AppError

FIELDS = campaign_admin.FIELDS


@blp.route("/campaigns")
@access.requires("viewer")
def campaigns():
    return render_template("admin/campaigns.html", campaigns=campaign_admin.list_campaigns(),
                           coupons=campaign_admin.coupon_counts(), form=CampaignCreateForm(formdata=None),
                           now=clock.now())


@blp.route("/campaigns", methods=["POST"])
@access.requires("admin")
def create_campaign():
    form = CampaignCreateForm()
    status = 422
    if form.validate() and form.budget.fen is not None:
        try:
            created = campaign_admin.create(
                code=form.code.data, name_zh=form.name_zh.data, name_en=form.name_en.data, kind=form.kind.data,
                budget_fen=form.budget.fen,
                per_user_limit=form.per_user_limit.data, starts_at=form.shanghai_to_utc(form.starts_at.data),
                ends_at=form.shanghai_to_utc(form.ends_at.data), settings=form.settings())
        except AppError as error:
            status = refused(error, form)
        else:
            audit("campaign.create", target_type="campaign", target_id=created.code, after=snapshot(created, FIELDS))
            flash(_("Campaign %(code)s created and running.", code=created.code), "info")
            return redirect(url_for("admin.campaigns"), 303)
    else:
        form_errors(form)
    return render_template("admin/campaigns.html", campaigns=campaign_admin.list_campaigns(),
                           coupons=campaign_admin.coupon_counts(), form=form, now=clock.now()), status


@blp.route("/campaigns/<int:campaign_id>")
@access.requires("viewer")
def campaign(campaign_id: int):
    found = campaign_admin.get(campaign_id)
    form = CampaignEditForm(formdata=None, name_zh=found.name_zh, name_en=found.name_en,
                            budget=fen_to_yuan(found.budget_fen),
                            per_user_limit=found.per_user_limit, starts_at=_local(found.starts_at),
                            ends_at=_local(found.ends_at))
    form.show_settings(found.settings or {})
    return _campaign_page(found, form)


@blp.route("/campaigns/<int:campaign_id>", methods=["POST"])
@access.requires("admin")
def edit_campaign(campaign_id: int):
    found = campaign_admin.get(campaign_id)
    form = CampaignEditForm()
    status = 422
    if form.validate() and form.budget.fen is not None:
        before = snapshot(found, FIELDS)
        try:
            campaign_admin.update(campaign_id, name_zh=form.name_zh.data, name_en=form.name_en.data,
                                  budget_fen=form.budget.fen,
                                  per_user_limit=form.per_user_limit.data,
                                  starts_at=form.shanghai_to_utc(form.starts_at.data),
                                  ends_at=form.shanghai_to_utc(form.ends_at.data), settings=form.settings())
        except AppError as error:
            status = refused(error, form)
        else:
            audit("campaign.update", target_type="campaign", target_id=found.code, before=before,
                  after=snapshot(found, FIELDS))
            flash(_("Saved campaign %(code)s.", code=found.code), "info")
            return redirect(url_for("admin.campaign", campaign_id=campaign_id), 303)
    else:
        form_errors(form)
    return _campaign_page(campaign_admin.get(campaign_id), form), status


def _campaign_page(found, form):
    return render_template("admin/campaign.html", campaign=found, form=form,
                           settings_fields=campaign_admin.FIELDS_OF_KIND.get(found.kind, ()),
                           coupons=campaign_admin.coupon_counts().get(found.id))


@blp.route("/campaigns/<int:campaign_id>/<any(pause, resume):action>", methods=["POST"])
@access.requires("admin")
def toggle_campaign(campaign_id: int, action: str):
    found = campaign_admin.get(campaign_id)
    before = snapshot(found, FIELDS)
    campaign_admin.set_active(campaign_id, action == "resume")
    audit(f"campaign.{action}", target_type="campaign", target_id=found.code, before=before,
          after=snapshot(found, FIELDS))
    flash(_("Campaign %(code)s resumed.", code=found.code) if found.active
          else _("Campaign %(code)s paused.", code=found.code), "info")
    return redirect(url_for("admin.campaigns"), 303)


def _local(moment):
    return None if moment is None else clock.to_shanghai(moment).replace(tzinfo=None)
