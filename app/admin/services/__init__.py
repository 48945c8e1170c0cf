"""Admin services: admin accounts, the audit log, KPI figures, workbench queries, campaign settings."""
