from __future__ import annotations

from flask import Blueprint as FlaskBlueprint
from flask import jsonify, send_from_directory
from swagger_ui_bundle import swagger_ui_path

from app.core.api import Blueprint
from app.core.observability import metrics_response
from app.core.errors import error_response
from app.ops import services
from app.ops.schemas import ClientSettingsSchema

blp = FlaskBlueprint("ops", __name__)
config_blp = Blueprint("config", __name__, url_prefix="/api/v1/config", description="Public client settings")

HEALTHY = {"status": "ok"}


@blp.get("/healthz")
def healthz():
    """Liveness: a constant answer with no I/O (benchmarks divide by this rate)."""
    return jsonify(HEALTHY)


@blp.get("/readyz")
def readyz():
    status = services.dependency_status()
    down = [name for name, state in status.items() if state != "ok"]
    if down:
        return error_response(503, "service_unavailable", f"{' and '.join(down)} unavailable", status)
    return jsonify({"status": "ok", **status})


@blp.get("/metrics")
def metrics():
    return metrics_response()


@blp.get("/api/docs/assets/<path:filename>")
def swagger_assets(filename: str):
    return send_from_directory(str(swagger_ui_path), filename, max_age=86400)


@config_blp.route("", methods=["GET"])
@config_blp.response(200, ClientSettingsSchema)
def client_settings():
    """Settings the mini-program reads at start: sandbox or not, subscribe templates."""
    return services.client_settings()
