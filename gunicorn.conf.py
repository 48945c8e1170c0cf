"""gunicorn defaults for Redcover (``gunicorn wsgi:app``); environment variables override.

This file runs before the app exists, so it reads its variables itself rather than
through config/; README.md's configuration table lists them with the app's.

The worker class is gthread, 4 workers x 8 threads on two cores, chosen on bench/README.md's numbers (issue
19): a process's red-envelope grabs are committed together by one writer thread (``app.core.group_commit``)
while their requests wait, and its payment notifications are applied together by whichever of their requests came
first (``app.core.batching``) while the others wait, which needs a threaded worker. Measured side by side with 2 x 8 (7 December, each
scenario on both servers seconds apart), 4 x 8 served 20% more grabs and 9% more policy lookups a second at the
same /healthz rate and no more CPU per request: with 2 processes a grab's waits (Redis, its batch's commit) left a
fifth of the cores idle, with 4 they are kept busy. Sync workers lost on every rate (no keep-alive, one commit per
grab), gevent on tail latency (a /healthz p99 over a second while greenlets waited their turn). On more cores,
keep two workers per core (``WEB_CONCURRENCY``) and mind PostgreSQL's connections: up to ten per worker.
``GUNICORN_WORKER_CLASS``, ``WEB_CONCURRENCY`` and ``GUNICORN_THREADS`` override.
"""

import os
import shutil
import tempfile

from gunicorn import glogging

bind = os.environ.get("GUNICORN_BIND") or f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or 4)
worker_class = os.environ.get("GUNICORN_WORKER_CLASS") or "gthread"
threads = int(os.environ.get("GUNICORN_THREADS") or 8)
timeout = 30
graceful_timeout = 20
keepalive = 5
# One listening socket per worker (SO_REUSEPORT): the kernel spreads new connections over
# the workers. With one shared socket, whichever worker wakes first accepts a burst of
# connections and keeps them (keep-alive): bench/ saw 32 of wrk's 32 connections on one
# worker, one core idle and half the rate. The catch: a second gunicorn started on the same
# port by the same user shares it instead of failing. GUNICORN_REUSE_PORT=0 turns it off. A unix
# socket cannot be shared so: each worker would replace the last one's file, and only one would serve.
reuse_port = os.environ.get("GUNICORN_REUSE_PORT", "1") != "0" and not bind.startswith("unix:")
# Our request log is one JSON line per request (app.core.observability); gunicorn's would repeat it.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()


class ListeningLogger(glogging.Logger):
    """gunicorn's logger, with the address in "Listening at".

    With ``reuse_port`` gunicorn 27's master opens no socket (each worker binds its own after
    the fork), so it announces an empty list: "Listening at:  (pid)". The addresses it was told
    to bind are the ones every worker listens on.
    """

    def info(self, msg, *args, **kwargs):
        if msg.startswith("Listening at:") and args and not args[0]:
            args = (", ".join(_bound_urls(self.cfg)) + " (a socket per worker)", *args[1:])
        super().info(msg, *args, **kwargs)


def _bound_urls(cfg) -> list[str]:
    """The configured bind addresses, written as gunicorn writes a listener's."""
    scheme = "https" if cfg.is_ssl else "http"
    urls = []
    for address in cfg.address:
        if isinstance(address, tuple):
            host, port = address[:2]
            urls.append(f"{scheme}://[{host}]:{port}" if ":" in host else f"{scheme}://{host}:{port}")
        else:
            urls.append(f"unix:{address}")
    return urls


logger_class = ListeningLogger
# Importing the app takes ~0.5 s per worker; preloading shares it. Connections open per worker on first use.
preload_app = False
# Several gunicorns may run on one host (tests, benchmarks); a shared control socket path would clash.
control_socket_disable = True

# Prometheus counters from every worker, summed at /metrics. A directory made here is this server's
# own, removed when it stops (on_exit); one given in the environment is left as it is.
_own_metrics_dir = None
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    _own_metrics_dir = os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="redcover-metrics-")


def on_exit(server):
    if _own_metrics_dir:
        shutil.rmtree(_own_metrics_dir, ignore_errors=True)


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
