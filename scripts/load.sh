#!/usr/bin/env bash
# The load run (issue 18): gunicorn with the production settings and gunicorn.conf.py on
# 127.0.0.1, locust's caseworkers against it, the figures in var/load/. Run by `make load`
# with DATABASE_URL naming a database filled by `make bench-fill`.
#
#   LOAD_USERS (50), LOAD_SPAWN_RATE (5 a second), LOAD_TIME (5m), LOAD_PORT (8018),
#   LOAD_P95_MS (300): locust exits non-zero on any failed request or a p95 above it.
set -euo pipefail

: "${DATABASE_URL:?Sett DATABASE_URL (fylt med make bench-fill).}"
USERS=${LOAD_USERS:-50}
SPAWN_RATE=${LOAD_SPAWN_RATE:-5}
DURATION=${LOAD_TIME:-5m}
PORT=${LOAD_PORT:-8018}
OUT=var/load
VENV=${VENV:-.venv}

# Production settings, as the bench runs them (BENCH_ENV in the Makefile), on loopback.
export DJANGO_SETTINGS_MODULE=config.settings.base DJANGO_DEBUG=false
export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-bench-only-not-a-secret-0123456789abcdef}
# Behind the TLS proxy that production has; locustfile.py plays the proxy's part.
export DJANGO_BEHIND_TLS_PROXY=true
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export LOAD_P95_MS=${LOAD_P95_MS:-300}

mkdir -p "$OUT"
rm -f "$OUT"/locust_*.csv
"$VENV/bin/python" manage.py collectstatic --noinput --verbosity 0

if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
    echo "Port $PORT er i bruk: sett LOAD_PORT." >&2
    exit 1
fi
# gunicorn.conf.py (workers, threads, the redacting logger) is read from this directory.
"$VENV/bin/gunicorn" config.wsgi --bind "127.0.0.1:$PORT" --error-logfile "$OUT/gunicorn.log" &
GUNICORN=$!
stop_gunicorn() {
    kill -TERM "$GUNICORN" 2>/dev/null || true
    wait "$GUNICORN" 2>/dev/null || true
}
trap stop_gunicorn EXIT

for _ in $(seq 60); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/helse/?format=json"; then
        break
    fi
    if ! kill -0 "$GUNICORN" 2>/dev/null; then
        echo "gunicorn stoppet; se $OUT/gunicorn.log" >&2
        exit 1
    fi
    sleep 1
done
curl -fsS "http://127.0.0.1:$PORT/helse/?format=json" >/dev/null || {
    echo "/helse/ svarte ikke 200 innen 60 s; se $OUT/gunicorn.log" >&2
    exit 1
}

"$VENV/bin/locust" -f locustfile.py --host "http://127.0.0.1:$PORT" --headless \
    -u "$USERS" -r "$SPAWN_RATE" -t "$DURATION" --csv "$OUT/locust" --only-summary
