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
TEST_PKGS  := ncat telnet
SHOTS_PKGS := xvfb xdotool imagemagick

GO_FILES_CMD := find . -name '*.go' -not -path './dist/*' -not -path './.git/*' -not -path './fyne-cross/*' -print0

BUILD_NOTE := note: the first build compiles Fyne's OpenGL driver (cgo): about 4–5 minutes; later builds are cached

.DEFAULT_GOAL := build
# Targets are listed in the order they must run (e.g. test: deps first);
# keep that order even under make -j.
.NOTPARALLEL:

.PHONY: help deps deps-build deps-test deps-shots build run test vet fmt-check \
        test-race build-check bench fmt clean

help:
	@echo "Socket Lab make targets:"
	@echo "  build        build ./$(BINARY) (tags: $(TAGS))"
	@echo "  run          build, then start ./$(BINARY) (extra arguments: make run ARGS='...')"
	@echo "  test         go vet, gofmt check, go test -race (tags: $(TEST_TAGS)), real GL build"
	@echo "  bench        run the benchmarks"
	@echo "  fmt          gofmt -w all Go files"
	@echo "  clean        remove ./$(BINARY) and dist/"
	@echo "  deps         install every missing apt package (build, test, screenshots)"
	@echo "  deps-build   install missing apt packages for building (GL/X11/Wayland headers, gcc)"
	@echo "  deps-test    deps-build + ncat telnet"
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

test: deps-test vet fmt-check test-race build-check
	@echo "make test: all checks passed"

vet: deps-build
	$(GO) vet -tags $(TEST_TAGS) ./...

fmt-check:
	@out="$$($(GO_FILES_CMD) | xargs -0 -r $(GOFMT) -l)"; \
	if [ -n "$$out" ]; then \
	  echo "gofmt: these files need formatting (run 'make fmt'):"; echo "$$out"; exit 1; \
	fi; \
	echo "gofmt: ok"

test-race: deps-test
	$(GO) test -race -tags $(TEST_TAGS) -count=1 ./...

# One real build through the OpenGL (GLFW, cgo) driver, so that path is checked too.
build-check: deps-build
	@echo "$(BUILD_NOTE)"
	$(GO) build $(VCSFLAG) -tags $(TAGS) -o $(BINARY) .

bench: deps-test
	$(GO) test -run '^$$' -bench . -benchmem -tags $(TEST_TAGS) ./...

fmt:
	$(GO_FILES_CMD) | xargs -0 -r $(GOFMT) -w

clean:
	rm -f $(BINARY)
	rm -rf dist/
