# Shared set-up for tools/run.sh and tools/test.sh (sourced, not run).
# Installs what Qt/QtWebEngine and Chinese text need on Debian/Ubuntu, then a venv with the project.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SYSTEM_PACKAGES=(fonts-noto-cjk libnss3 libxkbcommon0 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1
  libdbus-1-3 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libasound2 libxkbfile1 libxshmfence1 libgbm1
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0 libxcb-image0 xvfb)

install_system_packages() {
  command -v dpkg >/dev/null 2>&1 || { echo "setup: not a Debian-like system; install Qt's libraries and a CJK font yourself"; return 0; }
  local missing=()
  for p in "${SYSTEM_PACKAGES[@]}"; do
    # Debian 13 renamed some libraries with a t64 suffix (libasound2 → libasound2t64).
    dpkg -s "$p" >/dev/null 2>&1 || dpkg -s "${p}t64" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  local wanted=()
  for p in "${missing[@]}"; do
    if apt-cache show "${p}t64" >/dev/null 2>&1; then wanted+=("${p}t64"); else wanted+=("$p"); fi
  done
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${wanted[@]}" >/dev/null
}

install_python_env() {
  local extra="${1:-}"
  local py="${PYTHON:-python3}"
  [ -x .venv/bin/python ] || "$py" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".${extra}"
}
