FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=puskesmas.settings.production

# Pango and fonts for WeasyPrint; libpq comes with psycopg[binary]. postgresql-client (15 on
# bookworm, the major version of the compose database) for `make backup` / `make restore`.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    postgresql-client make \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY puskesmas ./puskesmas
COPY perencanaan ./perencanaan
COPY lokmin ./lokmin
COPY pengawasan ./pengawasan
COPY pkp ./pkp
RUN pip install --no-cache-dir .
COPY . .
# collectstatic needs settings but no database or secrets of the real site.
RUN SECRET_KEY=build-only-key-build-only-key-build-only-key-0123456789 \
    DATABASE_URL=postgres://build@localhost/build CELERY_BROKER_URL=redis://localhost \
    python manage.py collectstatic --noinput

RUN useradd --create-home --uid 1000 simpus && mkdir -p /app/media && chown simpus /app/media
USER simpus
EXPOSE 8000
# gunicorn reads its number of sync workers from WEB_CONCURRENCY (one per core: docs/performance.md).
ENV WEB_CONCURRENCY=2
CMD ["gunicorn", "puskesmas.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
