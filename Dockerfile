FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=config.settings.production
# libmagic sniffs MIME types from bytes; g++ builds pdqhash, which ships no Linux wheel.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libmagic1 libimage-exiftool-perl g++ \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN DJANGO_SECRET_KEY=collectstatic-only DJANGO_ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/x.db \
    REDIS_URL=redis://localhost python manage.py collectstatic --noinput
# The index folder exists in the image, owned by the app user, so the named volume mounted there starts writable.
RUN useradd --system --home /app catalog && mkdir -p /app/var/pdq-index && chown -R catalog /app/var
USER catalog
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "300"]
