#!/usr/bin/env bash
# Install everything and open the desk on the embedded demo database (created on first start).
source "$(dirname "$0")/setup.sh"
install_system_packages
install_python_env
exec .venv/bin/python main.py "$@"
