#!/usr/bin/env bash
# The test command (README): installs what the tests need, starts PostgreSQL and Redis
# as plain processes in a temporary folder, runs the whole suite against them, stops them.
# Extra arguments go to pytest instead of the default steps (e.g. scripts/test.sh -k cascade).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh postgresql redis-server chromium poppler-utils fonts-liberation2 softhsm2 libreoffice-writer

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
  # Five steps, so a failure says at once which kind it is: the linter; the type checker on the services,
  # selectors and access modules ([tool.mypy] in pyproject.toml lists them); the suite on today's date; the
  # date-sensitive folders again on fixed days of the year (the clock moved by THONGSUOT_TEST_TODAY, see
  # tests/conftest.py); the fault tests (real processes stopped, killed and restarted — the slowest).
  # Each step's header and the last line carry the seconds since the command started ([… s]).
  lint=0; types=0; first=0; days=0; faults=0
  echo "== step 1 of 5: ruff check and ruff format --check [${SECONDS} s]"
  .venv/bin/ruff check . || lint=$?
  .venv/bin/ruff format --check . || lint=$?
  echo "== step 2 of 5: mypy (services, selectors, access, the cascade, portal/lib) [${SECONDS} s]"
  .venv/bin/mypy || types=$?
  echo "== step 3 of 5: the suite without the fault tests (the 30 slowest listed at its end) [${SECONDS} s]"
  run_pytest -m "not faults" --durations=30 || first=$?
  for day in 2027-01-04 2027-07-01; do
    echo "== step 4 of 5: the date-sensitive folders with the clock on $day [${SECONDS} s]"
    THONGSUOT_TEST_TODAY=$day run_pytest -q tests/reporting tests/dashboards tests/bench \
      -m "not faults and not browser and not celery_worker" || days=$?
  done
  echo "== step 5 of 5: the fault tests (-m faults) [${SECONDS} s]"
  run_pytest -m faults || faults=$?
  echo "== ruff: exit $lint; mypy: exit $types; suite: exit $first; fixed days: exit $days; faults: exit $faults [${SECONDS} s]"
  [ "$lint" -eq 0 ] && [ "$types" -eq 0 ] && [ "$first" -eq 0 ] && [ "$days" -eq 0 ] && [ "$faults" -eq 0 ]
fi
