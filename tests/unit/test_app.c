/* test_app.c - the SDL programs' shared start-up (shared/ui/app.c) and
 * the shared files' one lookup (util_share_dirs, shared/core/util.c).
 *
 * The common options and a program's own are read into their places,
 * "--name VALUE" and "--name=VALUE" alike; every bad command line exits
 * with status 2 (each tried in a child process); the window sizes'
 * bounds; and the asset folders: the source tree's assets/ first when the
 * program runs from a build folder, then the installed share folder,
 * absolute paths only (never the working directory).  No window. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "app.h"
#include "util.h"

static const char *kid, *layout;
static int flag;
static const struct app_opt own[] = {
	{ "--kiosk-id", &kid, NULL },
	{ "--print-layout", &layout, NULL },
	{ "--fullscreen", NULL, &flag },
	{ NULL, NULL, NULL },
};
static const struct app_desc desc = { "antri-test", "usage: antri-test\n",
	320, 240, 0, 0, own };
static const struct app_desc windowed = { "antri-test", "usage: t\n",
	160, 120, 640, 400, NULL };

/* app_parse on argv in a child: its exit status, or -1 when it returned */
static int
status_of(const struct app_desc *d, char **argv)
{
	int argc = 0, st;
	pid_t pid;

	while (argv[argc])
		argc++;
	fflush(NULL);
	if ((pid = fork()) == 0) {
		struct app_args a;

		if (!freopen("/dev/null", "w", stderr) ||
		    !freopen("/dev/null", "w", stdout))
			_exit(99);
		app_parse(&a, d, argc, argv);
		_exit(100);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -2;
	return WEXITSTATUS(st) == 100 ? -1 : WEXITSTATUS(st);
}

static void
check_parse(void)
{
	char *ok[] = { "p", "--config", "c.conf", "--db=q.db", "--windowed",
		"800x600", "--trace", "t.log", "--kiosk-id=lobby",
		"--fullscreen", NULL };
	struct app_args a;

	kid = layout = NULL;
	flag = 0;
	app_parse(&a, &desc, 10, ok);
	CHECK(a.config && !strcmp(a.config, "c.conf"));
	CHECK(a.db && !strcmp(a.db, "q.db"));
	CHECK(a.trace_path && !strcmp(a.trace_path, "t.log"));
	CHECK(!a.fullscreen && a.w == 800 && a.h == 600);
	CHECK(kid && !strcmp(kid, "lobby"));
	CHECK_INT(flag, 1);
	CHECK(layout == NULL && a.trace == NULL);
	/* nothing given: full screen, or the program's default window */
	app_parse(&a, &desc, 1, ok);
	CHECK_INT(a.fullscreen, 1);
	app_parse(&a, &windowed, 1, ok);
	CHECK(!a.fullscreen && a.w == 640 && a.h == 400);
	/* --help: exit 0; anything bad: exit 2 */
	CHECK_INT(status_of(&desc, (char *[]){ "p", "--help", NULL }), 0);
	CHECK_INT(status_of(&desc, (char *[]){ "p", "-h", NULL }), 0);
	CHECK_INT(status_of(&desc, (char *[]){ "p", "--bogus", NULL }), 2);
	CHECK_INT(status_of(&desc, (char *[]){ "p", "--db", NULL }), 2);
	CHECK_INT(status_of(&desc, (char *[]){ "p", "--trace=", NULL }), 2);
	CHECK_INT(status_of(&desc, (char *[]){ "p", "--renderer", "gl",
	    NULL }), 2);
	CHECK_INT(status_of(&desc, (char *[]){ "p", "--windowed", "big",
	    NULL }), 2);
	CHECK_INT(status_of(&desc, (char *[]){ "p", "--windowed", "300x200",
	    NULL }), 2);            /* under this program's 320x240 */
	CHECK_INT(status_of(&windowed, (char *[]){ "p", "--windowed",
	    "300x200", NULL }), -1);
	CHECK_INT(status_of(&desc, (char *[]){ "p", "--kiosk-id", NULL }), 2);
	CHECK_INT(status_of(&windowed, (char *[]){ "p", "--kiosk-id", "x",
	    NULL }), 2);            /* not this program's option */
	CHECK_INT(status_of(&desc, (char *[]){ "p", "--renderer=software",
	    "--windowed=320x240", NULL }), -1);
}

static void
check_size(void)
{
	int w = 0, h = 0;

	CHECK(app_parse_size("1080x1920", 320, 240, &w, &h) == 0 &&
	    w == 1080 && h == 1920);
	CHECK_INT(app_parse_size("319x240", 320, 240, &w, &h), -1);
	CHECK_INT(app_parse_size("320x239", 320, 240, &w, &h), -1);
	CHECK_INT(app_parse_size("16385x800", 320, 240, &w, &h), -1);
	CHECK_INT(app_parse_size("800x", 320, 240, &w, &h), -1);
	CHECK_INT(app_parse_size("x800", 320, 240, &w, &h), -1);
	CHECK_INT(app_parse_size("800x600x1", 320, 240, &w, &h), -1);
	CHECK_INT(app_parse_size("-800x600", 320, 240, &w, &h), -1);
	CHECK_INT(app_parse_size("800x-600", 320, 240, &w, &h), -1);
	CHECK_INT(app_parse_size("800 x600", 320, 240, &w, &h), -1);
	CHECK_INT(app_parse_size("", 320, 240, &w, &h), -1);
	CHECK(w == 1080 && h == 1920);   /* untouched by the bad ones */
}

static void
check_share(void)
{
	char dirs[4][UTIL_PATH_MAX], tree[UTIL_PATH_MAX], want[UTIL_PATH_MAX +
	    32], out[UTIL_PATH_MAX];
	int n = util_share_dirs("voice/id", dirs, 4);

	/* the tests run from the source tree, their program from BUILD/tests */
	CHECK(getcwd(tree, sizeof tree) != NULL);
	snprintf(want, sizeof want, "%s/assets/voice/id", tree);
	CHECK_INT(n, 2);
	CHECK(!strcmp(dirs[0], want));
	CHECK(!strcmp(dirs[1], ANTRI_SHAREDIR "/voice/id"));
	for (int i = 0; i < n; i++)
		CHECK(dirs[i][0] == '/');
	CHECK_INT(util_share_dirs("sounds", dirs, 1), 1);
	CHECK_INT(util_share_dirs("sounds", dirs, 0), 0);
	snprintf(want, sizeof want, "%s/assets/sounds/chime.wav", tree);
	CHECK(util_share_path("sounds", "chime.wav", out, sizeof out) == 0 &&
	    !strcmp(out, want));
	snprintf(want, sizeof want, "%s/assets/voice/en", tree);
	CHECK(util_share_path("voice/en", NULL, out, sizeof out) == 0 &&
	    !strcmp(out, want));
	CHECK(util_share_path("voice/xx", "a.wav", out, sizeof out) == -1 &&
	    out[0] == 0);
	/* the web pages: the tree's own folder, not one under assets/ */
	snprintf(want, sizeof want, "%s/web/www", tree);
	util_tree_path("web/www", "www", out, sizeof out);
	CHECK(!strcmp(out, want));
	/* the working directory changes nothing */
	if (chdir("/") == 0) {
		CHECK_INT(util_share_dirs("voice/id", dirs, 4), 2);
		snprintf(want, sizeof want, "%s/assets/voice/id", tree);
		CHECK(!strcmp(dirs[0], want));
		CHECK(chdir(tree) == 0);
	}
}

/* A copy of this program outside any build folder (as an installed one
 * is) looks only in the share folder. */
static void
check_installed(const char *self)
{
	char dir[] = "/tmp/antri-test-app-XXXXXX", copy[64], cmd[1200],
	    line[UTIL_PATH_MAX + 2];
	FILE *p;
	int n = 0;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(copy, sizeof copy, "%s/test_app", dir);
	snprintf(cmd, sizeof cmd, "cp '%s' '%s' && '%s' --dirs", self, copy,
	    copy);
	CHECK((p = popen(cmd, "r")) != NULL);
	while (p && fgets(line, sizeof line, p)) {
		line[strcspn(line, "\n")] = 0;
		CHECK(!strcmp(line, ANTRI_SHAREDIR "/voice/id"));
		n++;
	}
	CHECK(p && pclose(p) == 0);
	CHECK_INT(n, 1);
	unlink(copy);
	rmdir(dir);
}

int
main(int argc, char **argv)
{
	char self[UTIL_PATH_MAX];
	ssize_t len;

	if (argc == 2 && !strcmp(argv[1], "--dirs")) {
		char dirs[4][UTIL_PATH_MAX];
		int n = util_share_dirs("voice/id", dirs, 4);

		for (int i = 0; i < n; i++)
			printf("%s\n", dirs[i]);
		return 0;
	}
	check_parse();
	check_size();
	if (access("assets/voice/id", R_OK) != 0) {
		fprintf(stderr, "not run from the source tree: the share "
		    "folders not checked\n");
		CHECK(0);
	} else {
		check_share();
	}
	len = readlink("/proc/self/exe", self, sizeof self - 1);
	CHECK(len > 0);
	if (len > 0) {
		self[len] = 0;
		check_installed(self);
	}
	return check_done();
}
