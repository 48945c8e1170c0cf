"""Service endpoints: liveness, readiness, metrics, API docs assets and public client settings."""
