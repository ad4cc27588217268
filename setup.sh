#!/usr/bin/env bash
# Set up everything on a fresh Debian machine: system packages (Graphviz for diagrams, Chromium
# for browser tests and PDFs), a Python virtual environment in .venv, and this project in it.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")"

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
PAKET="python3 python3-venv graphviz chromium fonts-liberation fonts-dejavu-core"
if command -v apt-get >/dev/null 2>&1; then
  kurang=""
  for p in $PAKET; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || kurang="$kurang $p"
  done
  if [ -n "$kurang" ]; then
    echo "setup: apt-get install$kurang"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $kurang >/dev/null
  fi
else
  echo "setup: no apt-get here; install yourself: $PAKET" >&2
fi

python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "setup: Python 3.11 or newer is needed" >&2; exit 1; }
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test,impor]'
# Material for MkDocs prints its end-of-life banner on every mkdocs command; sop-handbook says it
# once, with our plan (README, "Material for MkDocs end of life"). This venv-only .pth file
# turns the banner off before MkDocs imports the theme.
.venv/bin/python - <<'PY'
import pathlib, sysconfig
pth = pathlib.Path(sysconfig.get_paths()["purelib"]) / "sop_handbook_tanpa_spanduk.pth"
pth.write_text('import os; os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")\n')
PY
echo "setup: OK ($(.venv/bin/python --version), $(dot -V 2>&1 | head -1))"
