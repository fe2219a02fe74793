# Keel for Linux, from the tarball. Without root, for you alone (in ~/.local):
#   make user-install        make user-uninstall
# For everyone (in /usr/local, or PREFIX=...):
#   sudo make install        sudo make uninstall
# Or run it in place: ./bin/keel

PREFIX ?= /usr/local
ID     := io.github.keelapp.keel
SIZES  := 16 32 48 64 128 256 512

# What lands under a prefix, relative to it (as in share/ and bin/ here).
FILES := bin/keel \
         share/applications/$(ID).desktop \
         share/metainfo/$(ID).metainfo.xml \
         share/icons/hicolor/scalable/apps/$(ID).svg \
         $(foreach s,$(SIZES),share/icons/hicolor/$(s)x$(s)/apps/$(ID).png) \
         share/man/man1/keel.1.gz \
         share/bash-completion/completions/keel \
         share/zsh/site-functions/_keel \
         share/fish/vendor_completions.d/keel.fish \
         share/doc/keel/LICENSE \
         share/doc/keel/THIRD-PARTY-NOTICES.txt

.PHONY: default install uninstall user-install user-uninstall

default:
	@sed -n '1,6p' Makefile

install:
	@for f in $(FILES); do \
	  mode=0644; [ "$$f" = bin/keel ] && mode=0755; \
	  install -Dm$$mode "$$f" "$(DESTDIR)$(PREFIX)/$$f" || exit 1; \
	done
	@! command -v gtk-update-icon-cache >/dev/null || gtk-update-icon-cache -q -t "$(DESTDIR)$(PREFIX)/share/icons/hicolor" || true
	@! command -v update-desktop-database >/dev/null || update-desktop-database -q "$(DESTDIR)$(PREFIX)/share/applications" || true

uninstall:
	-for f in $(FILES); do rm -f "$(DESTDIR)$(PREFIX)/$$f"; done
	-rmdir "$(DESTDIR)$(PREFIX)/share/doc/keel" 2>/dev/null

# ~/.local/bin may not be on the desktop's PATH, so the menu entry names the
# program by its full path.
user-install:
	$(MAKE) --no-print-directory install PREFIX="$(HOME)/.local"
	sed -i 's|^Exec=keel$$|Exec="$(HOME)/.local/bin/keel"|' "$(HOME)/.local/share/applications/$(ID).desktop"

user-uninstall:
	$(MAKE) --no-print-directory uninstall PREFIX="$(HOME)/.local"
