FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
        libharfbuzz-subset0 fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV UV_PROJECT_ENVIRONMENT=/usr/local UV_PYTHON_DOWNLOADS=never PYTHONUNBUFFERED=1
COPY pyproject.toml uv.lock ./
RUN pip install --no-cache-dir uv==0.13.9 && uv sync --frozen --no-dev --inexact
COPY . .
# Static files (and whitenoise's manifest) are built into the image, so web, worker and beat
# all find them: the worker renders letters with the stylesheets too.
RUN DJANGO_SETTINGS_MODULE=config.settings.base DJANGO_DEBUG=false DJANGO_SECRET_KEY=build-only \
        python manage.py collectstatic --noinput --verbosity 0
RUN useradd --create-home ke && mkdir -p var && chown ke var
USER ke
