#!/usr/bin/env bash
# Installs everything the build and the tests need from Debian 12's packages, then configures and
# builds into build/. Idempotent: run it again after a pull and it only rebuilds what changed.
#
#   packaging/setup.sh            install + configure + build
#   ALLORA_SKIP_APT=1 packaging/setup.sh   skip the package step (offline rebuilds)
#   BUILD_DIR=dir BUILD_TYPE=Debug packaging/setup.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$here/build}
build_type=${BUILD_TYPE:-RelWithDebInfo}

# Every package the project needs, and why.
packages=(
  build-essential cmake ninja-build ccache pkg-config git   # toolchain
  qt6-base-dev qt6-base-dev-tools libgl-dev                 # Qt Core/Gui/Widgets/Test/Concurrent
  qt6-charts-dev qt6-svg-dev libqt6opengl6-dev              # charts of worker weights (need OpenGL), icons
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools          # Qt Linguist (translations)
  qt6-qpa-plugins fonts-dejavu-core                         # platform plugins, a font to draw with
  libsodium-dev libsecp256k1-dev libssl-dev                 # crypto
  libboost1.81-dev libboost-json1.81-dev                    # Asio, Beast, Multiprecision, JSON
  libprotobuf-dev protobuf-compiler                         # transaction and state encoding
  libsqlite3-dev                                            # node and wallet storage
  libqrencode-dev                                           # the receive page's QR code
  xvfb xauth                                                # running the GUI without a display
  python3                                                   # the model one-liners of the worker/reputer tests
)

if [[ -z ${ALLORA_SKIP_APT:-} ]]; then
  missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    sudo=""
    if [[ $(id -u) -ne 0 ]]; then
      command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
      sudo=sudo
    fi
    echo "setup: installing ${#missing[@]} Debian packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "setup: all Debian packages present"
  fi
fi

cmake -S "$here" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type"
cmake --build "$build_dir" --parallel "$(nproc)"
echo "setup: built into $build_dir (programs in $build_dir/bin)"
