#!/usr/bin/env bash
# Makes sure Debian's poppler-utils (pdftotext, pdftoppm, pdffonts) are
# installed: the official-document tests read the PDFs Chromium prints with
# them (packages/documents/test). Installed with apt-get when missing (as
# root, or through sudo), like scripts/ensure-chromium.sh does Chromium.
set -euo pipefail
if command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 && command -v pdffonts >/dev/null 2>&1; then
  echo "[poppler] $(pdftotext -v 2>&1 | head -1)" >&2
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
echo "[poppler] installing Debian's poppler-utils …" >&2
if ! $SUDO apt-get install -y -qq poppler-utils >/dev/null 2>&1; then
  $SUDO apt-get update -qq >/dev/null 2>&1 || true
  $SUDO apt-get install -y -qq poppler-utils >/dev/null
fi
echo "[poppler] $(pdftotext -v 2>&1 | head -1)" >&2
