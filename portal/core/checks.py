"""System checks: a missing or unusable configuration is reported with a hint."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def check_media_root(app_configs, **kwargs):
    root = settings.MEDIA_ROOT
    try:
        os.makedirs(root, exist_ok=True)
    except OSError as exc:
        return [
            Error(
                f"Thư mục tệp đính kèm {root} không tạo được: {exc}",
                hint="Đặt THONGSUOT_MEDIA_ROOT tới một thư mục có quyền ghi.",
                id="thongsuot.E001",
            )
        ]
    if not os.access(root, os.W_OK):
        return [
            Error(
                f"Không ghi được vào thư mục tệp đính kèm {root}.",
                hint="Cấp quyền ghi hoặc đặt THONGSUOT_MEDIA_ROOT.",
                id="thongsuot.E002",
            )
        ]
    return []


@register()
def check_broker(app_configs, **kwargs):
    url = settings.CELERY_BROKER_URL
    if url.startswith("filesystem://"):
        folders = settings.CELERY_BROKER_TRANSPORT_OPTIONS
        problems = []
        for key in ("data_folder_in", "processed_folder", "control_folder"):
            if key not in folders:
                continue
            try:
                os.makedirs(folders[key], exist_ok=True)
            except OSError as exc:
                problems.append(
                    Error(
                        f"Thư mục hàng đợi Celery {folders[key]} không tạo được: {exc}",
                        hint="Đặt THONGSUOT_DATA_DIR tới thư mục có quyền ghi, hoặc đặt REDIS_URL.",
                        id="thongsuot.E003",
                    )
                )
        if settings.PRODUCTION:
            problems.append(
                Warning(
                    "Đang dùng hàng đợi trên hệ thống tệp ở chế độ sản xuất.",
                    hint="Đặt REDIS_URL=redis://… để dùng Redis.",
                    id="thongsuot.W001",
                )
            )
        return problems
    if settings.PRODUCTION or kwargs.get("deploy"):
        try:
            import redis

            redis.Redis.from_url(url, socket_connect_timeout=2).ping()
        except Exception as exc:  # noqa: BLE001 — any failure means the broker is unusable
            return [
                Warning(
                    f"Không kết nối được Redis ({url}): {exc}",
                    hint="Kiểm tra REDIS_URL và dịch vụ Redis.",
                    id="thongsuot.W002",
                )
            ]
    return []


@register()
def check_database(app_configs, **kwargs):
    db = settings.DATABASES["default"]
    if settings.PRODUCTION and db["ENGINE"].endswith("sqlite3"):
        return [
            Warning(
                "Chế độ sản xuất đang dùng SQLite.",
                hint="Đặt DATABASE_URL=postgresql://… để dùng PostgreSQL.",
                id="thongsuot.W003",
            )
        ]
    return []


@register()
def check_second_factor(app_configs, **kwargs):
    """Production with the signers' and clerks' second factor turned off (portal/core/twofactor.py)."""
    if settings.PRODUCTION and not settings.OTP_REQUIRED:
        return [
            Warning(
                "Chế độ sản xuất đang tắt xác thực hai lớp của người ký và văn thư.",
                hint="Bỏ THONGSUOT_OTP_REQUIRED=0 (khi THONGSUOT_PRODUCTION bật, xác thực hai lớp mặc định bật).",
                id="thongsuot.W004",
            )
        ]
    return []
