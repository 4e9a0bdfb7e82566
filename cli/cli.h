/* cli.h - shared parts of the `antri` command line.
 *
 * cli.c holds main(), the global options and the command table; each
 * cli_*.c file adds a group of commands.  A command gets the parsed
 * context and its own arguments (argv[0] is the command's name) and
 * returns the exit status: 0 done, 1 refused by the rules, 2 bad usage or
 * input, 3 database or system error.
 */
#ifndef ANTRI_CLI_H
#define ANTRI_CLI_H

#include <stdio.h>
#include <jansson.h>
#include "queue.h"
#include "text.h"
#include "config.h"
#include "i18n.h"
#include "qjson.h"

enum { EXIT_DONE = 0, EXIT_REFUSED = 1, EXIT_USAGE = 2, EXIT_SYSTEM = 3 };

struct cli {
	const char *db_path;         /* resolved */
	const char *config_arg;      /* --config, or NULL */
	config *cfg;
	int json;                    /* --json */
	char actor[Q_ACTOR_MAX];     /* "cli:USER" */
	queue *q;                    /* opened by cli_open() */
	char **argv;                 /* the command line as given (a copy) */
};

struct cli_cmd {
	const char *name;
	int (*fn)(struct cli *c, int argc, char **argv);
	const char *usage;           /* arguments, shown by --help */
	const char *help;            /* one line */
};

/* command groups (NULL-terminated tables) */
extern const struct cli_cmd cli_admin_cmds[];
extern const struct cli_cmd cli_report_cmds[];
extern const struct cli_cmd cli_print_cmds[];
extern const struct cli_cmd cli_user_cmds[];

struct report;
/* `report --pdf FILE --png DIR` (cli_chart.c): write them; exit status. */
/* In antri: run antri-print with the same command line (it does not
 * return unless that fails: then it says why and gives EXIT_SYSTEM).
 * In antri-print: 0, do the work here. */
int cli_full(struct cli *c);
int cli_report_charts(struct cli *c, const struct report *r, const char *pdf,
                      const char *pngdir);

extern const struct cli_cmd cli_audit_cmds[];

/* Another program of antri's, by name (cli_exec.c): beside this one (the
 * build tree), else in LIBEXECDIR.  Its path into path; 0, or -1 when
 * nowhere. */
int cli_find_helper(const char *name, char *path, size_t len);
/* Run that program with this command line (c->argv); returns only when
 * that fails, saying why with what ("the printing part of antri"), and
 * gives EXIT_SYSTEM. */
int cli_exec_helper(struct cli *c, const char *name, const char *what);

/* `antri sync`: antri-sync (cli_sync.c). */
extern const struct cli_cmd cli_sync_cmds[];
/* `antri notify`: antri-notify (cli_notify.c). */
extern const struct cli_cmd cli_notify_cmds[];

/* After close-day: the count and the day's final hash (cli_audit.c). */
void cli_print_seal(struct cli *c, int cancelled);

extern const struct cli_cmd cli_backup_cmds[];
extern const struct cli_cmd cli_remote_cmds[];   /* cli_remote.c */

/* Open the database: CLI_WRITE, CLI_CREATE (make it when missing) or
 * CLI_READ (read only: for the commands that only show, so that they work
 * for a user who may only read, and on a full disk).  Prints the reason
 * and returns the exit status on failure, 0 on success. */
enum { CLI_WRITE = 0, CLI_CREATE = 1, CLI_READ = 2,
	CLI_WRITE_IF_ALLOWED = 3 };   /* watch: can rescue a removed -wal */
int cli_open(struct cli *c, int mode);
/* Print err as "antri: what: reason" to stderr and return its exit code. */
int cli_fail(struct cli *c, const char *what, int err);
/* Print a usage error for cmd and return EXIT_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Option parsing inside a command: take "--name VALUE" or "--name=VALUE"
 * from argv (removing it); returns the value, NULL if absent.  *bad is set
 * when the option is present without a value. */
const char *cli_take_opt(int *argc, char **argv, const char *name, int *bad);
/* Take a flag "--name"; 1 if present. */
int cli_take_flag(int *argc, char **argv, const char *name);
/* Whole number in lo..hi written in digits only (no sign, no space), or
 * -1 with *ok = 0. */
long cli_number(const char *s, long lo, long hi, int *ok);
/* Service code from "a" / "A"; 0 when not a single letter. */
char cli_code(const char *s);
/* 0 when s names a ticket ("A007", "#12"), -1 when it cannot. */
int cli_label(const char *s);
/* 1 when s is text the queue stores (text.h) and shorter than max bytes
 * (0: no limit); else prints a usage error for cmd naming what, and 0. */
int cli_text_ok(const char *cmd, const char *what, const char *s,
                size_t max);
/* Leftover options after a command took its own: usage error if any. */
int cli_no_more_opts(const char *cmd, int argc, char **argv);

/* Read a secret (PIN, password) from the terminal without echo, or one
 * line from a pipe; prompt goes to stderr.  -1 when nothing was given. */
int cli_read_secret(const char *prompt, char *buf, size_t len);

/* JSON documents come from qjson.h (shared with antri-serve).
 * cli_json_put prints j compactly with a newline on stdout, frees it,
 * and returns 0 or EXIT_SYSTEM (also when j is NULL: out of memory). */
int cli_json_put(json_t *j);
/* Local "HH:MM:SS" of a time in ms. */
const char *cli_clock(int64_t ms, char *buf, size_t len);

#endif
