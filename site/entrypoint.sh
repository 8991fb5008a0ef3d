#!/bin/sh
# Start-up of a production web process: the Docker image's command, and `make run-prod` here.
# Refuses to start on a broken configuration or on encryption keys that cannot read the referrals
# already stored, applies migrations (unless MIGRATE_ON_START=false, for deployments that run them
# once as a separate job), then hands over to gunicorn.
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python}"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-website.settings.production}"
"$PYTHON" manage.py check --deploy --fail-level WARNING
"$PYTHON" manage.py check_referral_keys  # before anything changes; gunicorn's workers check again
if [ "${MIGRATE_ON_START:-true}" = "true" ]; then
  "$PYTHON" manage.py migrate --noinput
fi
if [ "${LOAD_DEMO_CONTENT:-false}" = "true" ]; then
  "$PYTHON" manage.py load_demo_content  # once: it changes nothing when a home page exists
fi
exec "$PYTHON" -m gunicorn -c site/gunicorn.conf.py website.wsgi
