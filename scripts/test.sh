#!/usr/bin/env bash
# The test command (README): installs what the tests need, starts PostgreSQL and Redis
# as plain processes in a temporary folder, runs the whole suite against them, stops them.
# Extra arguments go to pytest (e.g. scripts/test.sh -k cascade).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh postgresql redis-server chromium poppler-utils fonts-liberation2

work=$(mktemp -d /tmp/thongsuot-test.XXXXXX)
chmod 755 "$work"
cleanup() { scripts/services.sh stop "$work/services" || true; rm -rf "$work"; }
trap cleanup EXIT
eval "$(scripts/services.sh start "$work/services")"
export THONGSUOT_DATA_DIR="$work/data" CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}

status=0
.venv/bin/python -m pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure, not a pass." >&2
  exit 1
fi
exit "$status"
