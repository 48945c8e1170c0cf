"""``/preview/`` serves the mini-program's own pages, prepared from miniprogram/ when asked, outside production only."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.preview import compile as preview_compile
from tests.support import config_set

MINIPROGRAM = Path(__file__).resolve().parent.parent.parent / "miniprogram"


def file_map(client) -> dict:
    response = client.get("/preview/app.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    body = response.get_data(as_text=True)
    return json.loads(body[body.index("{"):body.rindex("}") + 1])["files"]


def test_the_preview_page_loads_the_file_map_and_the_prebuilt_runtime(client):
    page = client.get("/preview/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'src="/preview/app.js"' in html
    assert 'src="/preview/static/runtime.js"' in html
    runtime = client.get("/preview/static/runtime.js")
    assert runtime.status_code == 200
    assert runtime.get_data(as_text=True).startswith("/* redcover-preview-runtime inputs-sha256=")
    runtime.close()


@pytest.mark.parametrize("path", ["/preview/", "/preview/app.js", "/preview/static/runtime.js"])
def test_production_has_no_preview(app, client, path):
    with config_set(app, ENV_NAME="production", WECHAT_SANDBOX=False):
        assert client.get(path).status_code == 404


def test_a_testing_server_without_the_sandbox_has_no_preview_either(app, client):
    with config_set(app, ENV_NAME="testing", WECHAT_SANDBOX=False):
        assert client.get("/preview/").status_code == 404
    with config_set(app, ENV_NAME="development", WECHAT_SANDBOX=False):
        assert client.get("/preview/").status_code == 200


def test_the_pages_come_from_miniprogram_as_they_are_now(app, client, tmp_path):
    """No second copy: a change to a page shows in the next load of the preview."""
    files = file_map(client)
    pages = json.loads(files["/app.json"])["pages"]
    for page in pages:
        assert files[f"/{page}.js"] == (MINIPROGRAM / f"{page}.js").read_text(encoding="utf-8")
        assert f"/{page}.wxml" in files and f"/{page}.json" in files
    assert "/miniprogram_npm/@vant/weapp/button/index.js" in files
    assert not any(name.startswith(("/test/", "/node_modules/", "/scripts/")) for name in files)
    settings = json.loads(re.search(r"module\.exports = (\{.*\})", files["/config.js"], re.S).group(1))
    assert settings == {"baseUrl": app.config["PUBLIC_BASE_URL"], "sandbox": True}

    copy = tmp_path / "miniprogram"
    copy.mkdir()
    for name in ("app.json", "app.js", "app.wxss"):
        (copy / name).write_text((MINIPROGRAM / name).read_text(encoding="utf-8"), encoding="utf-8")
    (copy / "pages" / "index").mkdir(parents=True)
    (copy / "pages" / "index" / "index.wxml").write_text("<view class=\"hello\">{{ greeting }}</view>")
    with config_set(app, MINIPROGRAM_DIR=str(copy)):
        files = file_map(client)
    assert files["/pages/index/index.wxml"] == '<view class="hello">{{ greeting }}</view>'


def test_object_shorthand_in_an_expression_is_spelt_out():
    expand = preview_compile.expand_shorthand
    assert expand("utils.bem('button', [type, { block, round, a: b || c }])") == (
        "utils.bem('button', [type, { block: block, round: round, a: b || c }])")
    assert expand(" computed.rootStyle({ plain, color }) ") == " computed.rootStyle({ plain: plain, color: color }) "
    assert expand("a ? { x: 1 } : 'y'") == "a ? { x: 1 } : 'y'"
    assert expand("list['a-b'] + 1") == "list['a-b'] + 1"


def test_wxs_files_includes_and_imports_become_what_j_component_reads():
    files = {
        "/c/index.wxml": '<wxs src="../wxs/utils.wxs" module="utils" />\n<import src="./part.wxml" />\n'
                         '<include wx:if="{{ on }}" src="./part.wxml" />',
        "/c/part.wxml": '<wxs src="../wxs/utils.wxs" module="utils" /><view class="{{ utils.bem(\'x\', { on }) }}"/>',
        "/wxs/utils.wxs": "module.exports = { isArray: function (a) { return a.constructor === 'Array' } }",
    }
    out = preview_compile.wxml(files, "/c/index.wxml")
    assert '<wxs module="utils">module.exports = __rcWxs("/wxs/utils.wxs")</wxs>' in out
    assert "<import" not in out and "<include" not in out
    assert '<block wx:if="{{ on }}"><view class="{{ utils.bem(\'x\', { on: on }) }}"/></block>' in out
    assert out.count("<wxs") == 1  # an included file's <wxs> stays behind, as in WeChat
    assert "__wxsConstructor(a) === 'Array'" in preview_compile.wxs(files["/wxs/utils.wxs"])


def test_a_loop_with_a_condition_on_the_same_element_asks_the_condition_per_item():
    """WeChat loops first (Vant's uploader: ``wx:if="{{ previewImage }}" wx:for="{{ lists }}"``); j-component
    would keep the condition and drop the loop, so the loop moves to a <block> around the element."""
    source = ('<view wx:if="{{ a > b }}" wx:for="{{ lists }}" wx:key="index" class="p">'
              '<view wx:for="{{ item.parts }}" wx:for-item="part" wx:if="{{ part }}">{{ part }}</view></view>'
              '<!-- <view wx:if="{{ c }}" wx:for="{{ d }}"> --><view wx:if="{{ t }}" wx:for="{{ dots }}" class="d" />')
    assert preview_compile.wxml({"/c.wxml": source}, "/c.wxml") == (
        '<block wx:for="{{ lists }}" wx:key="index"><view wx:if="{{ a > b }}" class="p">'
        '<block wx:for="{{ item.parts }}" wx:for-item="part"><view wx:if="{{ part }}">{{ part }}</view></block></view>'
        '</block><!-- <view wx:if="{{ c }}" wx:for="{{ d }}"> -->'
        '<block wx:for="{{ dots }}"><view wx:if="{{ t }}" class="d" /></block>')


def test_wxss_imports_are_inlined_and_rpx_is_for_a_375px_phone():
    files = {"/a.wxss": "@import '../common/b.wxss';\n.a { width: 750rpx; margin: -24rpx 1.5rpx; }",
             "/common/b.wxss": ".b { height: 100rpx }"}
    assert preview_compile.wxss(files, "/a.wxss") == ".b { height: 50px }\n.a { width: 375px; margin: -12px 0.75px; }"


def test_a_space_beside_a_tag_is_kept_as_wechat_keeps_it():
    """j-component trims every text: "{{label}} <text>{{amount}}</text>" read "Pays up to300,000 yuan"."""
    keep = preview_compile.keep_edge_spaces
    assert keep("<view>{{t.label}} <text>{{amount}}</text></view>") == "<view>{{t.label}}{{' '}}<text>{{amount}}</text></view>"
    assert keep("<view>{{a < b ? 1 : 2}} <text/></view>") == "<view>{{a < b ? 1 : 2}}{{' '}}<text/></view>"
    # Indentation (a run with a line break) stays the template's; a module's code is not text.
    assert keep("<view>\n  {{x}}\n</view>") == "<view>\n  {{x}}\n</view>"
    assert keep('<wxs module="m"> var a = 1 < 2; </wxs>') == '<wxs module="m"> var a = 1 < 2; </wxs>'
