# Gunicorn reads this file from the working directory (the image's /app).
# Its access lines go through core.redaction, like Django's own logs.
import os

logger_class = "config.gunicorn.RedactingLogger"

# Threaded workers (gthread), one per core plus one, each with a few threads: a request
# mostly waits on PostgreSQL, and threads share the worker's connection pool. On 2 cores:
# 3 workers x 4 threads. On a larger machine: 2 x cores + 1 workers (8 cores: 17) with the
# same threads, keeping workers x threads below the database's max_connections over all
# web machines (each worker holds at most its pool's max_size of 10). Set
# GUNICORN_WORKERS and GUNICORN_THREADS to override.
workers = int(os.environ.get("GUNICORN_WORKERS", (os.cpu_count() or 1) + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# A decision letter renders in the Celery task, not in a request; 60 s is an upper bound.
timeout = 60
# Keep idle connections longer than a client waits between requests and longer than a load
# balancer's idle timeout (commonly 60 s), so the other side closes first: with the default
# of 2 s, a caseworker's next click 1-3 s later could land on a connection the server was
# closing, and fail.
keepalive = 75
# Recycle workers now and then (WeasyPrint previews hold memory), spread out by jitter.
# Not too often: a worker that exits closes its idle keep-alive connections, and under
# load (50 caseworkers, about 25 requests a second) a recycle every 1,000 requests dropped
# requests in flight on them.
max_requests = 20000
max_requests_jitter = 5000
