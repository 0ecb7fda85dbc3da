#!/usr/bin/env bash
# What the tests need from the OS: Pango/HarfBuzz for WeasyPrint (PDFs) and Debian's
# Chromium for the browser tests. Installed from Debian when missing and we are root;
# otherwise we say what to install (the browser tests then skip themselves).
set -euo pipefail
# The Nu Html Checker (vnu-jar from npm, run with Java) for the browser tests, in a
# gitignored folder; the tests skip that check without it, except in CI.
vnu_map="$(dirname "$0")/../tests/e2e/.vnu"
if [ ! -f "$vnu_map/node_modules/vnu-jar/build/dist/vnu.jar" ] && command -v npm >/dev/null; then
  # --prefix: into this folder, never into a node_modules npm finds further up.
  mkdir -p "$vnu_map" && npm install --prefix "$vnu_map" --silent --no-audit --no-fund vnu-jar >/dev/null \
    || echo "vnu-jar niet geïnstalleerd (npm install vnu-jar in tests/e2e/.vnu)" >&2
fi
command -v java >/dev/null || echo "Java ontbreekt: de Nu Html Checker in de browsertests draait niet" >&2
nodig=()
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so' || nodig+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig)
[ -x /usr/bin/chromium ] || nodig+=(chromium)
[ ${#nodig[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Systeempakketten installeren: ${nodig[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${nodig[@]}" >/dev/null
else
  echo "Installeer eerst: sudo apt-get install ${nodig[*]}" >&2
  case " ${nodig[*]} " in *" libpango-1.0-0 "*) exit 1 ;; esac  # without Pango no PDFs: stop
fi
