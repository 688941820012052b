#!/bin/sh
# deps.sh -- install what building and testing safeasm needs on a fresh
# Debian 12 (bookworm) machine.  Does nothing when every package is
# already installed (clang and libclang-rt-14-dev, which has libFuzzer,
# are for `make fuzz'); otherwise runs `apt-get update' and installs the
# missing ones, as root or through sudo.
#
#   scripts/deps.sh            install what is missing
#   scripts/deps.sh --list     print the package list and exit
set -eu

PACKAGES="build-essential autoconf automake libtool dejagnu texinfo python3 ccache
gcc-12-plugin-dev gcc-11 g++-11 gcc-11-plugin-dev libgmp-dev
libcapstone-dev binutils llvm clang libclang-rt-14-dev python3-jsonschema"

if [ "${1-}" = "--list" ]; then
    echo $PACKAGES
    exit 0
fi

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "deps.sh: this is not a Debian system (no dpkg-query/apt-get)." >&2
    echo "deps.sh: install by hand: $(echo $PACKAGES)" >&2
    exit 1
fi

missing=
for p in $PACKAGES; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case $status in
	*" ok installed") ;;
	*) missing="$missing $p" ;;
    esac
done

if [ -z "$missing" ]; then
    echo "deps.sh: all build and test dependencies are installed."
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=
elif command -v sudo >/dev/null 2>&1; then
    SUDO=sudo
else
    echo "deps.sh: missing packages:$missing" >&2
    echo "deps.sh: run this script as root, or install sudo." >&2
    exit 1
fi

echo "deps.sh: installing:$missing"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update
# shellcheck disable=SC2086 # word splitting of the package list is wanted
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
echo "deps.sh: done."
