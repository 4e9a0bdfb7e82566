/* cli_user.c - `antri user`: the staff accounts antri-serve logs in
 * (add, list, passwd, disable, enable).  Passwords are read from the
 * terminal without echo, or one line from standard input. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

static int
user_fail(struct cli *c, const char *name, int rc)
{
	if (rc == Q_EINVAL)
		return cli_usage("user", "a name is 1-31 of a-z, 0-9, '.', '_', "
		    "'-' starting with a letter; a password %d to %d "
		    "characters", Q_PASS_MIN, Q_PASS_MAX);
	return cli_fail(c, name, rc);
}

/* Ask for a password (twice on a terminal). */
static int
ask_password(char *pw, size_t len)
{
	char again[Q_PASS_MAX + 2];

	if (cli_read_secret("Password: ", pw, len))
		return cli_usage("user", "no password given");
	if (isatty(STDIN_FILENO) && (cli_read_secret("Again: ", again,
	    sizeof again) || strcmp(pw, again)))
		return cli_usage("user", "the two passwords differ; nothing "
		    "changed");
	memset(again, 0, sizeof again);
	return 0;
}

static int
user_add(struct cli *c, int argc, char **argv)
{
	char pw[Q_PASS_MAX + 2];
	const char *role;
	int bad = 0, rc, r;

	role = cli_take_opt(&argc, argv, "--role", &bad);
	if (bad || !role || (r = q_role_parse(role)) < 0)
		return cli_usage("user", "add needs --role clerk|manager");
	if ((rc = cli_no_more_opts("user", argc, argv)))
		return rc;
	if (argc != 3)
		return cli_usage("user", "use: user add NAME --role clerk|manager");
	if ((rc = ask_password(pw, sizeof pw)))
		return rc;
	if ((rc = cli_open(c, 0)))
		return rc;
	rc = queue_user_add(c->q, argv[2], (enum q_role)r, pw);
	memset(pw, 0, sizeof pw);
	if (rc)
		return user_fail(c, argv[2], rc);
	printf("%s added (%s)\n", argv[2], role);
	return 0;
}

static int
user_list(struct cli *c)
{
	struct q_user u[256];
	json_t *all = NULL;
	int n = 256, rc;
	int64_t now;

	if ((rc = cli_open(c, CLI_READ)))
		return rc;
	if ((rc = queue_user_list(c->q, u, &n)))
		return cli_fail(c, "user list", rc);
	now = queue_now_ms(c->q);
	if (c->json)
		all = json_array();
	else
		printf("NAME                             ROLE     STATE\n");
	for (int i = 0; i < n; i++) {
		const char *st = !u[i].enabled ? "disabled" :
		    u[i].locked_until_ms > now ? "locked" : "enabled";

		if (c->json)
			json_array_append_new(all, json_pack("{s:o,s:s,s:s}",
			    "name", qjson_str(u[i].name), "role",
			    q_role_name(u[i].role), "state", st));
		else
			printf("%-32s %-8s %s\n", u[i].name,
			    q_role_name(u[i].role), st);
	}
	return c->json ? cli_json_put(all) : 0;
}

static int
cmd_user(struct cli *c, int argc, char **argv)
{
	char pw[Q_PASS_MAX + 2];
	const char *sub = argc > 1 ? argv[1] : "";
	int rc;

	if (!strcmp(sub, "add"))
		return user_add(c, argc, argv);
	if ((rc = cli_no_more_opts("user", argc, argv)))
		return rc;
	if (!strcmp(sub, "list") && argc == 2)
		return user_list(c);
	if (argc != 3 || (strcmp(sub, "passwd") && strcmp(sub, "disable") &&
	    strcmp(sub, "enable")))
		return cli_usage("user", "use: user add NAME --role "
		    "clerk|manager, user list, user passwd|disable|enable NAME");
	if (!strcmp(sub, "passwd") && (rc = ask_password(pw, sizeof pw)))
		return rc;
	if ((rc = cli_open(c, 0)))
		return rc;
	if (!strcmp(sub, "passwd")) {
		rc = queue_user_passwd(c->q, argv[2], pw);
		memset(pw, 0, sizeof pw);
	} else {
		rc = queue_user_set_enabled(c->q, argv[2], sub[0] == 'e');
	}
	if (rc)
		return user_fail(c, argv[2], rc);
	printf("%s: %s\n", argv[2], !strcmp(sub, "passwd") ? "password set" :
	    sub[0] == 'e' ? "enabled" : "disabled");
	return 0;
}

const struct cli_cmd cli_user_cmds[] = {
	{ "user", cmd_user, "add|list|passwd|disable|enable ...",
	  "staff accounts of antri-serve (add NAME --role clerk|manager)" },
	{ NULL, NULL, NULL, NULL },
};
