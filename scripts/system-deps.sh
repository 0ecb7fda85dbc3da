#!/usr/bin/env bash
# WeasyPrint (PDFs) needs Pango and HarfBuzz from the OS. Install them from Debian when
# missing and we are root; otherwise say what to install.
set -euo pipefail
if ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' && ldconfig -p | grep -q 'libpangoft2-1.0.so'; then
  exit 0
fi
pakketten="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "WeasyPrint-bibliotheken installeren: $pakketten"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $pakketten >/dev/null
else
  echo "Installeer eerst: sudo apt-get install $pakketten" >&2
  exit 1
fi
