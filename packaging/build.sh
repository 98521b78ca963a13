#!/usr/bin/env bash
# Builds Socket Lab's native packages into dist/. Called by the Makefile:
#
#   make package-linux    ->  packaging/build.sh linux
#   make package-windows  ->  packaging/build.sh windows
#
# The Makefile passes, read from FyneApp.toml (the only place they are
# written): VERSION, APP_BUILD, APP_ID, HOMEPAGE; and the tools: GO, FYNE, NFPM.
#
# `fyne package` builds in the folder it packages and leaves files there while
# it runs (fyne_metadata_init.go, fyne.syso for Windows, the binary itself —
# and it deletes an existing ./socketlab first). So each target packages a
# copy of the source tree under dist/.stage/, never the work tree itself.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

: "${VERSION:?VERSION is not set (run this through make)}"
: "${APP_BUILD:?APP_BUILD is not set (run this through make)}"
: "${APP_ID:?APP_ID is not set (run this through make)}"
: "${HOMEPAGE:=}"
: "${GO:=go}"
: "${FYNE:=fyne}"
: "${NFPM:=nfpm}"

DIST=$ROOT/dist
STAGE_ROOT=$DIST/.stage
EXE_NAME=socketlab

# The staged copy is not a git checkout of its own: no VCS stamping.
export GOFLAGS="${GOFLAGS:-} -buildvcs=false"

step() { printf '\n==> %s\n' "$*"; }
die() { printf 'package: error: %s\n' "$*" >&2; exit 1; }
elapsed() { printf '    (took %d min %02d s)\n' $(($1 / 60)) $(($1 % 60)); }

# convert: prefer ImageMagick's own binary over any wrapper earlier on PATH.
CONVERT=convert
[ -x /usr/bin/convert ] && CONVERT=/usr/bin/convert

# stage_source DIR: fresh copy of the work tree (without .git, dist/, built
# binaries) in DIR/src.
stage_source() {
	local dir=$1
	rm -rf "$dir"
	mkdir -p "$dir/src"
	tar -C "$ROOT" \
		--exclude=./.git --exclude=./dist --exclude=./fyne-cross \
		--exclude="./$EXE_NAME" --exclude='*.exe' --exclude='*.syso' \
		--exclude='*.deb' --exclude='*.tar.xz' \
		-cf - . | tar -C "$dir/src" -xf -
}

# icon_png SIZE OUT: the app icon scaled to SIZE x SIZE.
icon_png() {
	"$CONVERT" "$ROOT/assets/icon.png" -resize "$1x$1" -strip "PNG32:$2"
}

# Debian's name for the target architecture.
deb_arch() {
	case "$1" in
	386) echo i386 ;;
	arm) echo armhf ;;
	*) echo "$1" ;;
	esac
}

package_linux() {
	local stage=$STAGE_ROOT/linux goarch
	goarch=$("$GO" env GOARCH)
	local tarball=$DIST/$EXE_NAME-$VERSION-linux-$goarch.tar.xz
	local deb=$DIST/${EXE_NAME}_${VERSION}_$(deb_arch "$goarch").deb
	mkdir -p "$DIST"

	step "staging the source in ${stage#"$ROOT"/}/src"
	stage_source "$stage"

	step "building the Linux release binary + tarball with fyne package (first time ≈4–6 min, then seconds)…"
	SECONDS=0
	(cd "$stage/src" && "$FYNE" package -os linux --release)
	elapsed $SECONDS
	# fyne names the tarball after the app: "Socket Lab.tar.xz".
	local made
	made=$(find "$stage/src" -maxdepth 1 -name '*.tar.xz' -print -quit)
	[ -n "$made" ] || die "fyne package did not produce a .tar.xz in $stage/src"
	mv -f "$made" "$tarball"
	echo "    $tarball"

	step "building the .deb with nfpm"
	# Take the binary from the tarball, so both packages ship the same one.
	mkdir -p "$stage/tar" "$stage/icons"
	tar -C "$stage/tar" -xf "$tarball"
	local bin
	bin=$(find "$stage/tar" -path "*/bin/$EXE_NAME" -type f -print -quit)
	[ -n "$bin" ] || die "no bin/$EXE_NAME inside $tarball"
	install -m 0755 "$bin" "$stage/$EXE_NAME"
	for size in 512 256 128 64 48 32; do
		icon_png "$size" "$stage/icons/${size}x${size}.png"
	done
	rm -f "$deb"
	VERSION=$VERSION HOMEPAGE=$HOMEPAGE DEB_ARCH=$goarch STAGE=$stage \
		PKG_DIR=$ROOT/packaging/linux ICON_SVG=$ROOT/assets/icon.svg \
		"$NFPM" package --packager deb --config "$ROOT/packaging/linux/nfpm.yaml" --target "$deb"
	echo "    $deb"
}

# Windows file versions have four numbers: VERSION's first three (pre-release
# and build suffixes dropped, missing ones 0), then FyneApp.toml's Build.
vi_version() {
	local core=${VERSION%%[-+]*} a b c
	IFS=. read -r a b c _ <<<"$core"
	printf '%d.%d.%d.%d\n' "${a:-0}" "${b:-0}" "${c:-0}" "$APP_BUILD"
}

package_windows() {
	local stage=$STAGE_ROOT/windows
	local setup=$DIST/$EXE_NAME-$VERSION-setup.exe
	local cc=${WINDOWS_CC:-x86_64-w64-mingw32-gcc}
	command -v "$cc" >/dev/null || die "$cc not found (apt package gcc-mingw-w64-x86-64; make deps-package)"
	command -v makensis >/dev/null || die "makensis not found (apt package nsis; make deps-package)"
	mkdir -p "$DIST"

	step "staging the source in ${stage#"$ROOT"/}/src"
	stage_source "$stage"

	step "building the Windows exe with fyne package + mingw-w64 (first time ≈6–10 min, then seconds)…"
	SECONDS=0
	# fyne embeds the icon, version info and manifest (a .syso) and links
	# with -H=windowsgui, so no console window opens.
	(cd "$stage/src" &&
		CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC="$cc" \
			"$FYNE" package -os windows --release)
	elapsed $SECONDS
	local made
	made=$(find "$stage/src" -maxdepth 1 -name '*.exe' -print -quit)
	[ -n "$made" ] || die "fyne package did not produce an .exe in $stage/src"
	# fyne names it after the app ("Socket Lab.exe"); the command is socketlab.
	mv -f "$made" "$stage/$EXE_NAME.exe"

	step "making $EXE_NAME-cli.exe, the console copy for cmd.exe and PowerShell"
	# The same program with its PE subsystem set to console: cmd.exe and
	# PowerShell wait for it, show what it prints and pass Ctrl+C. Only that
	# field differs (packaging/pesubsystem), so nothing is built twice.
	(cd "$ROOT" && "$GO" run ./packaging/pesubsystem -console "$stage/$EXE_NAME.exe" "$stage/$EXE_NAME-cli.exe")

	step "building the installer with makensis"
	"$CONVERT" "$ROOT/assets/icon.png" -define icon:auto-resize=256,64,48,32,16 "$stage/$EXE_NAME.ico"
	rm -f "$setup"
	makensis -V2 \
		-DVERSION="$VERSION" \
		-DVIVERSION="$(vi_version)" \
		-DAPP_ID="$APP_ID" \
		-DHOMEPAGE="$HOMEPAGE" \
		-DEXE="$stage/$EXE_NAME.exe" \
		-DCLI_EXE="$stage/$EXE_NAME-cli.exe" \
		-DICON="$stage/$EXE_NAME.ico" \
		-DOUTFILE="$setup" \
		"$ROOT/packaging/windows/installer.nsi"
	[ -f "$setup" ] || die "makensis did not write $setup"
	echo "    $setup"

	portable_zip "$stage"
}

# portable_zip STAGE: dist/socketlab-<v>-windows-amd64-portable.zip, for
# machines where installers are blocked: a folder with both exes and a
# README.txt (Windows line endings, so Notepad shows it right).
portable_zip() {
	local stage=$1 name=$EXE_NAME-$VERSION-windows-amd64-portable
	local zipfile=$DIST/$name.zip dir=$1/portable/$name
	command -v zip >/dev/null || die "zip not found (apt package zip; make deps-package)"
	step "building the portable zip"
	rm -rf "$stage/portable" "$zipfile"
	mkdir -p "$dir"
	cp "$stage/$EXE_NAME.exe" "$stage/$EXE_NAME-cli.exe" "$dir/"
	sed -e "s|@VERSION@|$VERSION|g" -e "s|@APP_ID@|$APP_ID|g" -e "s|@HOMEPAGE@|$HOMEPAGE|g" \
		-e 's/$/\r/' "$ROOT/packaging/windows/portable-readme.txt" >"$dir/README.txt"
	(cd "$stage/portable" && zip -q -9 -r "$zipfile" "$name")
	echo "    $zipfile"
}

case "${1:-}" in
linux) package_linux ;;
windows) package_windows ;;
*) die "usage: $0 linux|windows" ;;
esac
