# Shared set-up for tools/run.sh and tools/test.sh (sourced, not run).
# Installs what Qt/QtWebEngine and Chinese text need on Debian/Ubuntu, then a venv with the project.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SYSTEM_PACKAGES=(fonts-noto-cjk libnss3 libxkbcommon0 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1
  libdbus-1-3 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libasound2 libxkbfile1 libxshmfence1 libgbm1
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0 libxcb-image0 xvfb)

as_root() {
  if [ "$(id -u)" -ne 0 ]; then sudo "$@"; else "$@"; fi
}

apt_install() {
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

install_system_packages() {
  command -v dpkg >/dev/null 2>&1 || { echo "setup: not a Debian-like system; install Qt's libraries and a CJK font yourself"; return 0; }
  local missing=()
  for p in "${SYSTEM_PACKAGES[@]}"; do
    # Debian 13 renamed some libraries with a t64 suffix (libasound2 → libasound2t64).
    dpkg -s "$p" >/dev/null 2>&1 || dpkg -s "${p}t64" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup: installing ${missing[*]}"
  as_root apt-get update -qq
  local wanted=()
  for p in "${missing[@]}"; do
    if apt-cache show "${p}t64" >/dev/null 2>&1; then wanted+=("${p}t64"); else wanted+=("$p"); fi
  done
  apt_install "${wanted[@]}"
}

install_python_env() {
  local extra="${1:-}"
  local py="${PYTHON:-python3}"
  if [ ! -x .venv/bin/python ]; then
    # Debian's own python3 keeps venv in a separate package.
    "$py" -m venv .venv 2>/dev/null || { apt_install python3-venv && "$py" -m venv .venv; }
  fi
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".${extra}"
}
