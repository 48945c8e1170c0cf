"""Taking a whole product off sale needs a confirmation; admins edit the insurer; claim pages show the
policy's status."""

from __future__ import annotations

import pytest

from app.catalog.models import Insurer, Product
from app.extensions import db
from tests.admin.support import audit_entries, file_claim, paid_order, post_form, rows
from tests.support import run_jobs


def product_row(app, code="travel") -> Product:
    return rows(app, Product, Product.code == code)[0]


def on_sale(client) -> list[str]:
    return [p["code"] for p in client.get("/api/v1/products").get_json()]


# -- taking a product off sale -----------------------------------------------------------------

def test_the_products_page_links_to_a_confirmation_instead_of_a_one_click_button(app, catalog, as_admin):
    product = product_row(app)
    page = as_admin.get("/admin/products").get_data(as_text=True)
    assert f'href="/admin/products/{product.id}/deactivate"' in page
    assert f'action="/admin/products/{product.id}/deactivate"' not in page
    confirm = as_admin.get(f"/admin/products/{product.id}/deactivate").get_data(as_text=True)
    assert 'name="csrf_token"' in confirm and 'name="confirm"' in confirm
    assert "checked" not in confirm  # never pre-ticked
    assert "已售出的保单" in confirm


def test_one_click_without_the_confirmation_does_not_take_it_off_sale(app, client, catalog, as_admin):
    product = product_row(app)
    response = post_form(as_admin, f"/admin/products/{product.id}/deactivate",
                         token_from=f"/admin/products/{product.id}/deactivate")
    assert response.status_code == 422
    assert "请先勾选确认，才能下架产品。" in response.get_data(as_text=True)
    assert product_row(app).active is True and "travel" in on_sale(client)
    assert audit_entries(app, "product.deactivate") == []


def test_without_the_csrf_token_nothing_changes(app, client, catalog, as_admin):
    product = product_row(app)
    response = as_admin.post(f"/admin/products/{product.id}/deactivate", data={"confirm": "y"})
    assert response.status_code in (400, 422)
    assert product_row(app).active is True and audit_entries(app, "product.deactivate") == []


def test_confirmed_it_goes_off_sale_with_an_audit_entry_and_comes_back_in_one_click(app, client, catalog, as_admin):
    product = product_row(app)
    response = post_form(as_admin, f"/admin/products/{product.id}/deactivate", {"confirm": "y"},
                         token_from=f"/admin/products/{product.id}/deactivate")
    assert response.status_code == 303
    assert "travel" not in on_sale(client)
    [entry] = audit_entries(app, "product.deactivate")
    assert (entry.before["active"], entry.after["active"]) == (True, False)
    assert post_form(as_admin, f"/admin/products/{product.id}/activate").status_code == 303
    assert "travel" in on_sale(client)


def test_an_operator_cannot_take_a_product_off_sale(app, catalog, as_operator):
    product = product_row(app)
    assert as_operator.get(f"/admin/products/{product.id}/deactivate").status_code == 403
    assert post_form(as_operator, f"/admin/products/{product.id}/deactivate", {"confirm": "y"}).status_code == 403
    assert product_row(app).active is True


# -- the insurer -------------------------------------------------------------------------------

REAL = {"name_zh": "安心示范财产保险股份有限公司", "name_en": "Anxin Demo Property Insurance Co., Ltd.",
        "licence_no": "000123", "hotline": "400-123-4567",
        "complaint_channel_zh": "拨打客服电话转投诉，或登录官网“投诉建议”栏目。",
        "complaint_channel_en": "Call the hotline and ask for complaints, or use Complaints on the website.",
        "address_zh": "上海市黄浦区中山东一路88号安心大厦", "address_en": "Anxin Tower, 88 Zhongshan Road East (1), "
        "Huangpu District, Shanghai"}


def edit_insurer(client, product: Product, **fields):
    return post_form(client, f"/admin/insurers/{product.insurer_id}?product_id={product.id}", fields,
                     token_from=f"/admin/products/{product.id}")


def test_an_admin_names_the_real_insurer_and_every_product_shows_it(app, client, catalog, as_admin):
    product = product_row(app, "accident")
    page = as_admin.get(f"/admin/products/{product.id}").get_data(as_text=True)
    assert 'data-insurer="example"' in page and "示例保险股份有限公司" in page
    response = edit_insurer(as_admin, product, **REAL)  # the example box left unticked: a real company
    assert response.status_code == 303, response.get_data(as_text=True)
    [insurer] = rows(app, Insurer)
    assert (insurer.name_zh, insurer.hotline, insurer.placeholder) == (REAL["name_zh"], "400-123-4567", False)
    shown = client.get("/api/v1/products/travel").get_json()["insurer"]
    assert shown["name"] == REAL["name_zh"] and shown["licence_no"] == "000123"
    assert shown["address"] == REAL["address_zh"]
    # The saved address is what the form shows next, in both languages.
    page = as_admin.get(f"/admin/products/{product.id}").get_data(as_text=True)
    assert f'value="{REAL["address_zh"]}"' in page and f'value="{REAL["address_en"]}"' in page
    assert "示例路" not in page and 'data-missing="address"' not in page
    [entry] = audit_entries(app, "insurer.update")
    assert entry.target_id == "example"
    assert (entry.before["name_zh"], entry.after["name_zh"]) == ("示例保险股份有限公司", REAL["name_zh"])
    assert (entry.before["address_zh"], entry.after["address_zh"]) == ("上海市浦东新区示例路100号示例大厦18层",
                                                                       REAL["address_zh"])
    assert (entry.before["placeholder"], entry.after["placeholder"]) == (True, False)


def test_the_example_cannot_be_declared_real_without_renaming_it(app, catalog, as_admin):
    product = product_row(app, "accident")
    [example] = rows(app, Insurer)
    fields = {key: getattr(example, key) for key in REAL}
    response = edit_insurer(as_admin, product, **dict(fields, hotline="95001"))
    assert response.status_code == 422
    assert "替换示例" in response.get_data(as_text=True)
    assert rows(app, Insurer)[0].hotline == example.hotline and audit_entries(app, "insurer.update") == []
    assert edit_insurer(as_admin, product, **dict(fields, hotline="95001", placeholder="y")).status_code == 303


def test_the_example_keeps_its_made_up_address_only_while_it_is_the_example(app, catalog, as_admin):
    """A real insurer's policies must not print the example's address: renamed but still at 示例路 is refused."""
    product = product_row(app, "accident")
    [example] = rows(app, Insurer)
    kept = dict(REAL, address_zh=example.address_zh)
    response = edit_insurer(as_admin, product, **kept)
    assert response.status_code == 422 and "许可证编号和中英文住所" in response.get_data(as_text=True)
    assert rows(app, Insurer)[0].placeholder is True and audit_entries(app, "insurer.update") == []


def test_an_insurer_without_an_address_on_record_is_flagged_on_its_page(app, catalog, as_admin):
    product = product_row(app, "accident")
    with app.app_context():
        insurer = db.session.get(Insurer, product.insurer_id)
        insurer.address_zh = insurer.address_en = None  # as the migration leaves an insurer named before addresses
        db.session.commit()
    page = as_admin.get(f"/admin/products/{product.id}").get_data(as_text=True)
    assert 'data-missing="address"' in page and "尚未填写住所" in page
    assert edit_insurer(as_admin, product, **REAL).status_code == 303
    assert 'data-missing="address"' not in as_admin.get(f"/admin/products/{product.id}").get_data(as_text=True)


def test_a_real_insurer_with_products_on_sale_cannot_be_marked_an_example(app, catalog, as_admin):
    product = product_row(app, "accident")
    assert edit_insurer(as_admin, product, **REAL).status_code == 303
    response = edit_insurer(as_admin, product, **dict(REAL, placeholder="y"))
    assert response.status_code == 422 and "不能标记为示例" in response.get_data(as_text=True)
    assert rows(app, Insurer)[0].placeholder is False


@pytest.mark.parametrize("changes", [{"hotline": "call us"}, {"name_zh": ""}, {"licence_no": "x" * 65},
                                     {"address_zh": ""}, {"address_en": " "}, {"address_zh": "市" * 201}])
def test_an_invalid_insurer_is_refused_and_nothing_changes(app, catalog, as_admin, changes):
    product = product_row(app, "accident")
    assert edit_insurer(as_admin, product, **dict(REAL, **changes)).status_code == 422
    assert rows(app, Insurer)[0].name_zh == "示例保险股份有限公司"
    assert audit_entries(app, "insurer.update") == []


def test_an_operator_cannot_edit_the_insurer(app, catalog, as_operator):
    product = product_row(app, "accident")
    assert edit_insurer(as_operator, product, **REAL).status_code == 403
    assert rows(app, Insurer)[0].name_zh == "示例保险股份有限公司"


# -- a claim on a cancelled policy --------------------------------------------------------------

def test_the_claim_pages_show_that_the_policy_was_cancelled(app, client, catalog, alice, insured_adult, as_viewer):
    order = paid_order(app, client, alice, insured_adult)
    claim_no = file_claim(client, alice, order["policy_no"])
    listed = as_viewer.get("/admin/claims").get_data(as_text=True)
    assert 'data-policy-status="active"' in listed
    assert client.post(f"/api/v1/claims/{claim_no}/withdraw", headers=alice["headers"]).status_code == 200
    assert client.post(f"/api/v1/policies/{order['policy_no']}/cancel", headers=alice["headers"]).status_code == 200
    run_jobs(app)
    listed = as_viewer.get("/admin/claims").get_data(as_text=True)
    assert 'data-policy-status="cancelled"' in listed and "已退保" in listed
    page = as_viewer.get(f"/admin/claims/{claim_no}").get_data(as_text=True)
    assert 'data-policy-status="cancelled"' in page and "已退保" in page
