"""``GET /miniprogram.zip``: the mini-program's DevTools project, pointed at this server."""
