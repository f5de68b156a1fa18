#!/usr/bin/env bash
# Makes sure the Chromium the browser tests use is installed: CHROMIUM_PATH
# when set, else Debian's /usr/bin/chromium, installed with apt-get when
# missing (as root, or through sudo). playwright-core drives it; no browser
# is downloaded (the machines have no internet beyond the registries).
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] || { echo "[chromium] CHROMIUM_PATH=$CHROMIUM_PATH is not executable" >&2; exit 1; }
  exit 0
fi
[ -x /usr/bin/chromium ] && { echo "[chromium] $(/usr/bin/chromium --version 2>/dev/null || echo present)" >&2; exit 0; }
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
echo "[chromium] installing Debian's chromium …" >&2
if ! $SUDO apt-get install -y -qq chromium >/dev/null 2>&1; then
  $SUDO apt-get update -qq >/dev/null 2>&1 || true
  $SUDO apt-get install -y -qq chromium >/dev/null
fi
echo "[chromium] $(/usr/bin/chromium --version 2>/dev/null)" >&2
