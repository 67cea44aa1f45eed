#!/usr/bin/env bash
# Restore a backup written by scripts/backup.sh into an EMPTY database and an empty media folder.
#   createdb … thongsuot_moi
#   DATABASE_URL=postgresql://…/thongsuot_moi THONGSUOT_MEDIA_ROOT=/srv/thongsuot/media \
#     scripts/restore.sh backups/thongsuot-YYYYMMDD-HHMMSS
# Order: checksums first (a damaged backup touches nothing), then refuse a database that has tables
# or a media folder that has files (never mix two states), then pg_restore in one transaction
# (all or nothing), then unpack the media.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/backup_lib.sh"

[ $# -eq 1 ] || die "cách dùng: DATABASE_URL=… scripts/restore.sh THƯ-MỤC-SAO-LƯU"
backup=$(realpath -- "$1") || die "không thấy thư mục sao lưu $1."
require_database_url
for f in db.dump media.tar.gz manifest.sha256; do
  [ -f "$backup/$f" ] || die "$backup thiếu $f: không phải một bản sao lưu đầy đủ của scripts/backup.sh."
done

echo "Kiểm tra mã băm sha256 …"
(cd "$backup" && sha256sum --check --strict --quiet manifest.sha256) \
  || die "mã băm không khớp: bản sao lưu $backup bị hỏng hoặc bị sửa. Không phục hồi gì."

bin=$(pg_bin)
target=$(safe_url "$DATABASE_URL")
objects=$("$bin/psql" -X -Atq --no-password -d "$DATABASE_URL" -c "
  select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
    and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')") \
  || die "không kết nối được cơ sở dữ liệu đích $target (tạo nó trước: createdb …)."
[ "$objects" -eq 0 ] || die "cơ sở dữ liệu đích $target không trống ($objects bảng/chuỗi/khung nhìn). \
Chỉ phục hồi vào cơ sở dữ liệu trống: tạo một cơ sở dữ liệu mới (createdb) và đặt DATABASE_URL trỏ tới nó."

media=$(media_root)
if [ -d "$media" ] && [ -n "$(ls -A -- "$media")" ]; then
  die "thư mục media đích $media không trống. Chỉ giải nén vào thư mục trống (đặt THONGSUOT_MEDIA_ROOT tới một thư mục mới)."
fi

echo "Phục hồi cơ sở dữ liệu vào $target bằng $bin/pg_restore …"
"$bin/pg_restore" --no-owner --no-privileges --exit-on-error --single-transaction --no-password \
  --dbname="$DATABASE_URL" "$backup/db.dump"

echo "Giải nén media vào $media …"
mkdir -p -- "$media"
tar -C "$media" -xzf "$backup/media.tar.gz"
echo "Xong: $(find "$media" -type f | wc -l) tệp trong $media; cơ sở dữ liệu $target đã phục hồi."
echo "Tiếp theo: chạy manage.py migrate (nếu phiên bản mã mới hơn bản sao lưu) rồi khởi động cổng."
