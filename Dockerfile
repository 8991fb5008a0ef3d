# syntax=docker/dockerfile:1
# The production image: gunicorn behind your TLS-terminating proxy, configured from the environment
# (site/README.md, "Deploying"). Build: docker build -t ihmiskauppa-site .

FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1
WORKDIR /app
RUN python -m venv /venv && /venv/bin/pip install --upgrade "pip>=25"
COPY pyproject.toml constraints.txt README.md manage.py ./
COPY site site
COPY pages pages
COPY referral_form referral_form
COPY locale locale
COPY static static
# Editable install: the code stays in /app, where the settings find locale/ and static/.
RUN /venv/bin/pip install -c constraints.txt -e .
# Translations and fingerprinted, compressed static files are built into the image.
RUN DJANGO_SETTINGS_MODULE=website.settings.dev DOTENV_PATH= STATIC_ROOT=/app/var/static \
      /venv/bin/python manage.py compile_translations \
 && DJANGO_SETTINGS_MODULE=website.settings.dev DOTENV_PATH= STATIC_ROOT=/app/var/static \
      /venv/bin/python manage.py collectstatic --noinput --verbosity 0

FROM python:3.11-slim-bookworm
ENV PATH=/venv/bin:$PATH PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=website.settings.production DOTENV_PATH= \
    STATIC_ROOT=/app/var/static MEDIA_ROOT=/app/var/media HOST=0.0.0.0 PORT=8000
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin app
COPY --from=build /venv /venv
COPY --from=build /app /app
# Only uploaded media (when not on object storage) are written at run time.
RUN mkdir -p /app/var/media && chown app /app/var/media
WORKDIR /app
USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"
CMD ["sh", "site/entrypoint.sh"]
