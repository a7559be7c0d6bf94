#!/usr/bin/env bash
# Builds the kernel and initramfs for the real-kernel test (see binder.vm.ts).
#
# Usage: build-initramfs.sh CACHE_DIR
# Prints two lines: the kernel image, then the initramfs (uncompressed newc cpio).
#
# The kernel is Debian's current linux-image-amd64, fetched with apt-get download
# into CACHE_DIR once. The initramfs holds: busybox as the shell, the modules
# the test needs (e1000 and vfio-pci, with their dependencies and soft
# dependencies, decompressed) and a depmod run over them, kmod's modprobe, node
# with the libraries it links, the built project with its production
# dependencies (installed once per package-lock.json), and guest.sh as /init.
# Needs: apt-get, dpkg-deb, busybox-static, cpio, kmod, node, npm; the project
# built (dist/).
set -euo pipefail

cache=$(mkdir -p "$1" && cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
project=$(cd "$here/../.." && pwd)
modules=(e1000 vfio_pci vfio_iommu_type1)
if ldd /bin/busybox >/dev/null 2>&1; then
  echo "/bin/busybox is dynamically linked; install busybox-static" >&2
  exit 1
fi

# The kernel: the package linux-image-amd64 depends on, downloaded and unpacked once.
pkg=$(apt-cache depends linux-image-amd64 | awk '$1 == "Depends:" && $2 ~ /^linux-image-/ { print $2; exit }')
[ -n "$pkg" ] || { echo "cannot resolve linux-image-amd64 (run apt-get update)" >&2; exit 1; }
tree="$cache/$pkg"
if [ ! -d "$tree/boot" ]; then
  rm -rf "$cache"/linux-image-* && mkdir -p "$tree.tmp"
  (cd "$tree.tmp" && apt-get download -q "$pkg" >&2)
  deb=$(ls "$tree.tmp"/*.deb)
  dpkg-deb -x "$deb" "$tree.tmp/root" && rm -f "$deb"
  version=$(ls "$tree.tmp/root/lib/modules")
  depmod -b "$tree.tmp/root" "$version"
  mv "$tree.tmp/root" "$tree" && rm -rf "$tree.tmp"
fi
version=$(ls "$tree/lib/modules")
kernel=$(ls "$tree"/boot/vmlinuz-*)

# Production dependencies, installed once per lock file.
lock=$(sha256sum "$project/package-lock.json" | cut -c1-16)
prod="$cache/prod-$lock"
if [ ! -d "$prod/node_modules" ]; then
  rm -rf "$cache"/prod-* && mkdir -p "$prod.tmp"
  cp "$project/package.json" "$project/package-lock.json" "$prod.tmp/"
  (cd "$prod.tmp" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  mv "$prod.tmp" "$prod"
fi

stage="$cache/stage"
rm -rf "$stage"
mkdir -p "$stage"/{bin,dev,proc,sys,tmp,etc,modalias} "$stage/lib/modules/$version"

# Modules, their dependencies and soft dependencies, as modprobe resolves them.
for ko in $(modprobe -d "$tree" -S "$version" -a --show-depends "${modules[@]}" | awk '$1 == "insmod" { print $2 }' | sort -u); do
  rel=${ko#"$tree/"}
  mkdir -p "$stage/$(dirname "$rel")"
  case "$rel" in
    *.xz) xz -dc "$ko" >"$stage/${rel%.xz}" ;;
    *.zst) zstd -qdc "$ko" >"$stage/${rel%.zst}" ;;
    *) cp "$ko" "$stage/$rel" ;;
  esac
done
cp "$tree/lib/modules/$version"/modules.{builtin,builtin.modinfo,order} "$stage/lib/modules/$version/"
depmod -b "$stage" "$version"

# Programs and every library they load, at the same paths.
copy_program() { # SOURCE DESTINATION
  cp "$1" "$stage/$2"
  for lib in $(ldd "$1" | grep -o '/[^ ]*'); do
    mkdir -p "$stage/$(dirname "$lib")"
    cp -L "$lib" "$stage/$lib"
  done
}
cp /bin/busybox "$stage/bin/busybox"
copy_program "$(readlink -f "$(command -v node)")" /bin/node
copy_program "$(readlink -f "$(command -v modprobe)")" /bin/kmod
ln -s kmod "$stage/bin/modprobe"

# The project as installed: dist, package.json, production node_modules.
cp -r "$project/dist" "$project/package.json" "$stage/modalias/"
cp -r "$prod/node_modules" "$stage/modalias/"

cp "$here/guest.sh" "$stage/init"
chmod 755 "$stage/init"
(cd "$stage" && find . -print0 | LC_ALL=C sort -z | cpio --null -o -H newc --quiet) >"$cache/initramfs.cpio"
rm -rf "$stage"

echo "$kernel"
echo "$cache/initramfs.cpio"
