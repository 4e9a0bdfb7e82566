// hq.js - /hq, the head office's board: log-in, every outlet with its
// problems first (the server's order), and one outlet's counters and
// last calls.  Live: any outlet's change reads the board (and the open
// outlet) again, at most once a second.  Reports: the figures of
// `antri-central report` for some days, per outlet or per area and in
// total, with the server's charts, CSV and PDF.  Start at start().
"use strict";

const H = { rows: [], open: null, timer: 0, me: null };

const PROBLEM = { offline: "cx_offline", over_limit: "cx_over_limit",
	long_wait: "cx_long_wait", printer: "cx_printer" };

function show(id) {
	for (const s of ["login", "board", "detail", "reports"])
		document.getElementById(s).hidden = s !== id;
	document.getElementById("logout").hidden = id === "login";
	document.getElementById("tabs").hidden = id === "login";
}

function row(o) {
	const tr = el("tr", o.problems.length ? "bad" : "");
	tr.dataset.id = o.id;
	const n = el("td", "name");
	n.append(el("b", "", o.name), el("div", "area", o.area));
	const p = el("td", "problems");
	for (const k of o.problems) {
		const txt = k === "offline" ? W.noNews(o.last_seen)
		    : k === "over_limit" && o.room === "full" ? W.t("cx_room_full")
		    : W.t(PROBLEM[k]);
		p.append(el("span", "badge " + k, txt));
	}
	if (!o.problems.length)
		p.append(el("span", "badge ok", W.t(o.open ? "cx_open" : "cx_closed")));
	tr.append(n, p, el("td", "num", o.limit > 0 ? o.inside + "/" + o.limit
	    : String(o.inside)), el("td", "num", String(o.waiting)),
	    el("td", "num", String(o.outside)),
	    el("td", "num", W.wait(o.max_wait_s)));
	tr.addEventListener("click", () => openOutlet(o.id));
	return tr;
}

function drawBoard() {
	document.getElementById("rows").replaceChildren(...H.rows.map(row));
	document.getElementById("count").textContent =
	    W.t("cx_outlets_n", H.rows.length);
	fillSelection();
}

async function loadBoard() {
	try {
		H.rows = (await W.api("hq/board")).outlets;
	} catch (e) {
		if (e.status === 401)
			return loggedOut();
		throw e;
	}
	drawBoard();
}

function drawDetail(d) {
	document.getElementById("dname").textContent = d.name + " \u2014 " + d.area;
	const st = [W.t(d.open ? "cx_open" : "cx_closed")];
	if (d.limit > 0)
		st.push(W.t("cx_room", d.inside, d.limit));
	if (!d.online)
		st.push(W.noNews(d.last_seen));
	if (d.printer_problem)
		st.push(W.t("cx_printer"));
	document.getElementById("dstate").textContent = st.join(" \u00b7 ");
	// who waits for what: inside, held outside, and the wait
	document.getElementById("svcs").replaceChildren(...d.services.map((s) => {
		const tr = el("tr", "");
		tr.append(el("td", "", s.code + " \u2014 " + W.serviceName(s)),
		    el("td", "num", String(s.waiting)),
		    el("td", "num", String(s.outside)),
		    el("td", "num", W.wait(s.est_wait_s)));
		return tr;
	}));
	const rows = d.counters.map((k) => {
		const tr = el("tr", "k-" + k.state);
		tr.append(el("td", "", W.t("counter_n", k.number)),
		    el("td", "", W.t("m_" + k.state)), el("td", "", k.services),
		    el("td", "cur", k.current || "\u2014"));
		return tr;
	});
	document.getElementById("counters").replaceChildren(...rows);
	const calls = d.calls.map((c) => el("li", "", W.t("cx_call_at", c.number,
	    c.counter, new Date(c.ts_ms).toTimeString().substr(0, 5).replace(":", "."))));
	if (!calls.length)
		calls.push(el("li", "none", W.t("cx_no_calls")));
	document.getElementById("calls").replaceChildren(...calls);
}

async function openOutlet(id) {
	H.open = id;
	const d = await W.api("hq/outlets/" + encodeURIComponent(id));
	H.detail = d;
	drawDetail(d);
	show("detail");
}

function redraw() {
	drawBoard();
	if (H.detail)
		drawDetail(H.detail);
	if (R.last)
		drawReport(R.last);
	document.getElementById("who").textContent = H.me ?
	    H.me.name + " (" + H.me.role + ")" : "";
}

// any change: the board (and the open outlet) again, once a second at most
function changed() {
	if (H.timer)
		return;
	H.timer = setTimeout(async () => {
		H.timer = 0;
		await loadBoard();
		if (H.open && !document.getElementById("detail").hidden)
			await openOutlet(H.open);
	}, 1000);
}

// ---- reports across outlets ------------------------------------------------

const R = { last: null, sel: "", from: "", to: "" };

const CHARTS = [["per_hour", "m_chart_per_hour"],
	["wait_hour", "m_chart_wait_hour"], ["services", "m_chart_services"],
	["counters", "m_chart_counters"]];

// numbers and days as the page's language writes them
function locale() {
	return W.lang === "id" ? "id-ID" : "en-GB";
}

function num(v, digits) {
	return Number(v).toLocaleString(locale(), { minimumFractionDigits:
	    digits, maximumFractionDigits: digits });
}

function longDay(d) {
	return new Date(d + "T12:00:00").toLocaleDateString(locale(),
	    { day: "numeric", month: "long", year: "numeric" });
}

function isoDay(d) {
	return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") +
	    "-" + String(d.getDate()).padStart(2, "0");
}

// all outlets, each area, each outlet (the board's list)
function fillSelection() {
	const sel = document.getElementById("f-report").sel;
	const keep = sel.value;
	const opt = (value, text) => {
		const o = el("option", "", text);
		o.value = value;
		return o;
	};
	const areas = [...new Set(H.rows.map((o) => o.area).filter((a) => a))]
	    .sort();
	const outlets = [...H.rows].sort((a, b) => a.name.localeCompare(b.name));
	sel.replaceChildren(opt("", W.t("cx_board")),
	    ...areas.map((a) => opt("area:" + a, W.t("cx_area_x", a))),
	    ...outlets.map((o) => opt("office:" + o.id, o.name)));
	sel.value = keep;
	if (sel.value !== keep)
		sel.value = "";
}

// the query of the chosen days and selection; by for the table only
function reportQuery(by) {
	const p = new URLSearchParams({ from: R.from, to: R.to });
	const i = R.sel.indexOf(":");
	if (i > 0)
		p.set(R.sel.substring(0, i), R.sel.substring(i + 1));
	if (by)
		p.set("by", by);
	else
		p.set("lang", W.lang);
	return "?" + p.toString();
}

function selectionName() {
	const sel = document.getElementById("f-report").sel;
	const o = [...sel.options].find((x) => x.value === R.sel);
	return o ? o.textContent : W.t("cx_board");
}

function drawReport(doc) {
	document.getElementById("rtitle").textContent = W.t("cx_report_of",
	    selectionName(), longDay(R.from), longDay(R.to));
	document.getElementById("rdays").textContent =
	    W.t("m_business_days", doc.total.days);
	const head = el("tr");
	for (const k of ["m_name", "m_issued", "m_served", "m_no_show",
	    "m_wait_min", "m_wait_p90", "m_serve_min", "m_peak"])
		head.append(el("th", k === "m_name" ? "" : "num", W.t(k)));
	document.getElementById("rhead").replaceChildren(head);
	const line = (cls, name, sub, r) => {
		const tr = el("tr", cls);
		const n = el("td", "name");
		n.append(el("b", "", name));
		if (sub)
			n.append(el("div", "area", sub));
		const t = r.total;
		tr.append(n, el("td", "num", num(t.issued, 0)),
		    el("td", "num", num(t.served, 0)), el("td", "num", num(t.no_show, 0)),
		    el("td", "num", num(t.wait_mean_s / 60, 1)),
		    el("td", "num", num(t.wait_p90_s / 60, 1)),
		    el("td", "num", num(t.service_mean_s / 60, 1)),
		    el("td", "num", num(r.peak_occupancy, 0)));
		return tr;
	};
	const rows = doc.groups.map((g) => line("", g.name,
	    g.office ? g.office : "", g.report));
	rows.push(line("total", W.t("cx_total"), "", doc.total));
	document.getElementById("rrows").replaceChildren(...rows);
	const q = reportQuery(null);
	document.getElementById("csv").href = "/api/v1/hq/report.csv" + q;
	document.getElementById("pdf").href = "/api/v1/hq/report.pdf" + q;
	// shared/chart's drawings, as in the PDF
	document.getElementById("charts").replaceChildren(...CHARTS.map(
	    ([name, title]) => {
		const fig = el("figure");
		const img = el("img");
		img.src = "/api/v1/hq/report/chart/" + name + ".svg" + q;
		img.alt = W.t(title);
		fig.append(img);
		return fig;
	}));
}

async function loadReport() {
	const f = document.getElementById("f-report");
	const err = document.getElementById("rerr");
	R.from = f.from.value;
	R.to = f.to.value;
	R.sel = f.sel.value;
	err.textContent = "";
	try {
		const doc = await W.api("hq/report" + reportQuery(f.by.value));
		R.last = doc;
		drawReport(doc);
	} catch (e) {
		if (e.status === 401)
			return loggedOut();
		err.textContent = W.says(e);
	}
}

function reportForm() {
	const f = document.getElementById("f-report");
	const now = new Date();
	f.from.value = isoDay(new Date(now.getFullYear(), now.getMonth(), 1));
	f.to.value = isoDay(now);
	f.addEventListener("submit", (ev) => {
		ev.preventDefault();
		loadReport();
	});
	document.getElementById("tab-board").addEventListener("click", () => {
		H.open = null;
		H.detail = null;
		show("board");
	});
	document.getElementById("tab-reports").addEventListener("click", () => {
		show("reports");
		if (!R.last)
			loadReport();
	});
}

function loggedOut() {
	H.me = null;
	R.last = null;
	redraw();
	show("login");
}

async function loggedIn(me) {
	H.me = me;
	redraw();
	await loadBoard();
	show("board");
	if (!H.streaming) {
		H.streaming = true;
		W.stream("/api/v1/hq/stream", { outlet: changed, reload: changed });
	}
}

async function start() {
	await W.load();
	W.fill();
	W.button(redraw);
	reportForm();
	document.getElementById("login").addEventListener("submit", async (ev) => {
		ev.preventDefault();
		const err = document.getElementById("loginerr");
		err.textContent = "";
		try {
			const me = await W.api("hq/login", {
				name: document.getElementById("name").value,
				password: document.getElementById("password").value });
			document.getElementById("password").value = "";
			await loggedIn(me);
		} catch (e) {
			err.textContent = W.says(e);
		}
	});
	document.getElementById("logout").addEventListener("click", async () => {
		await W.api("hq/logout", {}).catch(() => null);
		loggedOut();
	});
	document.getElementById("back").addEventListener("click", () => {
		H.open = null;
		H.detail = null;
		show("board");
	});
	try {
		await loggedIn(await W.api("hq/me"));
	} catch (e) {
		loggedOut();
	}
}

start();
