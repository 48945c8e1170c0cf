"""The admin dashboard: admin users and roles, the audit log, KPIs, and the operators' workbenches.

Server-rendered pages under ``/admin``. Views are thin: they check the role, parse a
form, call the feature's own service (the one the API calls too), write an audit
entry, and render. Nothing here re-implements a business rule.
"""
