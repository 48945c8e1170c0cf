"""``flask create-admin NAME --role ...``: the first admin comes from the command line."""

from __future__ import annotations

from app.admin.models import AdminUser
from tests.admin.support import audit_entries, log_in, rows


def test_create_admin_takes_the_password_from_the_environment(app):
    result = app.test_cli_runner().invoke(args=["create-admin", "Root", "--role", "admin"],
                                          env={"ADMIN_PASSWORD": "a long enough password"})
    assert result.exit_code == 0, result.output
    assert "root created with role admin" in result.output
    [admin] = rows(app, AdminUser)
    assert (admin.username, admin.role, admin.created_by) == ("root", "admin", "cli")
    assert log_in(app.test_client(), "root", "a long enough password").status_code == 302
    [entry] = audit_entries(app, "admin_user.create")
    assert (entry.actor, entry.admin_user_id) == ("cli", None)


def test_create_admin_prompts_for_the_password_when_the_environment_has_none(app, monkeypatch):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    result = app.test_cli_runner().invoke(args=["create-admin", "olga", "--role", "operator"],
                                          input="a long enough password\na long enough password\n")
    assert result.exit_code == 0, result.output
    assert rows(app, AdminUser)[0].role == "operator"


def test_create_admin_refuses_a_weak_password_a_taken_name_and_an_unknown_role(app):
    runner = app.test_cli_runner()
    weak = runner.invoke(args=["create-admin", "root"], env={"ADMIN_PASSWORD": "short"})
    # A command writes in Chinese, the product's language (app.core.i18n).
    assert weak.exit_code != 0 and "密码需为 12 到 256 个字符" in weak.output
    assert runner.invoke(args=["create-admin", "root"], env={"ADMIN_PASSWORD": "a long enough password"}) \
        .exit_code == 0
    taken = runner.invoke(args=["create-admin", "ROOT"], env={"ADMIN_PASSWORD": "a long enough password"})
    assert taken.exit_code != 0 and "管理员 root 已存在" in taken.output
    unknown = runner.invoke(args=["create-admin", "x", "--role", "god"],
                            env={"ADMIN_PASSWORD": "a long enough password"})
    assert unknown.exit_code != 0
    assert [a.username for a in rows(app, AdminUser)] == ["root"]
