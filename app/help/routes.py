"""The help API (public) and the privacy policy page (public HTML)."""

from __future__ import annotations

from flask import Blueprint as FlaskBlueprint
from flask import g, render_template, request

from app.core.api import Blueprint
from app.core.i18n import current_language, language_of
from app.help import services
from app.help.schemas import HelpSchema

blp = Blueprint("help", __name__, url_prefix="/api/v1/help",
                description="Help: the FAQ, how to complain, insurers' hotlines (public)")
pages = FlaskBlueprint("privacy", __name__, template_folder="templates")


@blp.route("", methods=["GET"])
@blp.response(200, HelpSchema)
def help_page():
    """The FAQ, the steps of a complaint (insurer's hotline, insurer's complaint channel, then the
    regulator's 12378), each insurer's hotline and complaint channel, and service hours; no login."""
    return services.help_page()


@pages.before_request
def _language_from_the_query():
    """``?lang=en`` or ``?lang=zh-CN`` wins over Accept-Language (a page opened from a link or rich-text)."""
    if request.args.get("lang"):
        g.language = language_of(request.args["lang"])


@pages.get("/privacy")
def privacy():
    """The privacy policy, Chinese first; ``?format=fragment`` is the body only (for rich-text)."""
    template = "help/privacy_fragment.html" if request.args.get("format") == "fragment" else "help/privacy.html"
    return render_template(template, policy=services.privacy_policy(), language=current_language())
