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
FYNE_TOOL   := fyne.io/tools/cmd/fyne@v1.7.4
# A C compiler and the GL/X11 headers Fyne's cgo code builds against.
# Fyne 2.8's GLFW 3.4 builds both X11 and Wayland back ends, so it needs the Wayland
# client and xkbcommon headers too.
APT_PACKAGES := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
                libxinerama-dev libxi-dev libxxf86vm-dev libwayland-dev libxkbcommon-dev
# For the tests: pdftotext checks the PDF report, age opens encrypted exports.
TEST_APT_PACKAGES := poppler-utils age
# Fyne logs a harmless "Error parsing user locale C" under the C locale.
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
# runs, not the default 60 seconds that would take the whole run.
FUZZTIME ?= 30s
fuzz:
	$(TEST_ENV) $(GO) test -run '^$$' -fuzz '^FuzzReadExport$$' -fuzztime $(FUZZTIME) ./model/exchange
	$(TEST_ENV) $(GO) test -run '^$$' -fuzz '^FuzzImportStream$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 50x ./model/exchange
	$(TEST_ENV) $(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./model/daylio
	$(TEST_ENV) $(GO) test -run '^$$' -fuzz '^FuzzHeader$$' -fuzztime $(FUZZTIME) ./model/seal
	$(TEST_ENV) $(GO) test -run '^$$' -fuzz '^FuzzOpen$$' -fuzztime $(FUZZTIME) ./model/store
	$(TEST_ENV) $(GO) test -run '^$$' -fuzz '^FuzzDecodeValue$$' -fuzztime $(FUZZTIME) ./model/store
	$(TEST_ENV) $(GO) test -run '^$$' -fuzz '^FuzzCountryFromLocale$$' -fuzztime $(FUZZTIME) ./model
	$(TEST_ENV) $(GO) test -run '^$$' -fuzz '^FuzzParseDate$$' -fuzztime $(FUZZTIME) ./model

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

# Packages in dist/: a Linux tarball (binary, .desktop file, icon, a Makefile to
# install it) and a Windows .exe cross-compiled with mingw-w64. macOS: see README.
package: deps windows
	mkdir -p dist
	$(GO) run $(FYNE_TOOL) package -os linux -release -tags $(TAGS)
	mv Keel.tar.xz dist/keel-linux-amd64.tar.xz
	@ls -l dist

# The Windows build, from Linux (CI runs it to prove it compiles).
windows: check-go
	@$(MAKE) --no-print-directory apt PACKAGES="gcc-mingw-w64-x86-64"
	mkdir -p dist
	GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc \
	  $(GO) build -tags $(TAGS) -ldflags "-H=windowsgui -s -w" -o dist/keel.exe .

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
	rm -rf demo-data dist keel keel.exe Keel.tar.xz
