"""The user's profile: nickname and avatar, and an uploaded avatar served at a public URL."""

from __future__ import annotations


def test_profile_update_sets_nickname_and_avatar(client, alice):
    response = client.patch(
        "/api/v1/me", json={"nickname": "Alice", "avatar_url": "https://thirdwx.qlogo.cn/a.png"}, headers=alice["headers"]
    )
    assert response.status_code == 200
    body = client.get("/api/v1/me", headers=alice["headers"]).get_json()
    assert body["nickname"] == "Alice"
    assert body["avatar_url"] == "https://thirdwx.qlogo.cn/a.png"
    assert body["openid"].startswith("o") and len(body["openid"]) == 28


def test_profile_update_refuses_bad_values_and_unknown_fields(client, alice):
    for payload, field in (({"nickname": ""}, "nickname"), ({"avatar_url": "javascript:alert(1)"}, "avatar_url"),
                           ({"openid": "someone-else"}, "openid")):
        response = client.patch("/api/v1/me", json=payload, headers=alice["headers"])
        assert response.status_code == 422
        assert field in response.get_json()["error"]["details"]["fields"]


PNG_1x1 = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
           b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def test_an_uploaded_avatar_becomes_the_profile_picture_at_a_public_url(app, client, alice):
    import io

    response = client.post("/api/v1/me/avatar", data={"file": (io.BytesIO(PNG_1x1), "wxfile://tmp_1.png")},
                           headers=alice["headers"], content_type="multipart/form-data")
    assert response.status_code == 200
    url = response.get_json()["avatar_url"]
    assert url.startswith(app.config["PUBLIC_BASE_URL"] + "/media/avatars/") and url.endswith(".png")
    assert client.get("/api/v1/me", headers=alice["headers"]).get_json()["avatar_url"] == url
    served = client.get(url[len(app.config["PUBLIC_BASE_URL"]):])
    assert served.status_code == 200 and served.data == PNG_1x1


def test_an_avatar_that_is_not_an_image_is_refused(client, alice):
    import io

    response = client.post("/api/v1/me/avatar", data={"file": (io.BytesIO(b"<script>x</script>"), "me.png")},
                           headers=alice["headers"], content_type="multipart/form-data")
    assert response.status_code == 422 and response.get_json()["error"]["code"] == "unsupported_file_type"
    assert client.get("/media/avatars/../../secrets.json").status_code == 404
    assert client.get("/media/avatars/" + "0" * 64 + ".png").status_code == 404
