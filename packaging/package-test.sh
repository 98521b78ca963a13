#!/usr/bin/env bash
# Checks the packages that `make package` put in dist/. Called by
# `make package-test` (after it has built them), which passes VERSION and
# APP_ID read from FyneApp.toml.
#
# The .deb is unpacked with `dpkg -x` into a scratch root under
# dist/.stage/package-test/ instead of being installed with apt: that needs
# no root, leaves the machine (a developer's own desktop, too) untouched and
# can be repeated; whether its Depends can be met is checked separately with a
# simulated `apt-get install -s`. The unpacked binary is then started for real
# under Xvfb.
#
# Exits non-zero if any check fails; the last line is "package-test: N passed,
# N failed".
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

: "${VERSION:?VERSION is not set (run this through make package-test)}"
: "${APP_ID:?APP_ID is not set (run this through make package-test)}"
: "${GO:=go}"
WINDOW_TIMEOUT=${WINDOW_TIMEOUT:-60}

DIST=$ROOT/dist
WORK=$DIST/.stage/package-test
GOARCH=$("$GO" env GOARCH 2>/dev/null || echo amd64)
DEB=$DIST/socketlab_${VERSION}_${GOARCH}.deb
TARBALL=$DIST/socketlab-$VERSION-linux-$GOARCH.tar.xz
SETUP=$DIST/socketlab-$VERSION-setup.exe
PORTABLE=socketlab-$VERSION-windows-amd64-portable
ZIP=$DIST/$PORTABLE.zip
# pesubsystem FILE prints a Windows exe's subsystem: gui or console.
pesubsystem() { (cd "$ROOT" && "$GO" run ./packaging/pesubsystem "$@"); }

passed=0
failed=0
pass() { passed=$((passed + 1)); printf '  ok    %s\n' "$*"; }
fail() { failed=$((failed + 1)); printf '  FAIL  %s\n' "$*"; }
# check DESCRIPTION COMMAND...: runs COMMAND, pass/fail by its exit status.
check() {
	local what=$1
	shift
	if "$@"; then pass "$what"; else fail "$what"; fi
}
section() { printf '\n%s\n' "$*"; }

finish() {
	printf '\npackage-test: %d passed, %d failed\n' "$passed" "$failed"
	[ "$failed" -eq 0 ]
	exit
}

xvfb_pid=""
app_pid=""
cleanup() {
	[ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
	[ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
	true
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

rm -rf "$WORK"
mkdir -p "$WORK"

# ---------------------------------------------------------------- .deb
section "Linux .deb: ${DEB#"$ROOT"/}"
if [ ! -f "$DEB" ]; then
	fail "$DEB exists (run make package-linux)"
else
	pass ".deb exists ($(du -h "$DEB" | cut -f1))"

	field() { dpkg-deb -f "$DEB" "$1"; }
	check "Package: socketlab" test "$(field Package)" = socketlab
	check "Version: $VERSION (from FyneApp.toml)" test "$(field Version)" = "$VERSION"
	depends=$(field Depends)
	for lib in libgl1 libx11-6 libxcursor1 libxrandr2 libxinerama1 libxi6 libxxf86vm1 \
		libwayland-client0 libxkbcommon0; do
		check "Depends lists $lib" grep -qw -- "$lib" <<<"$depends"
	done
	check "has Maintainer, Description and Homepage" \
		test -n "$(field Maintainer)" -a -n "$(field Description)" -a -n "$(field Homepage)"

	root=$WORK/root
	mkdir -p "$root"
	check "dpkg -x unpacks it" dpkg -x "$DEB" "$root"

	bin=$root/usr/bin/socketlab
	desktop=$root/usr/share/applications/$APP_ID.desktop
	check "/usr/bin/socketlab is an executable" test -f "$bin" -a -x "$bin"
	check "/usr/share/applications/$APP_ID.desktop" test -f "$desktop"
	for size in 512 256 32; do
		png=$root/usr/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png
		check "${size}x${size} icon is a ${size} x ${size} PNG" \
			grep -q "PNG image data, $size x $size" <<<"$(file -b "$png" 2>&1)"
	done

	# Every library the binary links (ELF NEEDED) must come from a package in
	# Depends. (dlopen'ed ones can't be seen this way; nfpm.yaml lists them.)
	if command -v objdump >/dev/null && [ -f "$bin" ]; then
		for soname in $(objdump -p "$bin" | awk '$1 == "NEEDED" { print $2 }'); do
			owners=$(dpkg -S "*/$soname" 2>/dev/null | sed 's/[:,].*//' | sort -u)
			if [ -z "$owners" ]; then
				fail "links $soname, but no installed package provides it (can't check Depends)"
				continue
			fi
			ok=""
			for o in $owners; do grep -qw -- "$o" <<<"$depends" && ok=$o; done
			if [ -n "$ok" ]; then pass "links $soname: $ok is in Depends"; else fail "links $soname (from: $(echo $owners)), which Depends does not list"; fi
		done
	fi

	out=$("$bin" version 2>&1)
	check "'socketlab version' prints 'socketlab $VERSION' (got '$out')" \
		test "$out" = "socketlab $VERSION"

	if command -v desktop-file-validate >/dev/null 2>&1; then
		check "desktop-file-validate accepts the .desktop file" desktop-file-validate "$desktop"
	else
		echo "  skip  desktop-file-validate not installed (apt package desktop-file-utils)"
	fi
	check ".desktop has Exec=socketlab" grep -qx "Exec=socketlab" "$desktop"
	check ".desktop has Icon=$APP_ID (matches the icon files)" grep -qx "Icon=$APP_ID" "$desktop"

	# Are the Depends installable from the configured apt sources? (Simulated:
	# nothing is installed.)
	if command -v apt-get >/dev/null 2>&1; then
		if apt-get install -s -q "$DEB" >"$WORK/apt-simulate.log" 2>&1; then
			pass "apt-get install -s: dependencies can be satisfied"
		else
			fail "apt-get install -s: dependencies can't be satisfied:"
			sed 's/^/        /' "$WORK/apt-simulate.log" | tail -n 15
		fi
	fi

	# ------------------------------------------------ start it under Xvfb
	section "Starting the installed app under Xvfb"
	if ! command -v Xvfb >/dev/null || ! command -v xdotool >/dev/null; then
		fail "Xvfb and xdotool are needed (make deps-package)"
	elif [ ! -x "$bin" ]; then
		fail "no binary to start"
	else
		display=""
		for n in 95 96 97 98 99 100 101 102; do
			if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then
				display=:$n
				break
			fi
		done
		if [ -z "$display" ]; then
			fail "no free X display between :95 and :102"
		else
			Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
			xvfb_pid=$!
			for _ in $(seq 1 50); do
				[ -e "/tmp/.X11-unix/X${display#:}" ] && break
				sleep 0.2
			done
			# A scratch HOME/XDG dirs so the app's settings land in dist/.
			mkdir -p "$WORK/home"
			DISPLAY=$display LANG=C.UTF-8 HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config \
				XDG_DATA_HOME=$WORK/home/.local/share XDG_CACHE_HOME=$WORK/home/.cache \
				"$bin" >"$WORK/app.log" 2>&1 &
			app_pid=$!
			found=""
			for _ in $(seq 1 "$WINDOW_TIMEOUT"); do
				if win=$(DISPLAY=$display xdotool search --name "Socket Lab" 2>/dev/null | head -n 1) &&
					[ -n "$win" ]; then
					found=$win
					break
				fi
				kill -0 "$app_pid" 2>/dev/null || break
				sleep 1
			done
			if [ -n "$found" ]; then
				pass "window \"$(DISPLAY=$display xdotool getwindowname "$found")\" appeared (id $found, display $display)"
				# A screenshot for people to look at; not checked.
				sleep 2
				if command -v import >/dev/null; then
					DISPLAY=$display import -window root "$WORK/screenshot.png" >/dev/null 2>&1 &&
						echo "        screenshot: ${WORK#"$ROOT"/}/screenshot.png"
				fi
				if kill -0 "$app_pid" 2>/dev/null; then
					pass "app still running after its window appeared"
				else
					fail "app exited right after showing its window"
				fi
			elif ! kill -0 "$app_pid" 2>/dev/null; then
				fail "app exited before showing a window; its output:"
				sed 's/^/        /' "$WORK/app.log" | tail -n 20
			else
				fail "no \"Socket Lab\" window within ${WINDOW_TIMEOUT} s; app output:"
				sed 's/^/        /' "$WORK/app.log" | tail -n 20
			fi
			cleanup
			app_pid=""
			xvfb_pid=""
		fi
	fi
fi

# ---------------------------------------------------------------- tarball
section "Linux tarball: ${TARBALL#"$ROOT"/}"
if [ ! -f "$TARBALL" ]; then
	fail "$TARBALL exists (run make package-linux)"
else
	pass "tarball exists ($(du -h "$TARBALL" | cut -f1))"
	mkdir -p "$WORK/tar" "$WORK/tar-root"
	if tar -C "$WORK/tar" -xf "$TARBALL"; then
		pass "tar xf unpacks it"
		# The tarball's own Makefile, as a user runs it (sudo make install),
		# but into a scratch DESTDIR.
		mk=$(find "$WORK/tar" -maxdepth 2 -name Makefile -print -quit)
		if [ -n "$mk" ] && make -s -C "$(dirname "$mk")" install DESTDIR="$WORK/tar-root" PREFIX=/usr >"$WORK/tar-install.log" 2>&1; then
			pass "its 'make install' works (DESTDIR=scratch PREFIX=/usr)"
			out=$("$WORK/tar-root/usr/bin/socketlab" version 2>&1)
			check "tarball's socketlab prints 'socketlab $VERSION' (got '$out')" test "$out" = "socketlab $VERSION"
			check "tarball installs $APP_ID.desktop" test -f "$WORK/tar-root/usr/share/applications/$APP_ID.desktop"
		else
			fail "its 'make install' failed:"
			sed 's/^/        /' "$WORK/tar-install.log" | tail -n 10
		fi
	else
		fail "tar xf failed"
	fi
fi

# ---------------------------------------------------------------- Windows
section "Windows installer: ${SETUP#"$ROOT"/}"
if [ ! -f "$SETUP" ]; then
	fail "$SETUP exists (run make package-windows)"
else
	pass "installer exists ($(du -h "$SETUP" | cut -f1))"
	desc=$(file -b "$SETUP")
	check "file: PE32 executable ($desc)" grep -q "^PE32 executable" <<<"$desc"
	check "it is an NSIS installer" grep -qa "Nullsoft" "$SETUP"
	if command -v 7z >/dev/null; then
		if 7z l "$SETUP" >"$WORK/7z-list.txt" 2>&1; then
			check "7z l lists socketlab.exe inside" grep -qE '(^|[ /\\])socketlab\.exe$' "$WORK/7z-list.txt"
			check "7z l lists socketlab-cli.exe inside" grep -qE '(^|[ /\\])socketlab-cli\.exe$' "$WORK/7z-list.txt"
			mkdir -p "$WORK/win"
			if 7z e -y -o"$WORK/win" "$SETUP" socketlab.exe >"$WORK/7z-extract.log" 2>&1 &&
				[ -f "$WORK/win/socketlab.exe" ]; then
				inner=$(file -b "$WORK/win/socketlab.exe")
				check "inner socketlab.exe is a PE32+ x86-64 GUI executable ($inner)" \
					grep -q "^PE32+ executable (GUI) x86-64" <<<"$inner"
				# fyne package embeds version info: ProductName "Socket Lab".
				check "inner socketlab.exe carries its version resource (Socket Lab)" \
					grep -q "Socket Lab" <<<"$(strings -e l "$WORK/win/socketlab.exe")"
				check "inner socketlab.exe is marked GUI (debug/pe)" \
					test "$(pesubsystem "$WORK/win/socketlab.exe")" = gui
			else
				fail "7z could not extract socketlab.exe"
				sed 's/^/        /' "$WORK/7z-extract.log" | tail -n 10
			fi
		else
			fail "7z l could not read the installer"
			sed 's/^/        /' "$WORK/7z-list.txt" | tail -n 10
		fi
	else
		fail "7z not found (apt package p7zip-full; make deps-package)"
	fi
fi

# ---------------------------------------------------------------- portable zip
section "Windows portable zip: ${ZIP#"$ROOT"/}"
if [ ! -f "$ZIP" ]; then
	fail "$ZIP exists (run make package-windows)"
elif ! command -v unzip >/dev/null; then
	fail "unzip not found (apt package unzip; make deps-package)"
else
	pass "portable zip exists ($(du -h "$ZIP" | cut -f1))"
	check "unzip -t: every entry is intact" bash -c 'unzip -tq "$1" >/dev/null' _ "$ZIP"
	# Exactly these files, in one folder, so unzipping makes no mess.
	listing=$(unzip -Z1 "$ZIP" | grep -v '/$' | sort)
	want=$(printf '%s\n' "$PORTABLE/README.txt" "$PORTABLE/socketlab-cli.exe" "$PORTABLE/socketlab.exe")
	check "holds exactly $PORTABLE/{socketlab.exe,socketlab-cli.exe,README.txt} (has: $(echo $listing))" \
		test "$listing" = "$want"
	zdir=$WORK/zip
	mkdir -p "$zdir"
	if unzip -q -o "$ZIP" -d "$zdir"; then
		p=$zdir/$PORTABLE
		check "socketlab.exe is a PE32+ x86-64 GUI executable" \
			grep -q "^PE32+ executable (GUI) x86-64" <<<"$(file -b "$p/socketlab.exe")"
		check "socketlab-cli.exe is a PE32+ x86-64 console executable" \
			grep -q "^PE32+ executable (console) x86-64" <<<"$(file -b "$p/socketlab-cli.exe")"
		check "debug/pe: socketlab.exe gui, socketlab-cli.exe console" \
			test "$(pesubsystem "$p/socketlab.exe") $(pesubsystem "$p/socketlab-cli.exe")" = "gui console"
		# cmp -l prints the 1-based offset of each differing byte: the
		# subsystem and at most the checksum, both in the PE headers.
		diffs=$(cmp -l "$p/socketlab.exe" "$p/socketlab-cli.exe" | awk '{ print $1 }')
		check "the two exes differ only in the PE header (subsystem, checksum): $(echo $diffs)" \
			test -n "$diffs" -a "$(wc -l <<<"$diffs")" -le 5 -a "$(sort -n <<<"$diffs" | tail -n 1)" -le 1024
		if [ -f "$WORK/win/socketlab.exe" ]; then
			check "the zip's socketlab.exe is the installer's" cmp -s "$p/socketlab.exe" "$WORK/win/socketlab.exe"
		fi
		check "README.txt names version $VERSION" grep -q "Socket Lab $VERSION" "$p/README.txt"
		check "README.txt explains socketlab-cli.exe" grep -q "socketlab-cli.exe serve" "$p/README.txt"
		check "README.txt has Windows line endings" grep -q $'\r$' "$p/README.txt"
		check "README.txt has no unfilled @PLACEHOLDER@" bash -c '! grep -q "@[A-Z_]*@" "$1"' _ "$p/README.txt"
	else
		fail "unzip could not unpack it"
	fi
fi

finish
