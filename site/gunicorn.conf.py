"""gunicorn settings, used by `make run` and in production (`gunicorn -c site/gunicorn.conf.py`)."""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", min(4, multiprocessing.cpu_count() * 2)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Recycle workers now and then (memory hygiene), but not so often that a busy site restarts one
# every few seconds: a restarting worker stalls the connections queued on it.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = max_requests // 10
control_socket_disable = True

# Privacy: access logs carry the method, path (without the query), status, size and duration,
# never the client's address, user agent or referrer. Set ACCESS_LOG=- to write them to stdout.
accesslog = os.environ.get("ACCESS_LOG") or None
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'
# The error log (stderr) with client addresses replaced (site/gunicorn_logging.py).
errorlog = "-"
logger_class = "website.gunicorn_logging.AddressFreeLogger"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Limits on the request head (site/README.md, "Limits on requests"); gunicorn answers 414 or 431 itself past them.
# The longest URL we make is a search for 200 four-byte characters (about 2.5 KB encoded); browsers
# send 10 to 20 headers, a proxy adds a few; the largest header is the admin's cookie (under 1 KB).
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
