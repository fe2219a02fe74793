# Keel. `make run` opens the app; `make test` runs every check CI runs.
# Both install the system packages Fyne needs on Debian and Ubuntu first.

GO          ?= go
# The Go release Keel is built and tested with (go.mod's toolchain line). Machines
# often set GOTOOLCHAIN=local, which ignores that line, so say it here: the go command
# fetches this release through the module proxy once (about 75 MB).
export GOTOOLCHAIN := go1.26.10
TAGS        := migrated_fynedo
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
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
# Each input of FuzzImportStream costs a commit, so it minimizes a new one for 50
# runs, not the default 60 seconds that would take the whole run.
FUZZTIME ?= 30s
fuzz:
	$(TEST_ENV) $(GO) test -run '^$$' -fuzz '^FuzzReadExport$$' -fuzztime $(FUZZTIME) ./model/exchange
	$(TEST_ENV) $(GO) test -run '^$$' -fuzz '^FuzzImportStream$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 50x ./model/exchange
	$(TEST_ENV) $(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./model/daylio
	$(TEST_ENV) $(GO) test -run '^$$' -fuzz '^FuzzHeader$$' -fuzztime $(FUZZTIME) ./model/seal

lint: check-go
	@unformatted=$$(gofmt -l .); if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(TEST_ENV) $(GO) vet -tags $(TAGS) ./...
	$(TEST_ENV) $(GO) run $(STATICCHECK) -tags $(TAGS) ./...

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
