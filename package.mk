# package.mk - the Debian package (debian/), its systemd units (units/),
# man pages (man/) and their tests.  `make deb` builds
# dist/antri_VERSION_ARCH.deb (and the -dbgsym, .buildinfo, .changes) and
# runs lintian on it.
TEST_SCRIPTS += tests/scripts/backup.sh tests/scripts/package.sh

DIST = dist
DEB_ARCH = $(shell dpkg-architecture -qDEB_HOST_ARCH 2>/dev/null)
DEB_BASE = $(DIST)/antri_$(VERSION)_$(DEB_ARCH)

deb:
	mkdir -p $(DIST)
	ANTRI_DEB_DIR=$(CURDIR)/$(DIST) DEB_BUILD_OPTIONS="parallel=2 $(DEB_BUILD_OPTIONS)" \
	dpkg-buildpackage -us -uc -b \
		--buildinfo-option=-u$(DIST) --changes-option=-u$(DIST) \
		--buildinfo-file=$(DEB_BASE).buildinfo \
		--changes-file=$(DEB_BASE).changes
	lintian --fail-on error $(DEB_BASE).changes

.PHONY: deb
