from flask import Blueprint

#: Every admin page lives under /admin; its CSS under /admin/static (nothing from a CDN).
blp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates", static_folder="static",
                static_url_path="/static")
