/* print_opts.c - the printing options from the config.  On its own so a
 * program that only asks the printer for its state (antri-serve) links
 * libcups without the ticket renderer and SDL_ttf. */
#define _POSIX_C_SOURCE 200809L
#include "print.h"

#include <stdio.h>
#include <string.h>

static void
copy(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src ? src : "");
}

void
print_opts_from_config(struct print_opts *o, const config *c)
{
	const char *fmt, *paper;

	memset(o, 0, sizeof *o);
	o->format = PRINT_ESCPOS;
	o->paper_dots = 384;
	o->cut = 1;
	o->timeout_s = 30;
	o->lang = LANG_ID;
	if (!c)
		return;
	copy(o->printer, sizeof o->printer, config_str(c, "printer",
	    "printer", ""));
	fmt = config_str(c, "printer", "format", "escpos");
	o->format = !strcmp(fmt, "pwg") ? PRINT_PWG : PRINT_ESCPOS;
	paper = config_str(c, "printer", "paper", "58");
	o->paper_dots = !strcmp(paper, "80") ? 576 : 384;
	o->cut = config_bool(c, "printer", "cut", 1);
	o->timeout_s = (int)config_int(c, "printer", "timeout", 30);
	copy(o->header[0], sizeof o->header[0], config_str(c, "printer",
	    "header1", config_str(c, "office", "name", "")));
	copy(o->header[1], sizeof o->header[1], config_str(c, "printer",
	    "header2", ""));
	copy(o->header[2], sizeof o->header[2], config_str(c, "printer",
	    "header3", ""));
	copy(o->footer, sizeof o->footer, config_str(c, "printer", "footer",
	    ""));
	o->lang = i18n_parse(config_str(c, "office", "language", "id"));
	copy(o->font, sizeof o->font, config_str(c, "ui", "font", ""));
	copy(o->font_bold, sizeof o->font_bold, config_str(c, "ui",
	    "font_bold", ""));
	copy(o->font_dir, sizeof o->font_dir, config_str(c, "ui", "font_dir",
	    ""));
	copy(o->public_url, sizeof o->public_url, config_str(c, "serve",
	    "public_url", ""));
	for (size_t n = strlen(o->public_url); n && o->public_url[n - 1] ==
	    '/'; n--)
		o->public_url[n - 1] = 0;
}

const char *
print_format_name(enum print_format f)
{
	return f == PRINT_PWG ? "pwg" : "escpos";
}
