# Keel. `make run` opens the app; `make test` runs every check CI runs.
# Both install the system packages Fyne needs on Debian and Ubuntu first.

GO          ?= go
# The Go release Keel is built and tested with (go.mod's toolchain line). Machines
# often set GOTOOLCHAIN=local, which ignores that line, so say it here: the go command
# fetches this release through the module proxy once (about 75 MB).
export GOTOOLCHAIN := go1.26.10
TAGS        := migrated_fynedo
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
# The packaging tools, run with go run at these versions (assets/packaging/package.sh):
# each builds from its own go.mod, so none of their requirements joins Keel's module
# graph, where they could move the versions of libraries compiled into Keel.
NFPM        := github.com/goreleaser/nfpm/v2/cmd/nfpm@v2.45.2
GO_LICENSES := github.com/google/go-licenses@v1.6.0
GO_WINRES   := github.com/tc-hib/go-winres@v0.3.3
# Keel's version (FyneApp.toml; packages get it with -ldflags -X, never by the fyne
# tool, which rewrites that file) and the time stamped into packages: the last
# commit's, so building the same commit again gives the same files.
VERSION     := $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
SOURCE_DATE_EPOCH ?= $(or $(shell git log -1 --format=%ct 2>/dev/null),$(shell date +%s))
PACKAGE_ENV := GO="$(GO)" TAGS=$(TAGS) VERSION=$(VERSION) SOURCE_DATE_EPOCH=$(SOURCE_DATE_EPOCH) \
               NFPM=$(NFPM) GO_LICENSES=$(GO_LICENSES) GO_WINRES=$(GO_WINRES)
# A C compiler and the GL/X11 headers Fyne's cgo code builds against.
# Fyne 2.8's GLFW 3.4 builds both X11 and Wayland back ends, so it needs the Wayland
# client and xkbcommon headers too.
APT_PACKAGES := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
                libxinerama-dev libxi-dev libxxf86vm-dev libwayland-dev libxkbcommon-dev
# For the tests: pdftotext checks the PDF report, age opens encrypted exports,
# dbus-run-session gives the screen-lock test a bus, man checks the manual page,
# zsh and fish run their completion scripts.
TEST_APT_PACKAGES := poppler-utils age dbus-daemon man-db zsh fish
# For the packages: rsvg-convert draws the icons from assets/icon.svg; the mingw-w64
# C compiler builds keel.exe.
PACKAGE_APT_PACKAGES := librsvg2-bin xz-utils
WINDOWS_APT_PACKAGES := gcc-mingw-w64-x86-64 librsvg2-bin
# A fixed locale for the tests (ui/locale_test.go checks the C locale on its own).
TEST_ENV    := LANG=en_US.UTF-8 CGO_ENABLED=1

.PHONY: run test fuzz deps test-deps apt check-go lint bench bench-start demo package windows clean

run: deps
	$(GO) run -tags $(TAGS) . $(ARGS)

# Every test with the race detector, every benchmark once (so none rots), and a short
# run of each fuzz target.
test: deps test-deps lint
	$(TEST_ENV) $(GO) test -race -tags $(TAGS) -count=1 ./...
	$(TEST_ENV) $(GO) test -tags $(TAGS) -run '^$$' -bench . -benchtime 1x ./...
	$(MAKE) --no-print-directory fuzz FUZZTIME=10s

# A short run of every fuzz target (parsers of outside input); FUZZTIME=5m for longer.
FUZZTIME ?= 30s
fuzz:
	$(TEST_ENV) $(GO) test -run '^$$' -fuzz '^FuzzReadExport$$' -fuzztime $(FUZZTIME) ./model/exchange
	$(TEST_ENV) $(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./model/daylio
	$(TEST_ENV) $(GO) test -run '^$$' -fuzz '^FuzzHeader$$' -fuzztime $(FUZZTIME) ./model/seal

lint: check-go
	@unformatted=$$(gofmt -l .); if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(TEST_ENV) $(GO) vet -tags $(TAGS) ./...
	$(TEST_ENV) $(GO) run $(STATICCHECK) -tags $(TAGS) ./...

# The benchmarks behind every figure in the README.
bench: deps
	$(TEST_ENV) $(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem ./...

# Packages in dist/ (assets/packaging/package.sh): the Debian package
# keel_VERSION_amd64.deb (nfpm), the tarball keel-linux-amd64.tar.xz with a Makefile
# to install it, and keel.exe for Windows with LICENSE.txt and THIRD-PARTY-NOTICES.txt
# beside it. macOS: see README.
package: deps windows
	@$(MAKE) --no-print-directory apt PACKAGES="$(PACKAGE_APT_PACKAGES)"
	$(PACKAGE_ENV) bash assets/packaging/package.sh linux
	@ls -l dist

# keel.exe with its icon, version information and manifest, cross-compiled from
# Linux with mingw-w64.
windows: check-go
	@$(MAKE) --no-print-directory apt PACKAGES="$(WINDOWS_APT_PACKAGES)"
	$(PACKAGE_ENV) bash assets/packaging/package.sh windows

# Keel's start-up time, memory and idle CPU against a minimal Fyne window (Xvfb).
bench-start: deps
	bash .ci/bench-start

# make demo DIR=/tmp/keel-demo [YEARS=10]: a demo history to try Keel on.
demo: deps
	$(GO) run -tags $(TAGS) . demo --data $(or $(DIR),$(CURDIR)/demo-data) --years $(or $(YEARS),1)

deps: check-go
	@$(MAKE) --no-print-directory apt PACKAGES="$(APT_PACKAGES)"

test-deps:
	@$(MAKE) --no-print-directory apt PACKAGES="$(TEST_APT_PACKAGES)"

# apt PACKAGES="...": install those Debian/Ubuntu packages that are missing.
apt:
	@if [ "$$(uname -s)" = Linux ] && command -v apt-get >/dev/null 2>&1; then \
	  missing=$$(for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	  if [ -n "$$missing" ]; then \
	    sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	    echo "Installing:" $$missing; \
	    $$sudo apt-get update -qq && \
	    $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  fi; \
	fi

check-go:
	@command -v $(GO) >/dev/null 2>&1 || { \
	  echo "Keel needs Go 1.26 or newer: https://go.dev/doc/install (on Debian/Ubuntu, or use your package manager if it has 1.26+)."; exit 1; }

clean:
	rm -rf demo-data dist keel keel.exe rsrc_windows_*.syso assets/notices/THIRD-PARTY-NOTICES.txt
