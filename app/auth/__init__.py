"""Bearer tokens and ``@login_required``: who is calling, for every feature's routes (logging in is ``app.users``)."""
