/* cli_backup.c - `antri backup FILE` and `antri restore FILE`.
 *
 * backup copies the database while every program keeps running;
 * restore puts a backup back only when no program has the database open
 * (see shared/core/queue_backup.c for how that is known).  Both print
 * one human line; --json changes nothing here.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <string.h>

static int
cmd_backup(struct cli *c, int argc, char **argv)
{
	int rc;

	if ((rc = cli_no_more_opts("backup", argc, argv)))
		return rc;
	if (argc != 2 || !*argv[1])
		return cli_usage("backup", "give the file to write, e.g. "
		    "'antri backup /var/lib/antri/backup/today.db'");
	if ((rc = cli_open(c, 0)))
		return rc;
	rc = queue_backup(c->q, argv[1]);
	if (rc == Q_EINVAL) {
		fprintf(stderr, "antri backup: %s is a folder or the database "
		    "itself: give a new file name\n", argv[1]);
		return EXIT_USAGE;
	}
	if (rc) {
		fprintf(stderr, "antri backup: %s: %s\n", argv[1],
		    queue_strerror(rc));
		return EXIT_SYSTEM;
	}
	printf("backup written: %s\n", argv[1]);
	return 0;
}

/* The reason a backup file was refused, and the exit status. */
static int
restore_refused(const char *file, int rc, const struct q_restore *r)
{
	switch (rc) {
	case Q_ENODB:
		fprintf(stderr, "antri restore: %s: no such file\n", file);
		return EXIT_USAGE;
	case Q_ENOTDB:
		fprintf(stderr, "antri restore: %s: not an antri database; "
		    "nothing changed\n", file);
		return EXIT_USAGE;
	case Q_ENEWER:
		fprintf(stderr, "antri restore: %s: made by a newer antri; "
		    "nothing changed\n", file);
		return EXIT_USAGE;
	case Q_ECORRUPT:
		fprintf(stderr, "antri restore: %s: check failed: %s; nothing "
		    "changed\n", file, r->msg);
		return EXIT_USAGE;
	case Q_EINVAL:
		fprintf(stderr, "antri restore: %s is the database itself\n",
		    file);
		return EXIT_USAGE;
	default:
		return 0;
	}
}

static int
cmd_restore(struct cli *c, int argc, char **argv)
{
	struct q_restore r;
	int rc, ex;

	if ((rc = cli_no_more_opts("restore", argc, argv)))
		return rc;
	if (argc != 2 || !*argv[1])
		return cli_usage("restore", "give the backup file, e.g. "
		    "'antri restore /var/lib/antri/backup/antri-2026-11-28.db'");
	/* no cli_open: this process must not hold the database itself */
	rc = queue_restore(c->db_path, argv[1], &r);
	if ((ex = restore_refused(argv[1], rc, &r)))
		return ex;
	if (rc == Q_EBUSY) {
		if (r.holder > 0)
			fprintf(stderr, "antri restore: %s is in use by process "
			    "%ld; ", c->db_path, r.holder);
		else
			fprintf(stderr, "antri restore: %s is in use by another "
			    "program; ", c->db_path);
		fprintf(stderr, "stop every antri program first (e.g. "
		    "systemctl stop antri-kiosk antri-display antri-serve); "
		    "nothing changed\n");
		return EXIT_REFUSED;
	}
	if (rc)
		return cli_fail(c, "restore", rc);
	printf("restored %s from %s\n", c->db_path, argv[1]);
	if (r.saved[0])
		printf("the previous database is kept as %s\n", r.saved);
	return 0;
}

const struct cli_cmd cli_backup_cmds[] = {
	{ "backup", cmd_backup, "FILE",
	  "copy the database while the programs run" },
	{ "restore", cmd_restore, "FILE",
	  "put a checked backup back (every program stopped)" },
	{ NULL, NULL, NULL, NULL },
};
