"""Commands: ``flask seed``, ``flask worker``. (``flask db`` comes from Flask-Migrate.)"""

from __future__ import annotations

import click
from flask import Flask

from app.core.db import unit_of_work

#: Seed functions, run in order by ``flask seed``; each is idempotent. Features add theirs.
SEEDERS: list[str] = ["app.catalog.seed.seed_catalog", "app.campaigns.seed.seed_campaigns"]


def _import(path: str):
    module_name, _, attr = path.rpartition(".")
    module = __import__(module_name, fromlist=[attr])
    return getattr(module, attr)


def init_app(app: Flask) -> None:
    @app.cli.command("seed")
    def seed():
        """Load the catalog and default campaigns (safe to run again)."""
        for path in SEEDERS:
            with unit_of_work():
                summary = _import(path)()
            click.echo(f"{path}: {summary}")
        if not SEEDERS:
            click.echo("nothing to seed")

    @app.cli.command("rebuild-envelope-gates")
    def rebuild_envelope_gates():
        """Rebuild every active envelope's Redis grab gate from the database (after a Redis restart)."""
        from app.envelopes.services import rebuild_all_gates

        with unit_of_work():
            count = rebuild_all_gates()
        click.echo(f"{count} envelope gates rebuilt")

    @app.cli.command("worker")
    @click.option("--burst", is_flag=True, help="Run the jobs that are due, then exit.")
    def worker(burst: bool):
        """Run the job worker with its scheduler and the periodic jobs."""
        from app.jobs import run_worker

        run_worker(burst=burst)

    @app.cli.command("create-admin")
    @click.argument("name")
    @click.option("--role", type=click.Choice(["admin", "operator", "viewer"]), default="admin", show_default=True,
                  help="viewer reads; operator also refunds and moves claims; admin also manages the rest.")
    def create_admin(name: str, role: str):
        """Create an admin dashboard user (the password comes from ADMIN_PASSWORD, or a prompt)."""
        import os

        from app.admin.services import accounts, audit
        from app.errors import AppError

        password = os.environ.get("ADMIN_PASSWORD") or click.prompt(
            f"Password for {name}", hide_input=True, confirmation_prompt=True)
        try:
            with unit_of_work():
                admin = accounts.create(name, password, role, created_by="cli")
                audit.record("admin_user.create", admin=None, actor="cli", target_type="admin_user",
                             target_id=admin.id, after=accounts.snapshot(admin))
        except AppError as error:
            raise click.ClickException(error.message) from None
        click.echo(f"admin user {admin.username} created with role {admin.role}")
