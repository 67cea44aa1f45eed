#!/usr/bin/env bash
# The run command (README): installs everything, migrates, collects the static files, loads the demo data once
# and starts web + Celery worker + beat on http://127.0.0.1:$PORT (PORT, default 8000) with the embedded default
# (SQLite and the file-system broker under ./data, or THONGSUOT_DATA_DIR). Ctrl-C stops all three.
#
# Started as root (a container, a fresh server), the three processes do not keep root: they run as the
# unprivileged account THONGSUOT_RUN_AS (default "thongsuot", created when missing), which owns the data folder.
# Celery warns, rightly, against a worker with superuser privileges.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8000}"
case "$PORT" in ''|*[!0-9]*) echo "PORT phải là một số cổng (ví dụ 8000), không phải «$PORT»." >&2; exit 2 ;; esac
# Links in e-mails point at this server unless the deployment names its own address.
export PORTAL_BASE_URL="${PORTAL_BASE_URL:-http://127.0.0.1:$PORT}"
scripts/bootstrap.sh fonts-liberation2 poppler-utils softhsm2
PY=.venv/bin/python
$PY manage.py migrate --no-input
# WhiteNoise serves the static files from STATIC_ROOT: collected before the server starts, never missing.
$PY manage.py collectstatic --no-input --verbosity 0
$PY manage.py load_demo --once
# The demo PKI (root, issuing CA, TSA, CRLs) and a SoftHSM2 token per demo signer and body, PIN 123456: created
# once, then found (portal/signing/pki.py); skipped when THONGSUOT_SIGNING_DEMO_PKI is off.
$PY manage.py signing_demo_pki
$PY manage.py demo_accounts

drop_celery=() drop_gunicorn=()
if [ "$(id -u)" -eq 0 ]; then
  RUN_AS="${THONGSUOT_RUN_AS:-thongsuot}"
  if ! id "$RUN_AS" >/dev/null 2>&1; then
    useradd --system --user-group --no-create-home --shell /usr/sbin/nologin "$RUN_AS"
  fi
  data_dir="$($PY -c 'from django.conf import settings; print(settings.DATA_DIR)' 2>/dev/null ||
              echo "${THONGSUOT_DATA_DIR:-data}")"
  media_dir="${THONGSUOT_MEDIA_ROOT:-$data_dir/media}"
  # The account must be able to run the environment's Python (a Python installed under /root is out of its
  # reach): checked, not assumed, so the processes never start only to die.
  if runuser -u "$RUN_AS" -- "$PY" -c 'import celery, django, gunicorn' 2>/dev/null; then
    mkdir -p "$data_dir" "$media_dir"
    chown -R "$RUN_AS:" "$data_dir" "$media_dir"
    # Font caches and the like go to the data folder the account owns, not to a home it does not have.
    export HOME="$data_dir" XDG_CACHE_HOME="$data_dir/cache"
    drop_celery=(--uid "$RUN_AS" --gid "$(id -gn "$RUN_AS")")
    drop_gunicorn=(--user "$RUN_AS" --group "$(id -gn "$RUN_AS")")
    echo "Chạy dưới tài khoản không đặc quyền «$RUN_AS» (không chạy bằng root)."
  else
    echo "CẢNH BÁO: tài khoản «$RUN_AS» không chạy được Python của .venv ($(readlink -f "$PY") nằm ở nơi tài khoản" \
         "đó không đọc được), nên web, worker và beat chạy bằng root — Celery sẽ cảnh báo điều này." \
         "Hãy chạy scripts/run.sh bằng một tài khoản thường, hoặc cài Python ở nơi mọi tài khoản đọc được." >&2
  fi
fi

pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT INT TERM
.venv/bin/celery -A portal worker --loglevel=INFO --concurrency=2 "${drop_celery[@]}" & pids+=($!)
.venv/bin/celery -A portal beat --loglevel=INFO "${drop_celery[@]}" & pids+=($!)
.venv/bin/gunicorn portal.wsgi --bind "127.0.0.1:$PORT" --workers 2 --access-logfile - "${drop_gunicorn[@]}" & pids+=($!)
echo "Thông Suốt đang chạy tại http://127.0.0.1:$PORT  (Ctrl-C để dừng)"
wait -n "${pids[@]}"
