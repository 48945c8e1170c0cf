from __future__ import annotations

import io

from flask import Blueprint, send_file

from app.bundle import services

blp = Blueprint("bundle", __name__)


@blp.get("/miniprogram.zip")
def miniprogram_zip():
    """The WeChat DevTools project, pointed at this server (import it in DevTools)."""
    return send_file(io.BytesIO(services.build_zip()), mimetype="application/zip", as_attachment=True,
                     download_name="redcover-miniprogram.zip", max_age=0)
