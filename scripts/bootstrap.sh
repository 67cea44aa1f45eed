#!/usr/bin/env bash
# Installs what Thông Suốt needs on a fresh Debian machine: system packages (only those
# missing), uv, and the locked Python environment in .venv. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

want_packages=("$@")
missing=()
for pkg in "${want_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Cài gói hệ thống: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

UV_VERSION=0.9.0
if ! command -v uv >/dev/null 2>&1 || [ "$(uv --version | awk '{print $2}')" != "$UV_VERSION" ]; then
  echo "==> Cài uv $UV_VERSION"
  python3 -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
fi
echo "==> Đồng bộ môi trường Python (.venv) theo uv.lock"
uv sync --frozen --quiet
