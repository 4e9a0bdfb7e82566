/* cli_print.c - printing commands: print-test, printer, reprint,
 * print-failed.
 *
 * Each command reads the [printer] options of the config (print.h), which
 * --printer NAME|URI, --format escpos|pwg, --paper 58|80 and --timeout S
 * override for one run.  Printing goes through print.h only; the ticket's
 * print state is recorded by print_ticket().
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "cli_print_cmds.h"
#include "print.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Take the printer overrides from argv into o.  Returns 0 or EXIT_USAGE. */
static int
take_print_opts(struct cli *c, const char *cmd, int *argc, char **argv,
                struct print_opts *o)
{
	const char *printer, *format, *paper, *timeout;
	int bad = 0, ok = 1;
	long v;

	print_opts_from_config(o, c->cfg);
	printer = cli_take_opt(argc, argv, "--printer", &bad);
	format = cli_take_opt(argc, argv, "--format", &bad);
	paper = cli_take_opt(argc, argv, "--paper", &bad);
	timeout = cli_take_opt(argc, argv, "--timeout", &bad);
	if (bad)
		return cli_usage(cmd, "--printer, --format, --paper and "
		    "--timeout need a value");
	if (printer)
		snprintf(o->printer, sizeof o->printer, "%s", printer);
	if (format) {
		if (!strcmp(format, "escpos"))
			o->format = PRINT_ESCPOS;
		else if (!strcmp(format, "pwg"))
			o->format = PRINT_PWG;
		else
			return cli_usage(cmd, "--format is escpos or pwg, not "
			    "'%s'", format);
	}
	if (paper) {
		if (!strcmp(paper, "58"))
			o->paper_dots = 384;
		else if (!strcmp(paper, "80"))
			o->paper_dots = 576;
		else
			return cli_usage(cmd, "--paper is 58 or 80, not '%s'",
			    paper);
	}
	if (timeout) {
		v = cli_number(timeout, 1, 300, &ok);
		if (!ok)
			return cli_usage(cmd, "--timeout is 1 to 300 seconds, "
			    "not '%s'", timeout);
		o->timeout_s = (int)v;
	}
	return 0;
}

static int
need_printer(const struct print_opts *o)
{
	if (o->printer[0])
		return 0;
	fprintf(stderr, "antri: no printer configured: set printer= in "
	    "[printer] of the config, or give --printer NAME|URI\n");
	return EXIT_REFUSED;
}

static int
write_file(const char *path, const struct print_buf *b, char *err,
           size_t len)
{
	FILE *f = fopen(path, "wb");
	int bad;

	if (!f) {
		snprintf(err, len, "%s: %s", path, strerror(errno));
		return -1;
	}
	bad = fwrite(b->data, 1, b->len, f) != b->len;
	bad |= fclose(f) != 0;
	if (bad)
		snprintf(err, len, "%s: cannot write: %s", path, strerror(errno));
	return bad ? -1 : 0;
}

/* The office's name as the kiosk prints it: the database's, else the
 * config's, else "antri".  The test ticket needs no database, so a
 * missing or unreadable one is no error here. */
static const char *
test_office(struct cli *c, char *buf, size_t len)
{
	struct q_status *st;
	queue *q = NULL;

	snprintf(buf, len, "%s", config_str(c->cfg, "office", "name",
	    "antri"));
	if (queue_open(&q, c->db_path, 0, c->actor) != Q_OK)
		return buf;
	if ((st = malloc(sizeof *st)) && queue_status(q, st) == Q_OK &&
	    st->office[0])
		snprintf(buf, len, "%s", st->office);
	free(st);
	queue_close(q);
	return buf;
}

static int
cmd_print_test(struct cli *c, int argc, char **argv)
{
	struct ticket_text tx = { NULL, NULL, NULL };
	struct ticket_bitmap b;
	struct print_buf doc;
	struct print_opts o;
	struct q_ticket t;
	const char *png, *outf, *lang, *dpis;
	int dpi = PRINT_DPI, gray, ok = 1;
	char err[Q_REASON_MAX], office[Q_NAME_MAX];
	int bad = 0, rc;

	if ((rc = take_print_opts(c, "print-test", &argc, argv, &o)))
		return rc;
	png = cli_take_opt(&argc, argv, "--png", &bad);
	outf = cli_take_opt(&argc, argv, "--out", &bad);
	lang = cli_take_opt(&argc, argv, "--lang", &bad);
	dpis = cli_take_opt(&argc, argv, "--dpi", &bad);
	gray = cli_take_flag(&argc, argv, "--gray");
	if (bad)
		return cli_usage("print-test", "--png and --out need a file "
		    "name, --lang id or en");
	if ((rc = cli_no_more_opts("print-test", argc, argv)))
		return rc;
	if (argc != 1)
		return cli_usage("print-test", "unexpected '%s'", argv[1]);
	if (lang) {
		if (strcmp(lang, "id") && strcmp(lang, "en"))
			return cli_usage("print-test", "--lang is id or en");
		o.lang = i18n_parse(lang);
	}
	if (dpis && ((dpi = (int)cli_number(dpis, 72, 2400, &ok)), !ok))
		return cli_usage("print-test", "--dpi is 72 to 2400");
	if (!png && !outf && (rc = need_printer(&o)))
		return rc;
	/* a sample ticket: no database needed */
	memset(&t, 0, sizeof t);
	snprintf(t.label, sizeof t.label, "A001");
	t.service = t.issue_service = 'A';
	t.seq = 1;
	t.state = Q_ADMITTED;
	/* tests fix the time with faketime, not the environment */
	t.issued_ms = (int64_t)time(NULL) * 1000;
	t.people_ahead = 3;
	t.est_wait_s = 12 * 60;
	tx.office = test_office(c, office, sizeof office);
	tx.service_name = tr(o.lang, "Contoh layanan", "Sample service");
	tx.note = tr(o.lang, "CETAKAN UJI", "TEST PRINT");
	if (ticket_render(&o, &t, &tx, &b, err, sizeof err)) {
		fprintf(stderr, "antri: cannot lay out the ticket: %s\n", err);
		return EXIT_SYSTEM;
	}
	if (png) {
		rc = ticket_write_png(&b, png, err, sizeof err);
		if (rc)
			fprintf(stderr, "antri: %s\n", err);
		else
			printf("ticket %dx%d dots written to %s\n", b.w, b.h, png);
		ticket_bitmap_free(&b);
		return rc ? EXIT_SYSTEM : 0;
	}
	if (!outf) {
		/* encoded the way this printer wants it (PWG resolution...) */
		rc = print_send_bitmap(&o, "antri test ticket", &b, err,
		    sizeof err);
		ticket_bitmap_free(&b);
		if (rc) {
			fprintf(stderr, "antri: test ticket not printed: %s\n",
			    err);
			return EXIT_SYSTEM;
		}
		printf("test ticket printed on %s (%s, %d mm)\n", o.printer,
		    print_format_name(o.format), o.paper_dots == 576 ? 80 : 58);
		return 0;
	}
	printf("ticket %dx%d dots, number in rows %d..%d\n", b.w, b.h,
	    b.number_y, b.number_y + b.number_h - 1);
	if (o.format == PRINT_PWG)
		rc = print_encode_pwg_as(&b, dpi, gray, &doc, err, sizeof err);
	else
		rc = print_encode(&o, &b, &doc, err, sizeof err);
	ticket_bitmap_free(&b);
	if (rc) {
		fprintf(stderr, "antri: cannot encode the ticket: %s\n", err);
		return EXIT_SYSTEM;
	}
	rc = write_file(outf, &doc, err, sizeof err);
	if (rc)
		fprintf(stderr, "antri: %s\n", err);
	else
		printf("%s ticket, %zu bytes, written to %s\n",
		    print_format_name(o.format), doc.len, outf);
	print_buf_free(&doc);
	return rc ? EXIT_SYSTEM : 0;
}

static const char *
state_name(int s)
{
	return s == 3 ? "idle" : s == 4 ? "processing" : s == 5 ? "stopped" :
	    "unknown";
}

static int
cmd_printer(struct cli *c, int argc, char **argv)
{
	struct printer_state st;
	struct print_opts o;
	char err[512];
	int rc, got;

	if ((rc = take_print_opts(c, "printer", &argc, argv, &o)))
		return rc;
	if ((rc = cli_no_more_opts("printer", argc, argv)))
		return rc;
	if (argc != 1)
		return cli_usage("printer", "unexpected '%s'", argv[1]);
	if ((rc = need_printer(&o)))
		return rc;
	got = print_printer_state(&o, &st, err, sizeof err);
	if (c->json) {
		if ((rc = cli_json_put(json_pack("{s:o,s:s,s:b,s:s,s:o,s:o,s:b}",
		    "printer", qjson_str(o.printer), "format",
		    print_format_name(o.format), "reachable", !got, "state",
		    got ? "unknown" : state_name(st.state), "reasons",
		    qjson_str(st.reasons), "message", qjson_str(got ? err :
		    st.message), "ready", !got && !print_state_problem(&st)))))
			return rc;
	} else {
		printf("printer: %s (%s, %d mm)\n", o.printer,
		    print_format_name(o.format), o.paper_dots == 576 ? 80 : 58);
		printf("status:  %s\n", print_state_text(LANG_EN, &st));
		if (!got) {
			printf("state:   %s\n", state_name(st.state));
			printf("reasons: %s\n", st.reasons[0] ? st.reasons :
			    "none");
			if (st.message[0])
				printf("message: %s\n", st.message);
		}
	}
	if (got)   /* an error: on stderr, whatever the format */
		fprintf(stderr, "antri: printer %s: %s\n", o.printer, err);
	if (got)
		return EXIT_SYSTEM;
	return print_state_problem(&st) ? EXIT_REFUSED : 0;
}

/* Office and service names for a ticket, in o's language. */
static void
ticket_names(struct cli *c, const struct print_opts *o,
             const struct q_ticket *t, struct q_status *st,
             struct ticket_text *tx)
{
	tx->office = NULL;
	tx->service_name = NULL;
	if (queue_status(c->q, st) != Q_OK)
		return;
	tx->office = st->office;
	for (int i = 0; i < st->nservices; i++)
		if (st->services[i].code == t->service)
			tx->service_name = o->lang == LANG_EN &&
			    st->services[i].name_en[0] ?
			    st->services[i].name_en : st->services[i].name_id;
}

static int
cmd_reprint(struct cli *c, int argc, char **argv)
{
	struct ticket_text tx = { NULL, NULL, NULL };
	struct print_opts o;
	struct q_status *st;
	struct q_ticket t;
	char why[Q_REASON_MAX];
	int rc;

	if ((rc = take_print_opts(c, "reprint", &argc, argv, &o)))
		return rc;
	if ((rc = cli_no_more_opts("reprint", argc, argv)))
		return rc;
	if (argc != 2 || cli_label(argv[1]))
		return cli_usage("reprint", "give one ticket number, e.g. A007");
	if ((rc = need_printer(&o)))
		return rc;
	if ((rc = cli_open(c, CLI_WRITE)))
		return rc;
	if ((rc = queue_ticket_find(c->q, argv[1], &t)))
		return cli_fail(c, argv[1], rc);
	if (t.state != Q_OUTSIDE && t.state != Q_ADMITTED &&
	    t.state != Q_CALLED) {
		fprintf(stderr, "antri: %s is %s: no reprint for a finished "
		    "ticket\n", t.label, q_state_name(t.state));
		return EXIT_REFUSED;
	}
	if (!(st = malloc(sizeof *st))) {
		fprintf(stderr, "antri: out of memory\n");
		return EXIT_SYSTEM;
	}
	ticket_names(c, &o, &t, st, &tx);
	/* the count ahead was true when issued; a reprint leaves it out */
	t.people_ahead = -1;
	t.est_wait_s = -1;
	if (t.print_state != Q_PRINT_NONE)
		tx.note = tr(o.lang, "CETAK ULANG", "REPRINT");
	rc = print_ticket(c->q, &o, &t, &tx, why, sizeof why);
	free(st);
	if (c->json) {
		/* the ticket as recorded now: print state and reason */
		if (queue_ticket_get(c->q, t.id, &t) != Q_OK)
			t.print_state = rc ? Q_PRINT_FAILED : Q_PRINT_PRINTED;
		int r2 = cli_json_put(json_pack("{s:o,s:b,s:o}", "ticket",
		    qjson_ticket(&t), "printed", !rc, "reason",
		    qjson_str(rc ? why : "")));

		if (r2 && !rc)
			return r2;
	} else if (!rc) {
		printf("%s printed on %s\n", t.label, o.printer);
	}
	if (rc) {
		fprintf(stderr, "antri: %s not printed: %s\n", t.label, why);
		return EXIT_SYSTEM;
	}
	return 0;
}

static int
cmd_print_failed(struct cli *c, int argc, char **argv)
{
	struct q_ticket *t;
	char clock[16];
	int n = 500, rc;

	if ((rc = cli_no_more_opts("print-failed", argc, argv)))
		return rc;
	if (argc != 1)
		return cli_usage("print-failed", "unexpected '%s'", argv[1]);
	if ((rc = cli_open(c, CLI_READ)))
		return rc;
	if (!(t = calloc((size_t)n, sizeof *t))) {
		fprintf(stderr, "antri: out of memory\n");
		return EXIT_SYSTEM;
	}
	if ((rc = queue_tickets_print_failed(c->q, t, &n))) {
		free(t);
		return cli_fail(c, "cannot read the tickets", rc);
	}
	if (c->json) {
		json_t *a = json_array();

		for (int i = 0; a && i < n; i++) {
			json_t *o = qjson_ticket(&t[i]);

			if (!o || json_array_append_new(a, o)) {
				json_decref(a);
				a = NULL;
			}
		}
		free(t);
		return cli_json_put(a);
	} else if (n == 0) {
		printf("no ticket failed to print today\n");
	} else {
		printf("NUMBER  ISSUED    STATE     REASON\n");
		for (int i = 0; i < n; i++)
			printf("%-6s  %-8s  %-8s  %s\n", t[i].label,
			    cli_clock(t[i].issued_ms, clock, sizeof clock),
			    q_state_name(t[i].state), t[i].print_reason);
	}
	free(t);
	return 0;
}

#define ROW(name, fn, usage, help) { name, fn, usage, help },
const struct cli_cmd cli_print_cmds[] = {
	CLI_PRINT_CMDS(ROW)
	{ NULL, NULL, NULL, NULL },
};
