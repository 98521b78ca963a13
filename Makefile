# Socket Lab — build tooling (GNU make, Debian/Ubuntu).
#
#   make run     install missing apt packages, build, start the app
#   make test    install missing apt packages, vet, gofmt check, race tests, GL build
#   make help    list all targets

# Build tags. FyneApp.toml sets [Migrations] fyneDo = true; the `fyne` tool
# turns that into the migrated_fynedo tag, plain `go build`/`go test` need it
# passed explicitly. The `ci` tag swaps in Fyne's software test driver (no GL).
TAGS      ?= migrated_fynedo
TEST_TAGS ?= ci,$(TAGS)

BINARY ?= socketlab
# make screenshots drives a build with the screenshots hook (app/shots_hook.go),
# kept apart from ./$(BINARY) so that one never has it.
SHOTS_BINARY ?= socketlab-shots
SHOTS_TAGS   := screenshots,$(TAGS)
ARGS   ?=

# Find Go even when /usr/local/go/bin is not on PATH.
export PATH := $(PATH):/usr/local/go/bin:$(HOME)/go/bin
# Fyne's GLFW driver and `go test -race` both need cgo.
export CGO_ENABLED := 1

GO    ?= go
GOFMT ?= gofmt

# VCS stamping fails in some checkouts (git missing, no commit yet, "dubious
# ownership"); turn it off there. Harmless when GOFLAGS=-buildvcs=false is set.
VCSFLAG := $(shell git rev-parse --verify -q HEAD >/dev/null 2>&1 || echo -buildvcs=false)

# apt packages
BUILD_PKGS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
              libxinerama-dev libxi-dev libxxf86vm-dev libwayland-dev libxkbcommon-dev
TEST_PKGS  := ncat telnet python3 openssl iproute2 iptables
# fonts-noto-cjk: the Chinese screenshots; the app uses the system's CJK
# font, it bundles none (docs/translating.md says why).
SHOTS_PKGS := xvfb xdotool imagemagick fonts-noto-cjk

GO_FILES_CMD := find . -name '*.go' -not -path './dist/*' -not -path './.git/*' -not -path './fyne-cross/*' -print0

BUILD_NOTE := note: the first build compiles Fyne's OpenGL driver (cgo): about 4–5 minutes; later builds are cached

.DEFAULT_GOAL := build
# Targets are listed in the order they must run (e.g. test: deps first);
# keep that order even under make -j.
.NOTPARALLEL:

.PHONY: help deps deps-build deps-test deps-shots build run test vet fmt-check \
        test-race test-shots-hook build-check classroom-test bench stress fmt clean \
        screenshots screenshots-classroom screenshots-fit

help:
	@echo "Socket Lab make targets:"
	@echo "  build        build ./$(BINARY) (tags: $(TAGS))"
	@echo "  run          build, then start ./$(BINARY) (extra arguments: make run ARGS='...')"
	@echo "  test         go vet, gofmt check, go test -race (tags: $(TEST_TAGS)), real GL build, classroom-test"
	@echo "  classroom-test  ./$(BINARY) between network namespaces: a simulated classroom (needs root)"
	@echo "  bench        run the benchmarks (docs/benchmarks.md)"
	@echo "  stress       long stress/fault suite and fuzzing (docs/reliability.md)"
	@echo "  screenshots  build ./$(SHOTS_BINARY) (tags: $(SHOTS_TAGS)), retake docs/screenshots/*.png under Xvfb"
	@echo "  screenshots-classroom  the two-window pair pictures, teacher and student in namespaces (root)"
	@echo "  screenshots-fit  docs/screenshots/fit-*.png: the window as it opens on 1024x600, 1366x768 at 150 %, 1920x1080"
	@echo "  fmt          gofmt -w all Go files"
	@echo "  clean        remove ./$(BINARY), ./$(SHOTS_BINARY) and dist/"
	@echo "  deps         install every missing apt package (build, test, screenshots)"
	@echo "  deps-build   install missing apt packages for building (GL/X11/Wayland headers, gcc)"
	@echo "  deps-test    deps-build + ncat telnet python3 openssl iproute2 iptables"
	@echo "  deps-shots   xvfb xdotool imagemagick"

# $(call apt_install,WHAT,PACKAGES): install only the missing packages, with a
# single `apt-get update`, and only when something is missing.
define apt_install
	@set -e; \
	if ! command -v dpkg-query >/dev/null 2>&1; then \
	  echo "deps ($(1)): dpkg-query not found (not Debian/Ubuntu?); make sure these are installed: $(2)"; \
	  exit 0; \
	fi; \
	missing=""; \
	for p in $(2); do \
	  if ! dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q "install ok installed"; then \
	    missing="$$missing $$p"; \
	  fi; \
	done; \
	if [ -z "$$missing" ]; then echo "deps ($(1)): all apt packages already installed"; exit 0; fi; \
	SUDO=""; \
	if [ "$$(id -u)" -ne 0 ]; then \
	  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
	  else echo "deps ($(1)): not root and no sudo; please install:$$missing" >&2; exit 1; fi; \
	fi; \
	echo "deps ($(1)): installing:$$missing"; \
	n=0; \
	until $$SUDO apt-get -o DPkg::Lock::Timeout=600 update; do \
	  n=$$((n+1)); [ $$n -lt 5 ] || exit 1; \
	  echo "apt-get update failed (apt/dpkg busy?); retrying in 15 s"; sleep 15; \
	done; \
	$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
	  install -y --no-install-recommends $$missing
endef

deps:
	$(call apt_install,all,$(BUILD_PKGS) $(TEST_PKGS) $(SHOTS_PKGS))

deps-build:
	$(call apt_install,build,$(BUILD_PKGS))

deps-test:
	$(call apt_install,build+test,$(BUILD_PKGS) $(TEST_PKGS))

deps-shots:
	$(call apt_install,screenshots,$(SHOTS_PKGS))

build: deps-build
	@echo "$(BUILD_NOTE)"
	$(GO) build $(VCSFLAG) -tags $(TAGS) -o $(BINARY) .

run: build
	./$(BINARY) $(ARGS)

test: deps-test vet fmt-check test-race test-shots-hook build-check classroom-test
	@echo "make test: all checks passed"

vet: deps-build
	$(GO) vet -tags $(TEST_TAGS) ./...
	$(GO) vet -tags $(TEST_TAGS),classroom ./classroom

fmt-check:
	@out="$$($(GO_FILES_CMD) | xargs -0 -r $(GOFMT) -l)"; \
	if [ -n "$$out" ]; then \
	  echo "gofmt: these files need formatting (run 'make fmt'):"; echo "$$out"; exit 1; \
	fi; \
	echo "gofmt: ok"

test-race: deps-test
	$(GO) test -race -timeout 25m -tags $(TEST_TAGS) -count=1 ./...

# The screenshots hook's tests: only a build with the screenshots tag has the
# hook, so they run apart (a renamed widget fails here, not in make screenshots).
test-shots-hook: deps-test
	$(GO) vet -tags $(TEST_TAGS),screenshots ./app
	$(GO) test -race -tags $(TEST_TAGS),screenshots -count=1 -run Shots ./app

# One real build through the OpenGL (GLFW, cgo) driver, so that path is checked too.
build-check: deps-build
	@echo "$(BUILD_NOTE)"
	$(GO) build $(VCSFLAG) -tags $(TAGS) -o $(BINARY) .

# The classroom test (classroom/): ./$(BINARY) between Linux network
# namespaces, a teacher, three students and one on another subnet
# (scripts/classroom-net.sh). It needs root: as another user the compiled
# test runs under sudo, and without sudo it fails; it never skips.
classroom-test: deps-test build
	@set -e; \
	SUDO=""; \
	if [ "$$(id -u)" -ne 0 ]; then \
	  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
	  else echo "classroom-test: FAILED: needs root to make network namespaces, and sudo is missing" >&2; exit 1; fi; \
	fi; \
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(GO) test -c -tags classroom -o "$$tmp/classroom.test" ./classroom; \
	cd classroom && $$SUDO env PATH="$$PATH" SOCKETLAB_BIN="$(CURDIR)/$(BINARY)" \
	  "$$tmp/classroom.test" -test.count=1 -test.timeout=5m -test.v

# Benchmarks compare Socket Lab with a baseline measured in the same run
# (docs/benchmarks.md). First the core in-process (netcore) and the GUI log
# with Fyne's test driver; each GUI benchmark runs in a process of its own:
# Fyne's renderer cache keeps one benchmark's widgets alive for a minute and
# would weigh on the next. Then the real binaries in processes of their own,
# as people run them (bench/serve, bench/app: loopback only, Xvfb on
# BENCH_DISPLAY): `socketlab serve` against a bare io.Copy server and ncat,
# the window's memory next to a minimal Fyne window, the Server tab under
# load, an hour of class. About 15 minutes in all.
BENCH_DIR     ?= $(or $(TMPDIR),/tmp)/socketlab-bench
BENCH_DISPLAY ?= :97
bench: deps-test deps-shots build
	$(GO) test -run '^$$' -bench . -benchmem -timeout 30m -tags $(TEST_TAGS) ./netcore/...
	@for b in $$($(GO) test -tags $(TEST_TAGS) -list '^Benchmark' ./app | grep '^Benchmark'); do \
	  $(GO) test -run '^$$' -bench "^$$b$$" -benchmem -timeout 10m -tags $(TEST_TAGS) ./app || exit 1; \
	done
	mkdir -p $(BENCH_DIR)
	$(GO) build $(VCSFLAG) -tags $(SHOTS_TAGS) -o $(BENCH_DIR)/socketlab-shots .
	$(GO) build -o $(BENCH_DIR)/serve ./bench/serve
	$(GO) build -o $(BENCH_DIR)/app ./bench/app
	$(GO) build -tags $(TAGS) -o $(BENCH_DIR)/minimalfyne ./bench/minimalfyne
	$(BENCH_DIR)/serve -bin ./$(BINARY) -rounds 5 echo
	$(BENCH_DIR)/serve -bin ./$(BINARY) -rounds 5 -output pipe echo
	$(BENCH_DIR)/serve -bin ./$(BINARY) -rounds 7 chat
	$(BENCH_DIR)/app -bin $(BENCH_DIR)/socketlab-shots -minimal $(BENCH_DIR)/minimalfyne -display $(BENCH_DISPLAY) -rounds 3 fresh
	$(BENCH_DIR)/app -bin $(BENCH_DIR)/socketlab-shots -display $(BENCH_DISPLAY) -rounds 3 echo
	$(BENCH_DIR)/app -bin $(BENCH_DIR)/socketlab-shots -display $(BENCH_DISPLAY) -rounds 60 class
	scripts/coldstart.sh ./$(BINARY) 7

# The long stress and fault suite (a short one runs in make test), then a few
# minutes of fuzzing per target; new crashers land in that package's
# testdata/fuzz. Each target is PACKAGE:FUZZTARGET, and a target that does
# not exist fails: `go test -fuzz` with no match would pass doing nothing.
STRESS_SCALE ?= 10
FUZZ_TIME    ?= 2m
FUZZ_TARGETS := ./netcore:FuzzFramer ./netcore:FuzzRawBytes ./netcore/calc:FuzzEvaluate ./netcore/demos:FuzzDemoHandlers ./netcore/demos:FuzzParseRules \
                ./netcore/demos:FuzzHTTPRequest ./netcore/discovery:FuzzParseBeacon
stress: deps-test
	SOCKETLAB_STRESS=$(STRESS_SCALE) $(GO) test -race -count=1 -run 'TestStressAndFaults' -v -timeout 30m -tags $(TEST_TAGS) ./netcore
	SOCKETLAB_STRESS=$(STRESS_SCALE) $(GO) test -race -count=1 -run 'Flood' -v -timeout 10m -tags $(TEST_TAGS) ./netcore/discovery
	@for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; f=$${t##*:}; \
	  if ! $(GO) test -tags $(TEST_TAGS) -list "^$$f$$" $$pkg | grep -qx "$$f"; then \
	    echo "stress: no fuzz target $$f in $$pkg (update FUZZ_TARGETS)" >&2; exit 1; \
	  fi; \
	  echo "fuzzing $$f in $$pkg for $(FUZZ_TIME)…"; \
	  $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZ_TIME) -tags $(TEST_TAGS) $$pkg || exit 1; \
	done

fmt:
	$(GO_FILES_CMD) | xargs -0 -r $(GOFMT) -w

# The README's screenshots: the real app under Xvfb, driven through its
# screenshots hook, on loopback only (scripts/screenshots.sh); not part of
# test or CI. SHOTS_SCREEN=1024x600 FYNE_SCALE=1.5 make screenshots takes
# them on another screen (OUT=/tmp/shots to keep docs/ as it is).
screenshots: deps-shots deps-build
	@echo "$(BUILD_NOTE)"
	$(GO) build $(VCSFLAG) -tags $(SHOTS_TAGS) -o $(SHOTS_BINARY) .
	BIN=./$(SHOTS_BINARY) bash scripts/screenshots.sh

# The README's two-window pair pictures (docs/screenshots/pair-*.png): the
# teacher's and a student's app in two namespaces of the simulated
# classroom on one Xvfb (scripts/screenshots-classroom.sh). Needs root.
screenshots-classroom: deps-shots deps-test
	@echo "$(BUILD_NOTE)"
	$(GO) build $(VCSFLAG) -tags $(SHOTS_TAGS) -o $(SHOTS_BINARY) .
	BIN=./$(SHOTS_BINARY) bash scripts/screenshots-classroom.sh

# The window as it first opens on a netbook, a laptop at 150 % and a full
# HD screen (docs/screenshots/fit-*.png): it must fit each.
screenshots-fit: deps-shots deps-build
	$(GO) build $(VCSFLAG) -tags $(SHOTS_TAGS) -o $(SHOTS_BINARY) .
	SHOTS_FIT=1 SHOTS_SCREEN=1024x600 FYNE_SCALE=1 BIN=./$(SHOTS_BINARY) bash scripts/screenshots.sh
	SHOTS_FIT=1 SHOTS_SCREEN=1366x768 FYNE_SCALE=1.5 BIN=./$(SHOTS_BINARY) bash scripts/screenshots.sh
	SHOTS_FIT=1 SHOTS_SCREEN=1920x1080 FYNE_SCALE=1 BIN=./$(SHOTS_BINARY) bash scripts/screenshots.sh

clean:
	rm -f $(BINARY) $(SHOTS_BINARY)
	rm -rf dist/

# ---------------------------------------------------------------------------
# Native packages: make package / package-linux / package-windows / package-test
# (see docs/packaging.md). Everything lands in dist/.
#
# App metadata is read from FyneApp.toml, the one place it is written.
VERSION   := $(shell sed -n 's/^ *Version *= *"\(.*\)".*/\1/p' FyneApp.toml)
APP_BUILD := $(shell sed -n 's/^ *Build *= *\([0-9][0-9]*\).*/\1/p' FyneApp.toml)
APP_ID    := $(shell sed -n 's/^ *ID *= *"\(.*\)".*/\1/p' FyneApp.toml)
HOMEPAGE  := $(shell sed -n 's/^ *Website *= *"\(.*\)".*/\1/p' FyneApp.toml)

# Go tools, installed with `go install` (not recorded in go.mod) when missing
# or at another version. nfpm v2.46+ needs modules the Go proxy here refuses
# (go.digitalxero.dev/...), so v2.45.2 is the newest that installs.
TOOLS_BIN          ?= $(HOME)/go/bin
FYNE_TOOLS_VERSION ?= v1.7.4
NFPM_VERSION       ?= v2.45.2
FYNE := $(TOOLS_BIN)/fyne
NFPM := $(TOOLS_BIN)/nfpm

PACKAGE_PKGS := gcc-mingw-w64-x86-64 nsis imagemagick xvfb xdotool p7zip-full zip unzip \
                desktop-file-utils file xz-utils binutils

# What packaging/build.sh and packaging/package-test.sh get from here.
PACKAGE_ENV = VERSION='$(VERSION)' APP_BUILD='$(APP_BUILD)' APP_ID='$(APP_ID)' \
              HOMEPAGE='$(HOMEPAGE)' GO='$(GO)' FYNE='$(FYNE)' NFPM='$(NFPM)'

.PHONY: help-package deps-package package-tools package package-linux \
        package-windows package-test package-check-metadata

help-package:
	@echo "Socket Lab packaging targets (version $(VERSION) from FyneApp.toml; output in dist/):"
	@echo "  package          package-linux + package-windows"
	@echo "  package-linux    dist/socketlab-$(VERSION)-linux-amd64.tar.xz (fyne package) and"
	@echo "                   dist/socketlab_$(VERSION)_amd64.deb (nfpm)"
	@echo "  package-windows  dist/socketlab-$(VERSION)-setup.exe (mingw-w64 cross build + NSIS) and"
	@echo "                   dist/socketlab-$(VERSION)-windows-amd64-portable.zip, both with socketlab-cli.exe"
	@echo "  package-test     build all packages, then check them (packaging/package-test.sh)"
	@echo "  deps-package     install missing apt packages for packaging"
	@echo "  package-tools    go install fyne $(FYNE_TOOLS_VERSION) and nfpm $(NFPM_VERSION) into $(TOOLS_BIN) if missing"

deps-package:
	$(call apt_install,package,$(BUILD_PKGS) $(PACKAGE_PKGS))

# $(call go_tool,NAME,BINARY,MODULE,PACKAGE,VERSION): `go install` PACKAGE@VERSION
# into $(TOOLS_BIN) unless BINARY already is MODULE at VERSION.
define go_tool
	@set -e; \
	if [ -x "$(2)" ] && $(GO) version -m "$(2)" 2>/dev/null | \
	     grep -Eq "^[[:space:]]+mod[[:space:]]+$(3)[[:space:]]+$(5)([[:space:]]|$$)"; then \
	  echo "tools: $(1) $(5) already in $(TOOLS_BIN)"; \
	else \
	  echo "tools: installing $(1) $(5) into $(TOOLS_BIN) (go install, about 1–2 min)…"; \
	  GOBIN="$(TOOLS_BIN)" $(GO) install $(4)@$(5); \
	fi
endef

package-tools:
	$(call go_tool,fyne,$(FYNE),fyne.io/tools,fyne.io/tools/cmd/fyne,$(FYNE_TOOLS_VERSION))
	$(call go_tool,nfpm,$(NFPM),github.com/goreleaser/nfpm/v2,github.com/goreleaser/nfpm/v2/cmd/nfpm,$(NFPM_VERSION))

package-check-metadata:
	@if [ -z "$(VERSION)" ] || [ -z "$(APP_ID)" ] || [ -z "$(APP_BUILD)" ]; then \
	  echo "package: could not read Version, ID and Build from FyneApp.toml" >&2; exit 1; \
	fi

package-linux: package-check-metadata deps-package package-tools
	$(PACKAGE_ENV) bash packaging/build.sh linux

package-windows: package-check-metadata deps-package package-tools
	$(PACKAGE_ENV) bash packaging/build.sh windows

package: package-linux package-windows
	@echo; echo "make package: done; in dist/:"; ls -l dist/ | sed -n '2,$$p'

package-test: package
	$(PACKAGE_ENV) bash packaging/package-test.sh
