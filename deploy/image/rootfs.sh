#!/usr/bin/env bash
# Builds the root file system that the aicr server image adds to its `scratch` base (no base
# image is pulled, so no registry is needed): a jlink'ed Java runtime of the build JDK under
# /opt/java, the shared libraries it links against (glibc, zlib, ...) copied from the build
# machine, /etc/passwd and /etc/group naming the non-root user 65532 (`aicr`), and /tmp.
# Jib then layers the application (classes and dependency jars) over it.
#
# Usage: rootfs.sh OUT_DIR   (rebuilt only when missing or older than this script)
set -euo pipefail
out="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
stamp="$out.built"
if [ -d "$out" ] && [ -f "$stamp" ] && [ "$stamp" -nt "${BASH_SOURCE[0]}" ]; then
  exit 0
fi
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
jlink="$java_home/bin/jlink"
[ -x "$jlink" ] || { echo "rootfs.sh: no jlink in $java_home (a full JDK with jmods is needed)" >&2; exit 1; }
tmp="$out.tmp.$$"
rm -rf "$tmp"
mkdir -p "$tmp/opt" "$tmp/etc" "$tmp/tmp"
# Modules: what jdeps reports for the application and its dependencies, plus TLS (jdk.crypto.ec)
# and the logging/XML modules those pull in. Kept explicit so the image does not change with
# the build machine's JDK layout.
modules=java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,java.rmi,java.scripting,java.sql,java.xml,jdk.crypto.ec,jdk.management,jdk.unsupported
"$jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$tmp/opt/java"
# Shared libraries of the runtime's ELF files, resolved on this machine, copied to the same
# absolute paths (the dynamic loader included). The AWT, font, image and sound libraries of
# java.desktop are left out: the server is headless and uses java.desktop for java.beans only,
# so the X11/freetype stack they would drag in is never loaded.
find "$tmp/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) \
    ! -name 'libawt*' ! -name 'libfontmanager.so' ! -name 'libjavajpeg.so' ! -name 'liblcms.so' \
    ! -name 'libmlib_image.so' ! -name 'libsplashscreen.so' ! -name 'libjsound.so' ! -name 'libjawt.so' -print0 \
  | xargs -0 ldd 2>/dev/null \
  | awk '/=> \// {print $3} /^[ \t]*\/[^ ]+ \(0x/ {print $1}' \
  | sort -u | while read -r lib; do
      case "$lib" in "$tmp"/*) continue ;; esac   # the runtime's own libraries ($ORIGIN/../lib)
      real="$(readlink -f "$lib")"
      mkdir -p "$tmp$(dirname "$lib")"
      cp -L "$real" "$tmp$lib"
    done
printf 'root:x:0:0:root:/root:/sbin/nologin\naicr:x:65532:65532:aicr:/tmp:/sbin/nologin\n' > "$tmp/etc/passwd"
printf 'root:x:0:\naicr:x:65532:\n' > "$tmp/etc/group"
chmod 1777 "$tmp/tmp"
rm -rf "$out"
mv "$tmp" "$out"
touch "$stamp"
