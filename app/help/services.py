"""The help page and the privacy policy, in the request's language."""

from __future__ import annotations

from app.catalog import services as catalog
from app.core.i18n import current_language
from app.help import content


def help_page() -> dict:
    """The FAQ, how to complain, each insurer's hotline and complaint channel, and service hours."""
    language = current_language()
    return {
        "faq": content.FAQ[language],
        "complaint": {"steps": content.COMPLAINT_STEPS[language]},
        "insurers": catalog.insurers_on_sale(),
        "service_hours": content.SERVICE_HOURS[language],
    }


def privacy_policy() -> dict:
    """The privacy policy's title and sections (``content.PRIVACY``) in the current language."""
    return content.PRIVACY[current_language()]
