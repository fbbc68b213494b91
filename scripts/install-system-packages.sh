#!/usr/bin/env bash
# Installs the few system packages Hearth needs (speech synthesis, audio I/O, the test sound
# server). Skips the work when everything is already there.
set -euo pipefail
packages=(espeak-ng libespeak-ng1 libportaudio2 libsndfile1 libasound2-plugins pulseaudio pulseaudio-utils sox)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing system packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
