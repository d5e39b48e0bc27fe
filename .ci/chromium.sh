#!/usr/bin/env bash
# Headless Chromium for the browser tests, from Debian's packages (no browser download).
# Installs it if missing and prints its path, which the tests read from NEGOTIATION_TEST_CHROMIUM.
set -euo pipefail

find_chromium() { command -v chromium || command -v chromium-browser || true; }

if [ -z "$(find_chromium)" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Chromium is not installed; run as root or: sudo apt-get install -y chromium" >&2
    exit 1
  fi
  echo "Installing Chromium from Debian's packages…" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
fi
find_chromium
