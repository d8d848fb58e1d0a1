#!/usr/bin/env bash
# Install everything the tests need, check the layering, and run the whole suite offscreen.
source "$(dirname "$0")/setup.sh"
install_system_packages
install_python_env "[test]"
export QT_QPA_PLATFORM=offscreen
export QTWEBENGINE_CHROMIUM_FLAGS="${QTWEBENGINE_CHROMIUM_FLAGS:---no-sandbox --disable-gpu}"
exec .venv/bin/python -m pytest "$@"
