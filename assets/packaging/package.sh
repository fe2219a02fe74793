#!/usr/bin/env bash
# Builds Keel's packages into dist/; the Makefile runs it (make package, make windows).
#
#   package.sh linux     dist/keel_VERSION_amd64.deb and dist/keel-linux-amd64.tar.xz
#   package.sh windows   dist/keel.exe with dist/LICENSE.txt and dist/THIRD-PARTY-NOTICES.txt
#
# The Makefile sets GO, TAGS, VERSION (from FyneApp.toml), SOURCE_DATE_EPOCH and the
# pinned tools NFPM, GO_LICENSES and GO_WINRES. Nothing here writes FyneApp.toml:
# the version goes in with -ldflags -X and tool flags.
set -euo pipefail
cd "$(dirname "$0")/../.."

target=${1:?linux or windows}
: "${GO:=go}" "${TAGS:?}" "${VERSION:?}" "${SOURCE_DATE_EPOCH:?}" "${NFPM:?}" "${GO_LICENSES:?}" "${GO_WINRES:?}"
export SOURCE_DATE_EPOCH
ID=io.github.keelapp.keel
PKG=assets/packaging
BUILD=dist/build/$target
SIZES="16 32 48 64 128 256 512"
# -X sets the version keel --version prints; without -trimpath, go version -m lists
# these flags among the build settings, so the version shows there too.
LDFLAGS="-s -w -X keel/model/cli.version=$VERSION"
# Fyne's release mode (what fyne package -release sets) and Keel's tags.
BUILD_TAGS="$TAGS,release"

rm -rf "$BUILD"
mkdir -p "$BUILD" dist

# tool MODULE@VERSION: the path of that tool, built for this machine into
# dist/build/tools (go install, at the pinned version; the go build cache makes it
# quick after the first time).
tool() {
	local bin=$PWD/dist/build/tools
	GOOS= GOARCH= GOBIN=$bin $GO install "$1"
	local name=${1%@*}
	name=${name##*/}
	echo "$bin/$name"
}

# notices GOOS FILE: the third-party notices of Keel built for GOOS, written to FILE:
# every module in the binary with its licence text (go-licenses, from the module
# cache), then the licences of the fonts compiled in, which go-licenses cannot see
# because they sit beside the Go code of their modules.
notices() {
	local goos=$1 out=$2
	{
		echo "Third-party notices for Keel $VERSION ($goos)"
		echo
		echo "Keel itself is under the MIT License (LICENSE). The Keel program is built"
		echo "from the Go modules below; each is listed with its licence. Then come the"
		echo "licences of the fonts inside the program."
		GOOS=$goos GOFLAGS="${GOFLAGS:-} -tags=$BUILD_TAGS" CGO_ENABLED=1 \
			"$(tool "$GO_LICENSES")" report --ignore keel --template "$PKG/notices.tpl" . >"$BUILD/report.txt" 2>"$BUILD/go-licenses.log" ||
			{ cat "$BUILD/go-licenses.log" >&2; return 1; }
		# go-licenses leaves the text out where its classifier names no licence
		# (svgo's CC BY 4.0, freetype's choice of FTL or GPL): then the licence files
		# at the top of that module and in its licenses/ folder stand there instead.
		local line pkg dir files
		while IFS= read -r line; do
			if [[ $line =~ ^@@LICENSE-FILES\ (.+)@@$ ]]; then
				pkg=${BASH_REMATCH[1]}
				dir=$(GOOS=$goos $GO list -tags "$BUILD_TAGS" -f '{{.Module.Dir}}' "$pkg")
				files=$({ find "$dir" -maxdepth 1 -type f \( -iname 'LICEN[CS]E*' -o -iname 'COPYING*' \); [ ! -d "$dir/licenses" ] || find "$dir/licenses" -maxdepth 1 -type f; } | sort)
				[ -n "$files" ] || { echo "package.sh: no licence text for $pkg in $dir" >&2; return 1; }
				for f in $files; do
					[ "$f" = "${files%%$'\n'*}" ] || printf '\n--- %s\n\n' "${f#"$dir"/}"
					cat "$f"
				done
			else
				printf '%s\n' "$line"
			fi
		done <"$BUILD/report.txt"
		local fyne liberation
		fyne=$($GO list -m -f '{{.Dir}}' fyne.io/fyne/v2)
		liberation=$($GO list -m -f '{{.Dir}}' codeberg.org/go-fonts/liberation)
		font() {
			echo
			echo "================================================================================"
			echo "$1"
			echo "--------------------------------------------------------------------------------"
			echo
			cat "$2"
		}
		font "Fonts of the PDF report: Liberation Sans, Serif and Mono (codeberg.org/go-fonts/liberation)" "$liberation/LICENSE-SIL"
		font "Font of the window: Noto Sans (bundled by fyne.io/fyne/v2)" "$fyne/theme/font/LICENSE.txt"
		font "Symbols of the window: Inter (bundled by fyne.io/fyne/v2)" "$fyne/theme/font/LICENSE_Inter.txt"
		font "Monospace font of the window: DejaVu Sans Mono (bundled by fyne.io/fyne/v2)" "$fyne/theme/font/LICENSE_DejaVu-Powerline.txt"
		font "Emoji of the window: EmojiOne Color (bundled by fyne.io/fyne/v2)" "$fyne/theme/font/LICENSE_EmojiOneColor.txt"
	} >"$out"
	# The window's Help screen shows the notices of the build it is part of: they are
	# embedded from assets/notices while that build runs, then removed again.
	cp "$out" assets/notices/THIRD-PARTY-NOTICES.txt
}
embedded=assets/notices/THIRD-PARTY-NOTICES.txt
syso=rsrc_windows_amd64.syso
trap 'rm -f "$embedded" "$syso"' EXIT

# check_notices BINARY NOTICES: every module go version -m lists for the binary has
# its entry in the notices.
check_notices() {
	local missing=0 mod
	for mod in $($GO version -m "$1" | awk '$1 == "dep" { print $2 }'); do
		if ! grep -q "^$mod[/ ]" "$2"; then
			echo "package.sh: $mod is in $1 but not in $2" >&2
			missing=1
		fi
	done
	return $missing
}

# icons DIR: Keel's icon rendered from assets/icon.svg at each size, as DIR/N.png.
icons() {
	mkdir -p "$1"
	for size in $SIZES 24; do
		rsvg-convert -w "$size" -h "$size" assets/icon.svg -o "$1/$size.png"
	done
}

linux() {
	local bin=$BUILD/keel stage=$BUILD/root
	notices linux "$BUILD/THIRD-PARTY-NOTICES.txt"
	# A position-independent executable, for address space layout randomisation
	# (Debian's hardening; lintian's hardening-no-pie).
	CGO_ENABLED=1 $GO build -buildmode=pie -tags "$BUILD_TAGS" -ldflags "$LDFLAGS" -o "$bin" .
	rm -f "$embedded"
	check_notices "$bin" "$BUILD/THIRD-PARTY-NOTICES.txt"
	[ "$("$bin" --version)" = "keel $VERSION" ] || { echo "package.sh: $bin --version says $("$bin" --version)" >&2; exit 1; }
	# Every shared library the binary needs comes from a package nfpm.yaml depends on.
	local lib owner
	for lib in $(objdump -p "$bin" | awk '$1 == "NEEDED" { print $2 }'); do
		owner=$(dpkg -S "*/$lib" 2>/dev/null | grep -v -- '-dev\|i386' | head -1 | cut -d: -f1)
		if [ -n "$owner" ] && ! grep -q "^  - $owner\$" "$PKG/nfpm.yaml"; then
			echo "package.sh: $bin needs $lib from $owner, which nfpm.yaml does not depend on" >&2
			exit 1
		fi
	done

	# The tree under /usr, shared by the .deb (prefix /usr) and the tarball (any prefix).
	local usr=$stage/usr share=$stage/usr/share
	install -Dm0755 "$bin" "$usr/bin/keel"
	install -Dm0644 "$PKG/$ID.desktop" "$share/applications/$ID.desktop"
	sed -e "s/@VERSION@/$VERSION/g" -e "s/@DATE@/$(date -u -d "@$SOURCE_DATE_EPOCH" +%F)/g" "$PKG/$ID.metainfo.xml" >"$BUILD/$ID.metainfo.xml"
	install -Dm0644 "$BUILD/$ID.metainfo.xml" "$share/metainfo/$ID.metainfo.xml"
	icons "$BUILD/icons"
	for size in $SIZES; do
		install -Dm0644 "$BUILD/icons/$size.png" "$share/icons/hicolor/${size}x$size/apps/$ID.png"
	done
	install -Dm0644 assets/icon.svg "$share/icons/hicolor/scalable/apps/$ID.svg"
	mkdir -p "$share/man/man1"
	"$bin" help --man | gzip -9n >"$share/man/man1/keel.1.gz"
	mkdir -p "$share/bash-completion/completions" "$share/zsh/vendor-completions" "$share/fish/vendor_completions.d"
	"$bin" completion bash >"$share/bash-completion/completions/keel"
	"$bin" completion zsh >"$share/zsh/vendor-completions/_keel"
	"$bin" completion fish >"$share/fish/vendor_completions.d/keel.fish"
	chmod 0644 "$share"/bash-completion/completions/keel "$share"/zsh/vendor-completions/_keel "$share"/fish/vendor_completions.d/keel.fish

	# The tarball: the same files under bin/ and share/, LICENSE and the notices in
	# share/doc/keel, zsh's function where a /usr/local prefix's zsh looks, and a
	# Makefile that installs them (assets/packaging/tarball.mk).
	local tar=$BUILD/tar/keel
	mkdir -p "$tar"
	cp -a "$usr/bin" "$usr/share" "$tar/"
	mkdir -p "$tar/share/zsh/site-functions" "$tar/share/doc/keel"
	mv "$tar/share/zsh/vendor-completions/_keel" "$tar/share/zsh/site-functions/_keel"
	rmdir "$tar/share/zsh/vendor-completions"
	install -m0644 LICENSE "$tar/share/doc/keel/LICENSE"
	install -m0644 "$BUILD/THIRD-PARTY-NOTICES.txt" "$tar/share/doc/keel/THIRD-PARTY-NOTICES.txt"
	install -m0644 "$PKG/tarball.mk" "$tar/Makefile"
	ln -s share/doc/keel/LICENSE "$tar/LICENSE"
	ln -s share/doc/keel/THIRD-PARTY-NOTICES.txt "$tar/THIRD-PARTY-NOTICES.txt"
	tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
		-C "$BUILD/tar" -cJf dist/keel-linux-amd64.tar.xz keel

	# The Debian package: Debian's places for the licences and the changelog, and
	# the lintian overrides with their reasons.
	local doc=$share/doc/keel
	install -Dm0644 "$PKG/copyright" "$doc/copyright"
	gzip -9n <"$BUILD/THIRD-PARTY-NOTICES.txt" >"$doc/THIRD-PARTY-NOTICES.txt.gz"
	{
		echo "keel ($VERSION) stable; urgency=medium"
		echo
		echo "  * Keel $VERSION."
		echo
		echo " -- $(sed -n 's/^maintainer: //p' "$PKG/nfpm.yaml")  $(date -u -R -d "@$SOURCE_DATE_EPOCH")"
	} | gzip -9n >"$doc/changelog.gz"
	install -Dm0644 "$PKG/keel.lintian-overrides" "$share/lintian/overrides/keel"
	chmod 0644 "$doc"/*.gz
	rm -f "dist/keel_${VERSION}_amd64.deb"
	local nfpm
	nfpm=$(tool "$NFPM")
	(cd "$BUILD" && VERSION=$VERSION "$nfpm" package --config "$OLDPWD/$PKG/nfpm.yaml" --packager deb --target "$OLDPWD/dist/keel_${VERSION}_amd64.deb")
}

windows() {
	notices windows "$BUILD/THIRD-PARTY-NOTICES.txt"
	# The icon, version information and manifest as a resource object beside main.go,
	# which go build links in; removed afterwards.
	icons "$BUILD/winres"
	for size in 16 24 32 48 64 256; do mv "$BUILD/winres/$size.png" "$BUILD/winres/icon-$size.png"; done
	sed "s/@VERSION@/$VERSION/g" "$PKG/winres.json" >"$BUILD/winres/winres.json"
	"$(tool "$GO_WINRES")" make --in "$BUILD/winres/winres.json" --out rsrc --arch amd64
	GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc \
		$GO build -tags "$BUILD_TAGS" -ldflags "-H=windowsgui $LDFLAGS" -o dist/keel.exe .
	rm -f "$syso" "$embedded"
	check_notices dist/keel.exe "$BUILD/THIRD-PARTY-NOTICES.txt"
	sed 's/$/\r/' LICENSE >dist/LICENSE.txt
	sed 's/$/\r/' "$BUILD/THIRD-PARTY-NOTICES.txt" >dist/THIRD-PARTY-NOTICES.txt
}

"$target"
