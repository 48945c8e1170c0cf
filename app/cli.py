"""Commands: ``flask seed``, ``flask worker``, ``flask create-admin``, ``flask rebuild-envelope-gates``.
(``flask db`` comes from Flask-Migrate.) Each command's work is one unit of work."""

from __future__ import annotations

import os

import click
import flask_migrate
from flask import Flask, current_app

from app.admin.services import accounts, audit
from app.campaigns.seed import seed_campaigns
from app.catalog.seed import seed_catalog
from app.core.db import unit_of_work
from app.core.jobs import run_worker
from app.envelopes import grabs
from app.renewals import tasks as renewals
from app.core import clock
from app.core.errors import AppError

#: What ``flask seed`` loads, in order; each is idempotent and never overwrites an operator's edits.
SEEDERS = (seed_catalog, seed_campaigns)


def init_app(app: Flask) -> None:
    @app.cli.command("seed")
    @click.option("--migrate", is_flag=True,
                  help="First migrate the database to the newest schema, as `flask db upgrade` does.")
    def seed(migrate: bool):
        """Load the catalog and default campaigns (safe to run again)."""
        if migrate:
            # One process for both, where the runner used to start two: each start imports the whole app.
            flask_migrate.upgrade()
        for seeder in SEEDERS:
            with unit_of_work():
                summary = seeder()
            click.echo(f"{seeder.__module__}.{seeder.__name__}: {summary}")

    @app.cli.group("renewals")
    def renewals_group():
        """Monthly auto-renewal (WeChat Pay contract deduction)."""

    @renewals_group.command("run")
    @click.option("--now", "now_text", default=None,
                  help="Run as of this ISO 8601 time with offset (production: not in the future).")
    def renewals_run(now_text: str | None):
        """One idempotent pass: schedule what is due, charge what is scheduled, in WeChat's windows."""
        try:
            now = renewals.parse_now(now_text, production=current_app.config["ENV_NAME"] == "production")
        except ValueError as refused:
            raise click.BadParameter(str(refused), param_hint="--now") from None
        if now is None:
            summary = renewals.run_pass()
        else:
            with clock.frozen_at(now):
                summary = renewals.run_pass()
        click.echo(" ".join(f"{outcome}={count}" for outcome, count in sorted(summary.items())) or "nothing due")
        if summary.get("failed"):
            # A scheduler (cron, a Kubernetes CronJob) alerts on the exit status, not on a word in the output: a
            # pass that left renewals failing exited 0, and nobody was told until covers lapsed.
            raise click.ClickException(f"{summary['failed']} renewal(s) failed; the log has each one's error, "
                                       "and the next pass tries them again")

    @app.cli.command("rebuild-envelope-gates")
    def rebuild_envelope_gates():
        """Rebuild every active envelope's Redis grab gate from the database (after a Redis restart)."""
        with unit_of_work():
            count = grabs.rebuild_all_gates()
        click.echo(f"{count} envelope gates rebuilt")

    @app.cli.command("worker")
    @click.option("--burst", is_flag=True, help="Run the jobs that are due, then exit.")
    def worker(burst: bool):
        """Run the job worker with its scheduler and the periodic jobs."""
        run_worker(burst=burst, logging_level=current_app.config.get("LOG_LEVEL", "INFO"))

    @app.cli.command("create-admin")
    @click.argument("name")
    @click.option("--role", type=click.Choice(["admin", "operator", "viewer"]), default="admin", show_default=True,
                  help="viewer reads; operator also refunds and moves claims; admin also manages the rest.")
    def create_admin(name: str, role: str):
        """Create an admin dashboard user (the password comes from ADMIN_PASSWORD, or a prompt)."""
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
