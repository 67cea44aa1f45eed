# Thông Suốt — the production image: gunicorn web, Celery worker and beat all run from it
# (docker-compose.yml picks the command). Python dependencies come from uv.lock, exactly.
FROM python:3.11-slim-bookworm

# WeasyPrint renders the official PDFs: Pango and its FreeType backend, plus a Times-metric
# fallback font (the bundled Liberation Serif in static/fonts is what documents use).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation2 \
 && rm -rf /var/lib/apt/lists/*

COPY --from=ghcr.io/astral-sh/uv:0.9.0 /uv /uvx /usr/local/bin/

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    PATH=/app/.venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=portal.settings \
    THONGSUOT_DATA_DIR=/app/data \
    THONGSUOT_MEDIA_ROOT=/var/lib/thongsuot/media

WORKDIR /app

# Dependencies first, from the lock file only, so code changes reuse this layer.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project

COPY . .
RUN uv sync --frozen --no-dev

# Static files are built into the image (whitenoise serves them); the key is a build-time
# placeholder: the real one arrives at run time through DJANGO_SECRET_KEY_FILE.
RUN THONGSUOT_PRODUCTION=1 DJANGO_SECRET_KEY=collectstatic-only-build-placeholder \
    python manage.py collectstatic --noinput

RUN useradd --system --create-home --home-dir /home/thongsuot --shell /usr/sbin/nologin thongsuot \
 && mkdir -p /var/lib/thongsuot/media /app/data \
 && chown -R thongsuot /var/lib/thongsuot /app/data
USER thongsuot
VOLUME ["/var/lib/thongsuot/media"]

EXPOSE 8000
CMD ["gunicorn", "portal.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
