/* test_config.c - antri.conf: values, defaults, and bad lines named by file
 * and line. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "config.h"

static char path[512];

static void
write_conf(const char *text)
{
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
}

/* Load text; on failure return the message. */
static int
load(const char *text, config **c, char *err, size_t len)
{
	write_conf(text);
	*c = NULL;
	return config_load_file(c, path, err, len);
}

static void
expect_bad(const char *text, int line, const char *words)
{
	char err[512], want[600];
	config *c;

	CHECK_INT(load(text, &c, err, sizeof err), -1);
	CHECK(c == NULL);
	snprintf(want, sizeof want, "%s:%d: ", path, line);
	CHECK(strncmp(err, want, strlen(want)) == 0);
	CHECK(strstr(err, words) != NULL);
	if (strncmp(err, want, strlen(want)) || !strstr(err, words))
		fprintf(stderr, "  message was: %s\n", err);
}

int
main(void)
{
	char err[512];
	config *c;

	snprintf(path, sizeof path, "/tmp/test_config-%d.conf", (int)getpid());

	CHECK_INT(load("# comment\n; another\n\n[office]\nname = PTSP Menteng\n"
	    "language=en\n[printer]\npaper = 80\ncut = no\ntimeout=15\n"
	    "[database]\npath = /var/lib/antri/antri.db\n", &c, err,
	    sizeof err), 0);
	CHECK_STR(config_str(c, "office", "name", "x"), "PTSP Menteng");
	CHECK_STR(config_str(c, "office", "language", "id"), "en");
	CHECK_INT(config_int(c, "printer", "paper", 58), 80);
	CHECK_INT(config_bool(c, "printer", "cut", 1), 0);
	CHECK_INT(config_int(c, "printer", "timeout", 30), 15);
	CHECK_INT(config_int(c, "kiosk", "repeat_guard_ms", 2000), 2000);
	CHECK_STR(config_str(c, "printer", "printer", "none"), "none");
	CHECK_INT(config_line(c, "printer", "paper"), 8);
	CHECK_STR(config_db_path(c, NULL), "/var/lib/antri/antri.db");
	CHECK_STR(config_db_path(c, "x.db"), "x.db");
	setenv("ANTRI_DB", "env.db", 1);
	CHECK_STR(config_db_path(c, NULL), "env.db");
	unsetenv("ANTRI_DB");
	config_free(c);

	expect_bad("[office]\nname\n", 2, "expected 'key = value'");
	expect_bad("[office]\nname = a\n[printer\n", 3, "section");
	expect_bad("name = a\n", 1, "outside any [section]");
	expect_bad("[offices]\n", 1, "unknown section [offices]");
	expect_bad("[office]\ncolour = red\n", 2, "unknown key 'colour'");
	expect_bad("[printer]\n\n\npaper = 72\n", 4, "one of 58|80");
	expect_bad("[printer]\ncut = maybe\n", 2, "yes or no");
	expect_bad("[printer]\ntimeout = 0\n", 2, "from 1 to 300");
	expect_bad("[printer]\ntimeout = 10s\n", 2, "whole number");
	/* [central] pg: a libpq connection string that holds no password */
	expect_bad("[central]\npg = host=h user=u password=secret\n", 2,
	    "must not hold a password");
	expect_bad("[central]\n\npg = host=h PASSWORD = secret\n", 3,
	    "must not hold a password");
	expect_bad("[central]\npg = postgresql://u:secret@h/antri\n", 2,
	    "must not hold a password");
	expect_bad("[central]\noffice = Jkt Menteng\n", 2, "outlet's id");
	expect_bad("[central]\noffice = -jkt\n", 2, "outlet's id");
	CHECK_INT(load("[central]\npg = host=h dbname=antri user=antri_jkt-a "
	    "sslmode=verify-full passfile=/etc/antri/pgpass\n"
	    "office = jkt-menteng\n", &c, err, sizeof err), 0);
	CHECK_STR(config_str(c, "central", "office", ""), "jkt-menteng");
	config_free(c);
	CHECK_INT(load("[central]\npg = postgresql://antri_jkt-a@h/antri"
	    "?sslmode=verify-full\n", &c, err, sizeof err), 0);
	config_free(c);
	CHECK_INT(config_check("central", "pg", "host=h password=x", err,
	    sizeof err), -1);
	CHECK_INT(config_check("central", "pg", "host=h", err, sizeof err), 0);

	/* a NUL byte is named as such, with file and line (it once read as
	 * "line longer than 4094 characters") */
	{
		static const char nul[] = "[office]\nname = a\0b\n";
		char want[600];
		FILE *f = fopen(path, "w");

		fwrite(nul, 1, sizeof nul - 1, f);
		fclose(f);
		c = NULL;
		CHECK_INT(config_load_file(&c, path, err, sizeof err), -1);
		snprintf(want, sizeof want, "%s:2: NUL byte", path);
		CHECK(strncmp(err, want, strlen(want)) == 0);
		if (strncmp(err, want, strlen(want)))
			fprintf(stderr, "  message was: %s\n", err);
	}
	/* the longest line allowed, and one more character */
	{
		char text[5000];

		snprintf(text, sizeof text, "[office]\nname = %4087s\n", "x");
		CHECK_INT(load(text, &c, err, sizeof err), 0);
		config_free(c);
		snprintf(text, sizeof text, "[office]\nname = %4088s\n", "x");
		expect_bad(text, 2, "line longer than 4094 characters");
	}

	/* an antri.conf in the current folder is not read: whoever can write
	 * the folder one stands in would choose the database and printer */
	{
		char dir[200], local[300];

		snprintf(dir, sizeof dir, "/tmp/test_config-%d.d", (int)getpid());
		snprintf(local, sizeof local, "%s/antri.conf", dir);
		mkdir(dir, 0700);
		snprintf(path, sizeof path, "%s", local);
		write_conf("[database]\npath = /tmp/evil.db\n");
		CHECK_INT(chdir(dir), 0);
		unsetenv("ANTRI_CONFIG");
		if (access("/etc/antri/antri.conf", F_OK) != 0) {
			CHECK_INT(config_load(&c, NULL, err, sizeof err), 0);
			CHECK_STR(config_path(c), "");
			CHECK_STR(config_db_path(c, NULL), "./antri.db");
			config_free(c);
		}
		setenv("ANTRI_CONFIG", local, 1);
		CHECK_INT(config_load(&c, NULL, err, sizeof err), 0);
		CHECK_STR(config_db_path(c, NULL), "/tmp/evil.db");
		config_free(c);
		unsetenv("ANTRI_CONFIG");
		unlink(local);
		CHECK_INT(chdir("/"), 0);
		rmdir(dir);
		snprintf(path, sizeof path, "/tmp/test_config-%d.conf",
		    (int)getpid());
	}

	/* a missing explicit file is an error; no file found is an empty
	 * config with defaults */
	unlink(path);
	CHECK_INT(config_load(&c, path, err, sizeof err), -1);
	CHECK(strstr(err, "cannot read") != NULL);
	CHECK_INT(chdir("/"), 0);
	unsetenv("ANTRI_CONFIG");
	if (access("/etc/antri/antri.conf", F_OK) != 0) {
		CHECK_INT(config_load(&c, NULL, err, sizeof err), 0);
		CHECK_STR(config_db_path(c, NULL), "./antri.db");
		config_free(c);
	}
	return check_done();
}
