#!/usr/bin/env bash
# Back up Thông Suốt: the PostgreSQL database and the media folder (issued PDFs, attachments).
#   DATABASE_URL=postgresql://… scripts/backup.sh [DEST]       (DEST: $THONGSUOT_BACKUP_DIR or ./backups)
# Writes DEST/thongsuot-YYYYMMDD-HHMMSS/ with
#   db.dump            pg_dump -Fc (custom format: compressed, restored with pg_restore)
#   media.tar.gz       the whole media folder
#   manifest.sha256    sha256 of both (sha256sum -c format); restore.sh checks it before anything else
#   info.txt           when, from where, which tool versions, how many files
# The folder appears under its final name only once complete (written as .partial-… first).
# The media folder is archived after the dump, so every file the dumped rows name is in the archive.
set -euo pipefail
umask 077  # the dump holds every account and document: readable by the owner only
source "$(dirname "${BASH_SOURCE[0]}")/backup_lib.sh"

require_database_url
dest_root=${1:-${THONGSUOT_BACKUP_DIR:-./backups}}
media=$(media_root)
bin=$(pg_bin)
stamp=$(date +%Y%m%d-%H%M%S)
name=thongsuot-$stamp
mkdir -p "$dest_root"
dest_root=$(realpath -- "$dest_root")
[ ! -e "$dest_root/$name" ] || die "$dest_root/$name đã tồn tại."
work="$dest_root/.partial-$name"
rm -rf -- "$work"
mkdir -m 700 "$work"
trap 'rm -rf -- "$work"' EXIT

echo "Sao lưu cơ sở dữ liệu $(safe_url "$DATABASE_URL") bằng $bin/pg_dump …"
"$bin/pg_dump" --format=custom --compress=6 --no-password --file="$work/db.dump" --dbname="$DATABASE_URL"

if [ -d "$media" ]; then
  echo "Sao lưu thư mục media $media …"
  files=$(find "$media" -type f | wc -l)
  tar -C "$media" -czf "$work/media.tar.gz" .
else
  echo "Chú ý: thư mục media $media chưa có (chưa văn bản nào được ban hành?): lưu một kho trống." >&2
  files=0
  empty=$(mktemp -d)
  tar -C "$empty" -czf "$work/media.tar.gz" .
  rmdir "$empty"
fi

(cd "$work" && sha256sum db.dump media.tar.gz > manifest.sha256)
{
  echo "created_at: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "database: $(safe_url "$DATABASE_URL")"
  echo "pg_dump: $("$bin/pg_dump" --version)"
  echo "media_root: $media"
  echo "media_files: $files"
  echo "restore: DATABASE_URL=<cơ sở dữ liệu trống> scripts/restore.sh $dest_root/$name"
} > "$work/info.txt"

mv -- "$work" "$dest_root/$name"
trap - EXIT
echo "Xong: $dest_root/$name"
cat "$dest_root/$name/manifest.sha256"
