# Keel. `make run` opens the app; `make test` runs every check CI runs.
# Both install the system packages Fyne needs on Debian and Ubuntu first.

GO          ?= go
# The Go release Keel is built and tested with (go.mod's toolchain line). Machines
# often set GOTOOLCHAIN=local, which ignores that line, so say it here: the go command
# fetches this release through the module proxy once (about 75 MB).
export GOTOOLCHAIN := go1.26.10
TAGS        := migrated_fynedo
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
GOSEC       := github.com/securego/gosec/v2/cmd/gosec@v2.30.0
GOVULNCHECK := golang.org/x/vuln/cmd/govulncheck@v1.9.0
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
# zsh and fish run their completion scripts, Xvfb gives the quit test a real window.
TEST_APT_PACKAGES := poppler-utils age dbus-daemon man-db zsh fish xvfb
# For the packages: rsvg-convert draws the icons from assets/icon.svg; the mingw-w64
# C compiler builds keel.exe.
PACKAGE_APT_PACKAGES := librsvg2-bin xz-utils
WINDOWS_APT_PACKAGES := gcc-mingw-w64-x86-64 librsvg2-bin
# A fixed locale for the tests (ui/locale_test.go checks the C locale on its own).
TEST_ENV    := LANG=en_US.UTF-8 CGO_ENABLED=1

.PHONY: run test fuzz deps test-deps apt check-go lint fmt-check vet staticcheck gosec vulncheck bench bench-start demo package windows clean

run: deps
	$(GO) run -tags $(TAGS) . $(ARGS)

# Every test with the race detector, every benchmark once (so none rots), and a short
# run of each fuzz target.
test: deps test-deps lint
	$(TEST_ENV) $(GO) test -race -tags $(TAGS) -count=1 ./...
	$(TEST_ENV) $(GO) test -tags $(TAGS) -run '^$$' -bench . -benchtime 1x ./...
	$(MAKE) --no-print-directory fuzz FUZZTIME=10s

# A short run of every fuzz target (parsers of outside input); FUZZTIME=5m for longer.
# Each input of FuzzImportStream costs a commit, so it minimizes a new one for 50
# runs, not the default 60 seconds that would take the whole run. .ci/fuzz-target says
# why a run that only ran out of time mid-input counts as a pass.
FUZZTIME ?= 30s
fuzz:
	$(TEST_ENV) GO="$(GO)" bash .ci/fuzz-target FuzzReadExport ./model/exchange $(FUZZTIME)
	$(TEST_ENV) GO="$(GO)" bash .ci/fuzz-target FuzzImportStream ./model/exchange $(FUZZTIME) -fuzzminimizetime 50x
	$(TEST_ENV) GO="$(GO)" bash .ci/fuzz-target FuzzParse ./model/daylio $(FUZZTIME)
	$(TEST_ENV) GO="$(GO)" bash .ci/fuzz-target FuzzHeader ./model/seal $(FUZZTIME)
	$(TEST_ENV) GO="$(GO)" bash .ci/fuzz-target FuzzOpen ./model/store $(FUZZTIME)
	$(TEST_ENV) GO="$(GO)" bash .ci/fuzz-target FuzzDecodeValue ./model/store $(FUZZTIME)
	$(TEST_ENV) GO="$(GO)" bash .ci/fuzz-target FuzzCountryFromLocale ./model $(FUZZTIME)
	$(TEST_ENV) GO="$(GO)" bash .ci/fuzz-target FuzzParseDate ./model $(FUZZTIME)

# Every static check, in this order; `make -k lint` goes on past a failing one. The
# first run on a machine builds the tools (a few minutes), later runs take seconds.
lint: fmt-check vet staticcheck gosec vulncheck

# The pinned release's gofmt, not whichever one is first on PATH.
fmt-check: check-go
	@unformatted=$$("$$($(GO) env GOROOT)/bin/gofmt" -l .); if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi

vet: check-go
	$(TEST_ENV) $(GO) vet -tags $(TAGS) ./...

# Checks chosen in staticcheck.conf (the default ones plus the style checks).
staticcheck: check-go
	$(TEST_ENV) $(GO) run $(STATICCHECK) -tags $(TAGS) ./...

# Security checks on the code Keel ships: gosec skips _test.go files unless given
# -tests, and -exclude-generated skips files marked "Code generated ... DO NOT EDIT".
# A finding that is no risk gets "// #nosec Gxxx -- why" on its line. Left out here:
# G304 (file path from a variable): Keel is a local, single-user app; every path it
# opens is one its user chose (file dialog, --data flag) or one it made in its own data
# folder, and the user can read those files anyway, so there is no boundary to cross.
gosec: check-go
	$(TEST_ENV) $(GO) run $(GOSEC) -quiet -fmt golint -exclude-generated -exclude G304 -tags $(TAGS) ./...

# Known vulnerabilities in the code paths Keel reaches, in its modules and in the Go
# standard library, against a database built offline by .ci/vulndb (cached).
vulncheck: check-go
	@db=$$(GO="$(GO)" bash .ci/vulndb) && echo "govulncheck -db file://$$db" && \
	  $(TEST_ENV) $(GO) run $(GOVULNCHECK) -db "file://$$db" -tags $(TAGS) ./...

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
