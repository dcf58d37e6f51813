# SLT-portal image for docker-compose and production (web, worker and beat).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH="/opt/venv/bin:$PATH" \
    STATICFILES_BACKEND=whitenoise.storage.CompressedManifestStaticFilesStorage

# WeasyPrint needs Pango, and subsets the fonts it embeds with libharfbuzz-subset
# (several times faster than its fontTools fallback); gettext is for compilemessages.
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 \
      fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/* \
    && pip install --no-cache-dir "uv==0.13.9"

WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
RUN DJANGO_SECRET_KEY=build DATABASE_URL=postgres://x@localhost/x REDIS_URL=redis://localhost \
    python manage.py collectstatic --noinput

RUN useradd --system --uid 1000 slt && mkdir -p /app/var && chown -R slt /app/var
USER slt
EXPOSE 8000
CMD ["gunicorn", "slt_portal.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--threads", "4"]
