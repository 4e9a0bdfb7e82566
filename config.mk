# config.mk - the knobs of antri's build, in one place.  Override any of
# them on the command line: make PREFIX=/usr CC=clang.

VERSION = 0.2

# where `make install` puts things; SHAREDIR is compiled into the programs
PREFIX = /usr/local
BINDIR = $(PREFIX)/bin
SHAREDIR = $(PREFIX)/share/antri
# antri-print: the printing and drawing part of `antri`, run by it
LIBEXECDIR = $(PREFIX)/libexec/antri
DESTDIR =

CC = cc
AR = ar
PKG_CONFIG = pkg-config
CUPS_CONFIG = cups-config

# BUILD is the output folder; SAN=1 builds with ASan and UBSan.
BUILD = build
SAN =

OPT = -O2
ifeq ($(SAN),1)
OPT = -O1 -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
endif

# Hardening, on by default (Debian's dpkg-buildflags give the same; a
# _FORTIFY_SOURCE of the caller's CPPFLAGS wins over ours).
HARDEN_CPPFLAGS = $(if $(findstring _FORTIFY_SOURCE,$(CPPFLAGS)),,-D_FORTIFY_SOURCE=2)
HARDEN_CFLAGS = -fstack-protector-strong -fPIE
HARDEN_LDFLAGS = -pie -Wl,-z,relro,-z,now

# Libraries, from pkg-config (recursive on purpose: read after `make deps`
# installed them).  Debian's libcups2-dev ships no cups.pc: cups-config.
SQLITE_CFLAGS = $(shell $(PKG_CONFIG) --cflags sqlite3)
SQLITE_LIBS = $(shell $(PKG_CONFIG) --libs sqlite3)
SDL_CFLAGS = $(shell $(PKG_CONFIG) --cflags sdl2 SDL2_ttf)
SDL_LIBS = $(shell $(PKG_CONFIG) --libs sdl2 SDL2_ttf)
CAIRO_CFLAGS = $(shell $(PKG_CONFIG) --cflags cairo)
CAIRO_LIBS = $(shell $(PKG_CONFIG) --libs cairo)
JANSSON_CFLAGS = $(shell $(PKG_CONFIG) --cflags jansson)
JANSSON_LIBS = $(shell $(PKG_CONFIG) --libs jansson)
PNG_CFLAGS = $(shell $(PKG_CONFIG) --cflags libpng)
PNG_LIBS = $(shell $(PKG_CONFIG) --libs libpng)
QRENCODE_LIBS = $(shell $(PKG_CONFIG) --libs libqrencode)
CUPS_CFLAGS = $(shell $(CUPS_CONFIG) --cflags)
CUPS_LIBS = $(shell $(CUPS_CONFIG) --libs)
