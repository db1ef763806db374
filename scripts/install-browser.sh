#!/usr/bin/env bash
# Installs the headless browser the dashboard test drives (`npm run test:browser`): Debian's
# `chromium`, driven by playwright-core through its executablePath (playwright-core downloads
# nothing). Idempotent: does nothing when a chromium is already on the PATH.
set -euo pipefail

for name in chromium chromium-browser; do
  if command -v "$name" >/dev/null 2>&1; then
    echo "browser: $(command -v "$name") is already installed"
    exit 0
  fi
done

if ! command -v apt-get >/dev/null 2>&1; then
  echo "browser: no chromium on the PATH and no apt-get to install it; install Chromium and set CHROMIUM_PATH" >&2
  exit 1
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
echo "browser: installed $(command -v chromium)"
