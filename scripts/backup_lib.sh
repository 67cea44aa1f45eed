# Shared by backup.sh and restore.sh (sourced, not run).
# The media folder is found with the same rule as portal/settings/:
#   THONGSUOT_MEDIA_ROOT, else $THONGSUOT_DATA_DIR/media, else <project>/data/media.

PROJECT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

die() { echo "LỖI: $*" >&2; exit 1; }

require_database_url() {
  [ -n "${DATABASE_URL:-}" ] || die "DATABASE_URL chưa đặt (postgresql://người-dùng@máy:cổng/tên-csdl)."
  case "$DATABASE_URL" in
    postgres://*|postgresql://*) ;;
    *) die "DATABASE_URL không phải PostgreSQL. Sao lưu/phục hồi này dành cho PostgreSQL; với SQLite nhúng, dừng cổng và chép cả thư mục dữ liệu." ;;
  esac
}

# The URL without its password, for messages and the manifest.
safe_url() { sed -E 's#(://[^:/@]+):[^@]*@#\1:***@#' <<<"$1"; }

media_root() {
  local root
  if [ -n "${THONGSUOT_MEDIA_ROOT:-}" ]; then root=$THONGSUOT_MEDIA_ROOT
  elif [ -n "${THONGSUOT_DATA_DIR:-}" ]; then root=$THONGSUOT_DATA_DIR/media
  else root=$PROJECT_DIR/data/media
  fi
  realpath -m -- "$root"
}

# The PostgreSQL client tools of the server's major version (pg_dump refuses a newer server, and
# pg_restore must read what that pg_dump wrote). PG_BIN overrides.
pg_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  local newest major=""
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$newest" ]; then
    major=$("$newest/psql" -X -Atq -d "$DATABASE_URL" \
      -c "select current_setting('server_version_num')::int / 10000" 2>/dev/null || true)
  fi
  if [ -n "$major" ] && [ -x "/usr/lib/postgresql/$major/bin/pg_dump" ]; then echo "/usr/lib/postgresql/$major/bin"
  elif [ -n "$newest" ]; then echo "$newest"
  else dirname "$(command -v pg_dump || die "không tìm thấy pg_dump (cài postgresql-client).")"
  fi
}
