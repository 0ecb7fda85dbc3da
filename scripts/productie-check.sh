#!/usr/bin/env bash
# A production install as the README describes it: a clean virtualenv with `pip install .`
# (no [dev] extras), production settings, then scripts/productie_rook.py (every module
# imports, check --deploy, migrate, collectstatic, the demo and the round bundle PDF).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d /tmp/swv-productie.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
python3.11 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet --upgrade pip
# From a copy of the working tree, so the build leaves nothing behind in the checkout.
mkdir "$tmp/src"
tar -C "$root" --exclude=./.venv --exclude=./.git --exclude=./build -cf - . | tar -C "$tmp/src" -xf -
"$tmp/venv/bin/pip" install --quiet "$tmp/src"
# Run from the checkout, as manage.py and gunicorn do in production (README).
cd "$root"
env -i PATH="$tmp/venv/bin:/usr/bin:/bin" HOME="$tmp" PYTHONPATH="$root" \
  DJANGO_DEBUG=false \
  DJANGO_SECRET_KEY="productie-check-$(head -c 48 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9')" \
  DJANGO_ALLOWED_HOSTS=swv.example.nl \
  DATABASE_URL="sqlite:///$tmp/productie.sqlite3" \
  DJANGO_STATIC_ROOT="$tmp/static" \
  SWV_PRIVATE_MEDIA_ROOT="$tmp/private-media" \
  SWV_DEMO_MODE=true \
  "$tmp/venv/bin/python" scripts/productie_rook.py
