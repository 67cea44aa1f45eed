#!/usr/bin/env bash
# The run command (README): installs everything, migrates, loads the demo data once and
# starts web + Celery worker + beat on http://127.0.0.1:8000 with the embedded default
# (SQLite and the file-system broker under ./data). Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh fonts-liberation2 poppler-utils
PY=.venv/bin/python
$PY manage.py migrate --no-input
$PY manage.py load_demo --once
$PY manage.py demo_accounts

pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT INT TERM
.venv/bin/celery -A portal worker --loglevel=INFO --concurrency=2 & pids+=($!)
.venv/bin/celery -A portal beat --loglevel=INFO & pids+=($!)
.venv/bin/gunicorn portal.wsgi --bind 127.0.0.1:8000 --workers 2 --access-logfile - & pids+=($!)
echo "Thông Suốt đang chạy tại http://127.0.0.1:8000  (Ctrl-C để dừng)"
wait -n "${pids[@]}"
