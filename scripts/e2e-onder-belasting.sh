#!/usr/bin/env bash
# The browser tests while both cores are busy: two CPU-burning processes run for as long
# as pytest runs: killed when it ends (also when it ends by Ctrl-C, or after this script
# got SIGTERM), and each bounded by `timeout` should this script be killed outright.
# A browser check that passes only on an idle machine is not a check.
# Exit code: pytest's. Extra arguments go to pytest; BELASTING_MAX_S bounds the burners.
set -uo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-.venv/bin/python}"
max_s="${BELASTING_MAX_S:-900}"
export DJANGO_DEBUG="${DJANGO_DEBUG:-true}" SWV_DEMO_MODE="${SWV_DEMO_MODE:-true}"

branders=()
vroeg_gestopt=0
stop_branders() {
  for pid in "${branders[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${branders[@]}"; do
    wait "$pid" 2>/dev/null
    [ $? -eq 124 ] && vroeg_gestopt=1  # `timeout` ended it before pytest was done
  done
  branders=()
}
trap stop_branders EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for _ in 1 2; do
  timeout "$max_s" "$python" -c 'while True: pass' &
  branders+=("$!")
done
echo "belasting: 2 processen die elk een kern bezet houden (pid ${branders[*]}), hoogstens ${max_s} s"

start=$SECONDS
"$python" -m pytest -q -m e2e tests/e2e/test_browser.py tests/toelaatbaarheid/test_browser.py "$@"
status=$?
stop_branders
[ "$vroeg_gestopt" -eq 1 ] && echo "let op: de belasting stopte (BELASTING_MAX_S) voor pytest klaar was" >&2
echo "browsertests onder belasting: exit $status na $((SECONDS - start)) s"
exit "$status"
