#!/usr/bin/env bash
# The test command (README): installs what the tests need, starts PostgreSQL and Redis
# as plain processes in a temporary folder, runs the whole suite against them, stops them.
# Extra arguments go to pytest instead of the two default steps (e.g. scripts/test.sh -k cascade).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh postgresql redis-server chromium poppler-utils fonts-liberation2

work=$(mktemp -d /tmp/thongsuot-test.XXXXXX)
chmod 755 "$work"
cleanup() { scripts/services.sh stop "$work/services" || true; rm -rf "$work"; }
trap cleanup EXIT
eval "$(scripts/services.sh start "$work/services")"
export THONGSUOT_DATA_DIR="$work/data" CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}

# pytest's exit code 5 (nothing collected) is a failure of this script, never a pass.
run_pytest() {
  local status=0
  .venv/bin/python -m pytest "$@" || status=$?
  if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests for: $*: that is a failure, not a pass." >&2
    return 1
  fi
  return "$status"
}

if [ "$#" -gt 0 ]; then
  run_pytest "$@"
else
  # Two steps: everything else, then the fault tests (real processes stopped, killed and restarted — the
  # slowest), so a failure says at once which kind it is.
  first=0; second=0
  echo "== step 1 of 2: the suite without the fault tests"
  run_pytest -m "not faults" || first=$?
  echo "== step 2 of 2: the fault tests (-m faults)"
  run_pytest -m faults || second=$?
  echo "== step 1: exit $first; step 2: exit $second"
  [ "$first" -eq 0 ] && [ "$second" -eq 0 ]
fi
