#!/bin/sh
# Builds target/installer/pending-console_VERSION_ARCH.deb with jpackage: the image's trimmed runtime, the
# jar, a native launcher /opt/pending-console/bin/pending (linked as /usr/bin/pending), a desktop entry and the
# icon. Then checks it: unpacks it into a scratch folder and runs its launcher's --version.
# Run through Maven: mvn -Pinstaller -DskipTests package (needs jpackage, dpkg-deb and fakeroot).
set -eu
cd "$(dirname "$0")/../../.."
VERSION=$1
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
fi
NUMERIC=$(printf '%s' "$VERSION" | sed 's/[^0-9.].*//')   # jpackage takes 1.2.3, not 1.2.3-SNAPSHOT
rm -rf target/installer target/installer-input
mkdir -p target/installer-input
cp target/pending-console.jar target/installer-input/
[ -d target/image/runtime ] || "$JAVA_HOME/bin/jlink" @jlink.conf --output target/image/runtime
"$JAVA_HOME/bin/jpackage" --type deb --dest target/installer \
  --name pending --app-version "$NUMERIC" --vendor "Pending Console" \
  --description "Console and CLI for the pending-message buffers a chat backend keeps in Redis" \
  --input target/installer-input --main-jar pending-console.jar --main-class dev.pendingconsole.Main \
  --runtime-image target/image/runtime --icon assets/icon.png \
  --linux-package-name pending-console --linux-shortcut --linux-menu-group Development \
  --linux-app-category devel --resource-dir src/main/dist/deb
DEB=$(ls target/installer/*.deb)
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
dpkg-deb -x "$DEB" "$SCRATCH"
OUT=$(DISPLAY= "$SCRATCH/opt/pending-console/bin/pending" --version)
case "$OUT" in
  "pending $VERSION"*) echo "installer: $DEB ($(du -h "$DEB" | cut -f1)); unpacked, it says: $OUT" ;;
  *) echo "installer check failed: $DEB says '$OUT', not pending $VERSION" >&2; exit 1 ;;
esac
