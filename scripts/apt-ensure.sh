#!/usr/bin/env bash
# Installs the Debian packages listed in the given files (one per line, '#' comments) that are not installed yet.
set -euo pipefail
want=()
for f in "$@"; do
  while read -r pkg _; do
    [[ -z $pkg || $pkg == \#* ]] && continue
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || want+=("$pkg")
  done < "$f"
done
if ((${#want[@]} == 0)); then
  echo "Debian packages: all present"
  exit 0
fi
echo "Debian packages to install: ${want[*]}"
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "error: not root and no sudo; install as root: apt-get install ${want[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${want[@]}"
