/* print_cups.c - the transport: libcups only.  A CUPS queue by name (ESC/POS
 * goes as CUPS_FORMAT_RAW) or a printer's ipp:// URI directly
 * (cupsGetDestWithURI + CUPS_DEST_FLAGS_DEVICE).
 *
 * Start at print_send(): open the destination, read the printer's state
 * (a printer that says media-empty gets no job), create the job, send the
 * document, then poll Get-Job-Attributes and Get-Printer-Attributes until
 * the job is completed, aborted or cancelled, the printer reports an error
 * reason, or the time is up; an unfinished job is cancelled so it cannot
 * come out later as a surprise duplicate.  Every error becomes a sentence
 * for the ticket's print state.
 */
#define _POSIX_C_SOURCE 200809L
#include "print.h"

#include <cups/cups.h>
#include <sys/socket.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define FORMAT_KEY "document-format"

struct conn {
	cups_dest_t *dest;
	http_t *http;
	cups_dinfo_t *info;
	int device;                   /* 1: talking to the printer itself */
	char resource[256];
	char uri[1024];               /* printer-uri for IPP requests */
};

/* snprintf for messages that may be cut short on purpose */
static void __attribute__((format(printf, 3, 4)))
say(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
}

static const char *
no_password(const char *prompt, http_t *http, const char *method,
            const char *resource, void *ctx)
{
	(void)prompt; (void)http; (void)method; (void)resource; (void)ctx;
	return NULL;                  /* never ask: a kiosk has nobody to ask */
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
nap_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void
conn_close(struct conn *c)
{
	if (c->info)
		cupsFreeDestInfo(c->info);
	if (c->http)
		httpClose(c->http);
	if (c->dest)
		cupsFreeDests(1, c->dest);
	memset(c, 0, sizeof *c);
}

static int
conn_open(struct conn *c, const struct print_opts *o, int want_info,
          char *err, size_t len)
{
	const char *p = o->printer, *u;
	int ms = (o->timeout_s > 0 ? o->timeout_s : 30) * 1000;

	memset(c, 0, sizeof *c);
	cupsSetPasswordCB2(no_password, NULL);
	if (!*p) {
		say(err, len, "no printer configured");
		return -1;
	}
	c->device = strstr(p, "://") != NULL;
	if (c->device)
		c->dest = cupsGetDestWithURI(NULL, p);
	else
		c->dest = cupsGetNamedDest(CUPS_HTTP_DEFAULT, p, NULL);
	if (!c->dest) {
		say(err, len, c->device ? "bad printer URI %s: %s" :
		    "no printer queue '%s' on the CUPS server: %s", p,
		    cupsLastErrorString());
		return -1;
	}
	if (ms > 10000)
		ms = 10000;           /* connecting: a live printer answers fast */
	/* a queue: talk to the scheduler under the very name libcups knows
	 * it by (cupsServer()): with any other host name cupsCopyDestInfo()
	 * takes the queue for a device and asks its socket:// URI */
	if (c->device)
		c->http = cupsConnectDest(c->dest, CUPS_DEST_FLAGS_DEVICE, ms,
		    NULL, c->resource, sizeof c->resource, NULL, NULL);
	else {
		c->http = httpConnect2(cupsServer(), ippPort(), NULL, AF_UNSPEC,
		    cupsEncryption(), 1, ms, NULL);
		say(c->resource, sizeof c->resource, "/printers/%s", p);
	}
	if (!c->http) {
		say(err, len, "cannot connect to printer %s: %s", p,
		    cupsLastErrorString());
		conn_close(c);
		return -1;
	}
	httpSetTimeout(c->http, o->timeout_s > 0 ? o->timeout_s : 30, NULL,
	    NULL);
	if (c->device)
		snprintf(c->uri, sizeof c->uri, "%s", p);
	else if ((u = cupsGetOption("printer-uri-supported",
	    c->dest->num_options, c->dest->options)))
		snprintf(c->uri, sizeof c->uri, "%s", u);
	else
		httpAssembleURIf(HTTP_URI_CODING_ALL, c->uri, sizeof c->uri,
		    "ipp", NULL, "localhost", ippPort(), "/printers/%s", p);
	if (want_info && !(c->info = cupsCopyDestInfo(c->http, c->dest))) {
		say(err, len, "printer %s does not describe itself: %s", p,
		    cupsLastErrorString());
		conn_close(c);
		return -1;
	}
	return 0;
}

/* Join the values of a keyword attribute with commas into out. */
static void
join(ipp_attribute_t *a, char *out, size_t len)
{
	size_t n = 0;

	out[0] = 0;
	for (int i = 0; a && i < ippGetCount(a) && n + 1 < len; i++) {
		const char *v = ippGetString(a, i, NULL);
		int w;

		if (!v)
			continue;
		w = snprintf(out + n, len - n, "%s%s", n ? "," : "", v);
		if (w < 0)
			break;
		n += (size_t)w;
	}
	if (n >= len)
		out[len - 1] = 0;
}

/* Words for a failed request: libcups's, or the socket's when libcups
 * says "Success" (a request that timed out or lost its connection). */
static const char *
why_failed(struct conn *c)
{
	int e = c->http ? httpError(c->http) : 0;

	if (cupsLastError() > IPP_STATUS_OK_CONFLICTING &&
	    cupsLastError() != IPP_STATUS_ERROR_INTERNAL)
		return cupsLastErrorString();
	if (e)
		return strerror(e);
	return "timed out";
}

static int
get_state(struct conn *c, struct printer_state *st, char *err, size_t len)
{
	static const char *const want[] = { "printer-state",
		"printer-state-reasons", "printer-state-message" };
	ipp_t *req, *res;
	ipp_attribute_t *a;

	memset(st, 0, sizeof *st);
	req = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL,
	    c->uri);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME,
	    "requesting-user-name", NULL, cupsUser());
	ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD,
	    "requested-attributes", 3, NULL, want);
	res = cupsDoRequest(c->http, req, c->resource);
	if (!res || cupsLastError() > IPP_STATUS_OK_CONFLICTING) {
		say(err, len, "no answer from printer %s: %s", c->uri,
		    why_failed(c));
		ippDelete(res);
		return -1;
	}
	st->reachable = 1;
	if ((a = ippFindAttribute(res, "printer-state", IPP_TAG_ENUM)))
		st->state = ippGetInteger(a, 0);
	join(ippFindAttribute(res, "printer-state-reasons", IPP_TAG_KEYWORD),
	    st->reasons, sizeof st->reasons);
	if (!strcmp(st->reasons, "none"))
		st->reasons[0] = 0;
	if ((a = ippFindAttribute(res, "printer-state-message", IPP_TAG_TEXT)))
		snprintf(st->message, sizeof st->message, "%s",
		    ippGetString(a, 0, NULL));
	ippDelete(res);
	return 0;
}

int
print_printer_state(const struct print_opts *o, struct printer_state *st,
                    char *err, size_t errlen)
{
	struct conn c;
	int rc;

	memset(st, 0, sizeof *st);
	if (conn_open(&c, o, 0, err, errlen))
		return -1;
	rc = get_state(&c, st, err, errlen);
	conn_close(&c);
	return rc;
}

static void
blocked_reason(const struct printer_state *st, const char *when, char *why,
               size_t len)
{
	say(why, len, "%s: %s%s%s%s", when, print_state_text(LANG_EN, st),
	    st->reasons[0] ? " (" : "", st->reasons, st->reasons[0] ? ")" : "");
}

/* The document format to send, or NULL with a reason. */
static const char *
pick_format(struct conn *c, const struct print_opts *o, char *why,
            size_t len)
{
	static const char *const escpos[] = { "application/vnd.escpos",
		"application/octet-stream" };

	if (o->format == PRINT_PWG) {
		if (c->device && !cupsCheckDestSupported(c->http, c->dest,
		    c->info, FORMAT_KEY, "image/pwg-raster")) {
			say(why, len, "printer %s does not accept PWG "
			    "raster (image/pwg-raster); set format=escpos",
			    o->printer);
			return NULL;
		}
		return "image/pwg-raster";
	}
	if (!c->device)
		return CUPS_FORMAT_RAW;       /* a raw queue passes it through */
	for (size_t i = 0; i < 2; i++)
		if (cupsCheckDestSupported(c->http, c->dest, c->info,
		    FORMAT_KEY, escpos[i]))
			return escpos[i];
	say(why, len, "printer %s accepts neither ESC/POS nor raw bytes; "
	    "set format=pwg", o->printer);
	return NULL;
}

/* Job state and reasons; 0, or -1 when the printer stopped answering. */
static int
job_state(struct conn *c, int job, int *state, char *reasons, size_t rlen,
          char *msg, size_t mlen)
{
	static const char *const want[] = { "job-state", "job-state-reasons",
		"job-state-message" };
	ipp_attribute_t *a;
	ipp_t *req, *res;

	req = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL,
	    c->uri);
	ippAddInteger(req, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME,
	    "requesting-user-name", NULL, cupsUser());
	ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD,
	    "requested-attributes", 3, NULL, want);
	res = cupsDoRequest(c->http, req, c->resource);
	if (!res || cupsLastError() > IPP_STATUS_OK_CONFLICTING) {
		ippDelete(res);
		return -1;
	}
	*state = (a = ippFindAttribute(res, "job-state", IPP_TAG_ENUM)) ?
	    ippGetInteger(a, 0) : 0;
	join(ippFindAttribute(res, "job-state-reasons", IPP_TAG_KEYWORD),
	    reasons, rlen);
	msg[0] = 0;
	if ((a = ippFindAttribute(res, "job-state-message", IPP_TAG_TEXT)))
		snprintf(msg, mlen, "%s", ippGetString(a, 0, NULL));
	ippDelete(res);
	return 0;
}

/* No single request may outlast the job's deadline. */
static void
limit(struct conn *c, double deadline)
{
	double left = deadline - now_s();

	httpSetTimeout(c->http, left > 1.0 ? left : 1.0, NULL, NULL);
}

/* Follow job until it ends; 0 completed, -1 with why. */
static int
follow(struct conn *c, const struct print_opts *o, int job, double deadline,
       char *why, size_t len)
{
	char reasons[256], msg[256];
	struct printer_state st;
	int state = 0, nap = 5, lost = 0;
	double start = now_s();
	char err[256];

	for (;;) {
		limit(c, deadline);
		if (job_state(c, job, &state, reasons, sizeof reasons, msg,
		    sizeof msg) == 0) {
			lost = 0;
			if (state == IPP_JSTATE_COMPLETED)
				return 0;
			if (state == IPP_JSTATE_ABORTED ||
			    state == IPP_JSTATE_CANCELED) {
				/* the printer's reasons say why, if it has any */
				if (get_state(c, &st, err, sizeof err) == 0 &&
				    print_state_problem(&st))
					blocked_reason(&st, state ==
					    IPP_JSTATE_ABORTED ? "job aborted" :
					    "job cancelled", why, len);
				else
					say(why, len, "job %s%s%s%s%s",
					    state == IPP_JSTATE_ABORTED ?
					    "aborted" : "cancelled",
					    reasons[0] ? ": " : "", reasons,
					    msg[0] ? ": " : "", msg);
				return -1;
			}
			/* nobody asked for a hold: a held job is one the
			 * printer could not send and will retry much later */
			if (state == IPP_JSTATE_HELD && now_s() - start >
			    PRINT_PROBLEM_GRACE_MS / 1000.0) {
				say(why, len, "job held by the printer%s%s%s%s; "
				    "cancelled", reasons[0] ? ": " : "",
				    reasons, msg[0] ? ": " : "", msg);
				cupsCancelDestJob(c->http, c->dest, job);
				return -1;
			}
			if (get_state(c, &st, err, sizeof err) == 0 &&
			    (print_state_blocked(&st) ||
			    (print_state_problem(&st) && now_s() - start >
			    PRINT_PROBLEM_GRACE_MS / 1000.0))) {
				blocked_reason(&st, "printer stopped", why, len);
				cupsCancelDestJob(c->http, c->dest, job);
				return -1;
			}
		} else if (++lost >= 3 && now_s() - start > 1.0) {
			say(why, len, "printer stopped answering about job "
			    "%d: %s", job, why_failed(c));
			return -1;
		}
		if (now_s() >= deadline) {
			say(why, len, "job %d not finished after %d s (%s); "
			    "cancelled", job, o->timeout_s, state ==
			    IPP_JSTATE_PENDING ? "still waiting" : state ==
			    IPP_JSTATE_HELD ? "held" : "still printing");
			cupsCancelDestJob(c->http, c->dest, job);
			return -1;
		}
		nap_ms(nap);
		if (nap < 200)
			nap *= 2;
	}
}

/* PWG resolution and type for this printer: 203 dpi if listed (or when
 * nothing is listed), else the lowest listed above 203, else the highest;
 * black_1 unless the printer lists types without it. */
static void
pwg_choice(struct conn *c, int *dpi, int *gray8)
{
	ipp_attribute_t *a;
	int best = 0, top = 0, n;

	*dpi = PRINT_DPI;
	*gray8 = 0;
	a = cupsFindDestSupported(c->http, c->dest, c->info,
	    "pwg-raster-document-resolution");
	n = a ? ippGetCount(a) : 0;
	for (int i = 0; i < n; i++) {
		ipp_res_t units;
		int y, x = ippGetResolution(a, i, &y, &units);

		if (units == IPP_RES_PER_CM)
			x = x * 254 / 100;
		if (x == PRINT_DPI) {
			best = x;
			break;
		}
		if (x > PRINT_DPI && (!best || x < best))
			best = x;
		if (x > top)
			top = x;
	}
	if (n)
		*dpi = best ? best : top;
	a = cupsFindDestSupported(c->http, c->dest, c->info,
	    "pwg-raster-document-type");
	if (a && ippGetCount(a) > 0 && !ippContainsString(a, "black_1"))
		*gray8 = 1;
}

/* Send doc, or (doc NULL) the bitmap b encoded for this printer. */
static int
send_job(const struct print_opts *o, const char *title,
         const struct print_buf *doc, const struct ticket_bitmap *b,
         char *reason, size_t len)
{
	char why[Q_REASON_MAX] = "";
	double deadline = now_s() + (o->timeout_s > 0 ? o->timeout_s : 30);
	struct print_buf own = { 0 };
	struct printer_state st;
	const char *fmt;
	struct conn c;
	int job = 0, rc = -1;

	if (conn_open(&c, o, 0, why, sizeof why))
		goto out;
	if (get_state(&c, &st, why, sizeof why))
		goto out;
	if (print_state_blocked(&st)) {
		blocked_reason(&st, "printer not ready", why, sizeof why);
		goto out;
	}
	if (!(c.info = cupsCopyDestInfo(c.http, c.dest))) {
		say(why, sizeof why, "printer %s does not describe itself: %s",
		    o->printer, cupsLastErrorString());
		goto out;
	}
	if (!(fmt = pick_format(&c, o, why, sizeof why)))
		goto out;
	limit(&c, deadline);
	if (!doc) {
		int dpi, gray8;

		if (o->format == PRINT_PWG) {
			pwg_choice(&c, &dpi, &gray8);
			if (print_encode_pwg_as(b, dpi, gray8, &own, why,
			    sizeof why))
				goto out;
		} else if (print_encode_escpos(b, o->cut, &own)) {
			say(why, sizeof why, "out of memory");
			goto out;
		}
		doc = &own;
	}
	/* a printer busy with the previous ticket says server-error-busy:
	 * try again until the deadline */
	for (int nap = 20; ; nap = nap < 200 ? nap * 2 : nap) {
		ipp_status_t s = cupsCreateDestJob(c.http, c.dest, c.info, &job,
		    title, 0, NULL);

		if (s <= IPP_STATUS_OK_CONFLICTING && job > 0)
			break;
		if (s != IPP_STATUS_ERROR_BUSY || now_s() + nap / 1000.0 >=
		    deadline) {
			say(why, sizeof why, "printer refused the job: %s",
			    cupsLastErrorString());
			goto out;
		}
		nap_ms(nap);
	}
	if (cupsStartDestDocument(c.http, c.dest, c.info, job, title, fmt, 0,
	    NULL, 1) != HTTP_STATUS_CONTINUE ||
	    cupsWriteRequestData(c.http, (const char *)doc->data, doc->len) !=
	    HTTP_STATUS_CONTINUE) {
		say(why, sizeof why, "cannot send the ticket to the "
		    "printer: %s", cupsLastErrorString());
		cupsFinishDestDocument(c.http, c.dest, c.info);
		cupsCancelDestJob(c.http, c.dest, job);
		goto out;
	}
	if (cupsFinishDestDocument(c.http, c.dest, c.info) >
	    IPP_STATUS_OK_CONFLICTING) {
		say(why, sizeof why, "printer did not take the ticket: %s",
		    cupsLastErrorString());
		cupsCancelDestJob(c.http, c.dest, job);
		goto out;
	}
	rc = follow(&c, o, job, deadline, why, sizeof why);
out:
	print_buf_free(&own);
	conn_close(&c);
	if (reason && len)
		say(reason, len, "%s", rc ? why : "");
	return rc;
}

int
print_send(const struct print_opts *o, const char *title,
           const struct print_buf *doc, char *reason, size_t len)
{
	return send_job(o, title, doc, NULL, reason, len);
}

int
print_send_bitmap(const struct print_opts *o, const char *title,
                  const struct ticket_bitmap *b, char *reason, size_t len)
{
	return send_job(o, title, NULL, b, reason, len);
}
