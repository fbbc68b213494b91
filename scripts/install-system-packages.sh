#!/usr/bin/env bash
# Installs the few system packages Hearth needs (speech synthesis, audio I/O, the test sound
# server). Skips the work when everything is already there. Festival and its US English voices
# are test voices only: spoken evaluations and tests hear requests said by voices other than
# espeak-ng (MBROLA voices are not in Debian's main archive).
set -euo pipefail
packages=(espeak-ng libespeak-ng1 libportaudio2 libsndfile1 libasound2-plugins pulseaudio pulseaudio-utils sox
          festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts)
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
