#!/usr/bin/env bash
# Creates (once) the integration's virtual environment with the pinned requirements and
# prints its python. Default place: .build/flower-venv at the repository root (a fresh
# clone builds it; a later run reuses it). PACT_FLOWER_VENV chooses another place.
# A missing network or registry is a clear message within the timeout, not a hang.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
venv=${PACT_FLOWER_VENV:-$root/.build/flower-venv}
stamp="$venv/.pact-requirements"
if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && cmp -s "$stamp" "$here/requirements.lock"; then
  echo "$venv/bin/python"
  exit 0
fi
python=${PYTHON:-python3}
command -v "$python" >/dev/null || { echo "setup-venv: no $python; install Python 3.10 or later" >&2; exit 1; }
echo "setup-venv: creating $venv (flwr, numpy, scikit-learn pinned in requirements.lock; about a minute)" >&2
"$python" -m venv "$venv" >&2
if ! "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --timeout 30 --retries 2 \
    -r "$here/requirements.lock" >&2; then
  echo "setup-venv: could not install the pinned requirements from the package index" >&2
  echo "  (no network, or PyPI unreachable? pip's own message is above; PIP_INDEX_URL picks a mirror)" >&2
  exit 1
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -e "$here" >&2
cp "$here/requirements.lock" "$stamp"
echo "$venv/bin/python"
