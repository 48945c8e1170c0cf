from __future__ import annotations

from app.catalog import services
from app.catalog.schemas import ProductDetailSchema, ProductSchema
from app.core.api import Blueprint

blp = Blueprint("products", __name__, url_prefix="/api/v1/products", description="Products and plans")


@blp.route("", methods=["GET"])
@blp.response(200, ProductSchema(many=True))
def list_products():
    """Every product on sale with its plans (the `gift` cover included; clients hide it from the shop)."""
    return services.list_products()


@blp.route("/<string:code>", methods=["GET"])
@blp.response(200, ProductDetailSchema)
def get_product(code):
    """One product in plain words: what is covered, what is not, and common questions."""
    return services.get_product(code)
