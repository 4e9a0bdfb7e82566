// manage.js - the manager's pages (/manage): today's office at a glance
// with the services (names, quota, open/close) and counters (services,
// open/pause/close), the settings, staff accounts and reports with the
// charts shared/chart draws (SVG from the server).  Every change
// is a POST with a JSON body to /api/v1 (docs/api.md); the page stays live
// on the event stream and re-reads the status in the next frame.
"use strict";

const $ = (id) => document.getElementById(id);
const el = (tag, text, cls) => {
	const e = document.createElement(tag);
	if (text !== undefined)
		e.textContent = text;
	if (cls)
		e.className = cls;
	return e;
};

const api = (path, body) => antriApi(path, body, "/manage");

function say(text, good) {
	$("msg").textContent = text;
	$("msg").className = "msg " + (good ? "good" : "bad");
}

// POST and say how it went, in the page's message line and, when given,
// in note (beside the control); true when it was done.
async function post(path, body, what, note) {
	try {
		await api(path, body);
		say(what + ": " + W.both("m_done"), true);
		if (note) {
			note.textContent = W.both("m_saved");
			note.className = "note good";
		}
		refresh();
		return true;
	} catch (e) {
		say(what + ": " + antriSays(e), false);
		if (note) {
			note.textContent = antriSays(e);
			note.className = "note bad";
		}
		return false;
	}
}

function button(text, fn, cls) {
	const b = el("button", text, cls);
	b.type = "button";
	b.addEventListener("click", fn);
	return b;
}

// An input a person has typed into keeps its text when the status is
// drawn again (every event redraws): it is "dirty" from the first key
// until its change is saved.
function track(inp) {
	inp.addEventListener("input", () => { inp.dataset.dirty = "1"; });
	inp.addEventListener("change", () => { inp.dataset.dirty = "1"; });
	return inp;
}
function setValue(inp, v) {
	if (inp.dataset.dirty !== "1" && document.activeElement !== inp)
		inp.value = v;
}
function clean(inp) {
	delete inp.dataset.dirty;
}

function input(type, label) {
	const i = el("input");
	i.type = type;
	i.setAttribute("aria-label", label);
	return track(i);
}

// ---- the services: a row per code, kept across redraws ------------------

const rows = { services: new Map(), counters: new Map() };

// The names' editor: the Indonesian and the English name, saved by
// POST services/X/name; the result or the server's reason beside it.
function namesEditor(row) {
	const code = row.code;
	const f = el("form", undefined, "names");
	f.hidden = true;
	f.dataset.code = code;
	const id = input("text", W.both("m_name_id") + " " + code);
	const en = input("text", W.both("m_name_en") + " " + code);
	id.name = "name_id";
	en.name = "name_en";
	id.required = true;
	id.placeholder = "Bahasa Indonesia";
	en.placeholder = "English";
	const save = el("button", W.both("m_save"));
	save.type = "submit";
	f.append(id, en, save, button(W.both("m_cancel"), () => {
		f.hidden = true;
		row.edit.hidden = false;
		row.note.textContent = "";
	}));
	f.addEventListener("submit", async (ev) => {
		ev.preventDefault();
		if (await post("services/" + code + "/name", { name_id: id.value,
		    name_en: en.value }, "service " + code, row.note)) {
			f.hidden = true;
			row.edit.hidden = false;
		}
	});
	row.edit = button(W.both("m_rename"), () => {
		id.value = row.s.name_id;
		en.value = row.s.name_en === row.s.name_id ? "" : row.s.name_en;
		row.note.textContent = "";
		f.hidden = false;
		row.edit.hidden = true;
		id.focus();
	}, "edit");
	return f;
}

function serviceRow(code) {
	const row = { code, tr: el("tr"), s: null };
	const r = row.tr;
	r.dataset.code = code;
	r.insertCell().textContent = code;
	row.name = el("span", "", "name");
	row.note = el("span", "", "note");
	const form = namesEditor(row);
	r.insertCell().append(row.name, " ", row.edit, form, row.note);
	row.inside = r.insertCell();
	row.outside = r.insertCell();
	row.est = r.insertCell();
	row.quota = input("number", W.both("m_quota") + " " + code);
	row.quota.min = "0";
	row.quota.max = "9999";
	r.insertCell().append(row.quota, button("ok", async () => {
		if (await post("services/" + code + "/quota",
		    { quota: Number(row.quota.value) }, "quota " + code))
			clean(row.quota);
	}));
	row.open = button("", () => post("services/" + code + "/" +
		(row.s.open ? "close" : "open"), {}, "service " + code), "open");
	r.insertCell().appendChild(row.open);
	return row;
}

function renderServices(st) {
	const body = $("services").tBodies[0];
	const seen = new Set();
	for (const s of st.services) {
		let row = rows.services.get(s.code);
		if (!row)
			rows.services.set(s.code, row = serviceRow(s.code));
		row.s = s;
		seen.add(s.code);
		row.name.textContent = s.name_id + (s.name_en && s.name_en !==
			s.name_id ? " / " + s.name_en : "");
		row.inside.textContent = String(s.waiting);
		row.outside.textContent = String(s.outside);
		// worded by the core's i18n_wait, in the office's language
		row.est.textContent = s.open && s.est_wait_s >= 0 ?
			s.est_wait[W.lang] : "-";
		setValue(row.quota, String(s.quota));
		row.open.textContent = W.both(s.open ? "m_close" : "m_open");
		row.tr.className = s.open ? "" : "closed";
		body.appendChild(row.tr);        // in the status's order
	}
	for (const [code, row] of rows.services)
		if (!seen.has(code)) {
			row.tr.remove();
			rows.services.delete(code);
		}
}

// ---- the counters --------------------------------------------------------

function counterRow(n) {
	const row = { n, tr: el("tr"), c: null };
	const r = row.tr;
	r.dataset.counter = String(n);
	r.insertCell().textContent = String(n);
	row.state = r.insertCell();
	row.sv = input("text", W.both("m_services") + " " +
		W.both("counter_n", n));
	row.sv.size = 6;
	r.insertCell().append(row.sv, button("ok", async () => {
		if (await post("counters/" + n + "/services",
		    { codes: row.sv.value.toUpperCase() }, "counter " + n))
			clean(row.sv);
	}));
	row.cur = r.insertCell();
	row.acts = r.insertCell();
	row.btn = {};
	for (const act of ["open", "pause", "close"]) {
		row.btn[act] = button(W.both("m_" + act), () => post("counters/" + n + "/" + act,
			{}, "counter " + n), act);
		row.acts.appendChild(row.btn[act]);
	}
	return row;
}

function renderCounters(st) {
	const body = $("counters").tBodies[0];
	const seen = new Set();
	for (const c of st.counters) {
		let row = rows.counters.get(c.number);
		if (!row)
			rows.counters.set(c.number, row = counterRow(c.number));
		row.c = c;
		seen.add(c.number);
		row.state.textContent = W.both(c.state === "paused" ? "m_paused" :
			c.state === "closed" ? "m_closed" : "m_open");
		row.tr.className = c.state;
		setValue(row.sv, c.services);
		row.cur.textContent = c.current ? c.current.number : "-";
		row.btn.open.hidden = c.state === "open";
		row.btn.pause.hidden = c.state === "paused";
		row.btn.close.hidden = c.state === "closed";
		body.appendChild(row.tr);
	}
	for (const [n, row] of rows.counters)
		if (!seen.has(n)) {
			row.tr.remove();
			rows.counters.delete(n);
		}
}

async function renderEvents() {
	try {
		const st = await api("status");
		const j = await api("events?after=" + Math.max(0,
			st.last_event - 30));
		const ol = $("events");
		ol.replaceChildren();
		for (const e of j.events.reverse())
			ol.appendChild(el("li", antriTime(e.ts_ms, W.lang) +
				" " + e.kind + " " + (e.number || "") + " " +
				(e.counter ? "@" + e.counter + " " : "") + (e.actor || "") +
				(e.detail ? " (" + e.detail + ")" : "")));
	} catch (e) {
		say(antriSays(e), false);
	}
}

async function renderPrinter() {
	try {
		const p = await api("printer");
		$("printer").textContent = p.text_id + (p.message ? " \u00b7 " +
			p.message : "");
	} catch (e) {
		$("printer").textContent = "-";
	}
}

function render(st) {
	$("office").textContent = st.office || "antri";
	$("occ").textContent = st.limit ? st.occupancy + " / " + st.limit :
		String(st.occupancy);
	$("outside").textContent = String(st.outside);
	$("policy").textContent = st.policy;
	setValue($("f-limit").limit, String(st.limit));
	setValue($("f-policy").policy, st.policy);
	setValue($("f-notice").text, st.notice || "");
	renderServices(st);
	renderCounters(st);
}

const refresh = antriEachFrame(async () => {
	try {
		render(await api("status"));
		renderEvents();
	} catch (e) {
		say(antriSays(e), false);
	}
});

const USTATE = { enabled: "m_active", disabled: "m_disabled",
	locked: "m_locked" };

// A new password for an account (also unlocks it).
function passwdForm(name) {
	const f = el("form", undefined, "passwd");
	f.dataset.user = name;
	const pw = input("password", W.both("m_new_password") + " " + name);
	pw.name = "password";
	pw.minLength = 8;
	pw.required = true;
	pw.autocomplete = "new-password";
	pw.placeholder = W.both("m_new_password");
	const b = el("button", W.both("m_set"));
	b.type = "submit";
	const note = el("span", "", "note");
	f.append(pw, b, note);
	f.addEventListener("submit", async (ev) => {
		ev.preventDefault();
		if (await post("users/" + encodeURIComponent(name) + "/passwd",
		    { password: pw.value }, name, note)) {
			f.reset();
			renderUsers();
		}
	});
	return f;
}

async function renderUsers() {
	const body = $("users").tBodies[0];
	try {
		const j = await api("users");
		body.replaceChildren();
		for (const u of j.users) {
			const r = body.insertRow();
			r.dataset.user = u.name;
			r.insertCell().textContent = u.name;
			r.insertCell().textContent = u.role;
			r.insertCell().textContent = USTATE[u.state] ?
				W.both(USTATE[u.state]) : u.state;
			r.insertCell().appendChild(button(W.both(u.disabled ?
				"m_enable" : "m_disable"), async () => {
					await post("users/" + encodeURIComponent(u.name) + "/" +
						(u.disabled ? "enable" : "disable"), {}, u.name);
					renderUsers();
				}, u.disabled ? "enable" : "disable"));
			r.insertCell().appendChild(passwdForm(u.name));
		}
	} catch (e) {
		say(antriSays(e), false);
	}
}

// ---- log-in limits: GET /api/v1/locks, POST /api/v1/locks/lift --------

async function renderLocks() {
	const body = $("locks").tBodies[0];
	try {
		const j = await api("locks");
		body.replaceChildren();
		// what waits, and the names under attack; not every single miss
		for (const l of j.locks) {
			if (!(l.wait_s > 0 || (l.kind === "account" && l.fails >= j.tries)))
				continue;
			const r = body.insertRow();
			r.insertCell().textContent = l.address || W.both("m_any");
			r.insertCell().textContent = l.account || "-";
			r.insertCell().textContent = l.fails;
			r.insertCell().textContent = l.wait_s > 0 ? l.wait_s + " s" : "-";
			// a name no account has is not shown: lift by its address
			const known = l.account && l.account !== "(unknown)";
			const what = l.kind === "address" || !known ?
				{ address: l.address } : l.kind === "account" ?
				{ account: l.account } :
				{ address: l.address, account: l.account };
			const c = r.insertCell();
			if (l.address || known)
				c.appendChild(button(W.both("m_lift"), async () => {
					await post("locks/lift", what, "lift");
					renderLocks();
				}));
		}
	} catch (e) {
		say(antriSays(e), false);
	}
}

// ---- reminders: GET /api/v1/notify, the outbox's counts and dead ones --

async function renderDead() {
	const body = $("dead").tBodies[0];
	try {
		const j = await api("notify");
		$("notify-counts").textContent = [["m_pending", j.pending],
			["m_sent", j.sent], ["m_dead", j.dead]].map(([w, n]) =>
			n + " " + W.both(w)).join(" \u00b7 ");
		body.replaceChildren();
		if (!j.dead_messages.length) {
			const c = body.insertRow().insertCell();
			c.colSpan = 6;
			c.textContent = W.both("m_no_dead");
		}
		for (const m of j.dead_messages) {
			const r = body.insertRow();
			// the day as the office writes it (YYYY-MM-DD), then the time
			r.insertCell().textContent = new Date(m.made_ms)
				.toLocaleDateString("sv-SE") + " " + antriTime(m.made_ms, W.lang);
			r.insertCell().textContent = (m.label || m.of) + " " + m.phone;
			r.insertCell().textContent = m.kind;
			r.insertCell().textContent = m.channel;
			r.insertCell().textContent = m.tries;
			r.insertCell().textContent = m.error;
		}
	} catch (e) {
		say(antriSays(e), false);
	}
}

// ---- reports: a table, and the four charts as the server draws them --

function reportTable(r) {
	const t = el("table");
	const h = t.createTHead().insertRow();
	for (const c of ["", "m_issued", "m_served", "m_no_show", "m_wait_min",
	    "m_wait_p90", "m_serve_min"])
		h.appendChild(el("th", c && W.both(c)));
	const row = (name, l) => {
		const tr = t.insertRow();
		tr.insertCell().textContent = name;
		for (const v of [l.issued, l.served, l.no_show,
		    (l.wait_mean_s / 60).toFixed(1), (l.wait_p90_s / 60).toFixed(1),
		    (l.service_mean_s / 60).toFixed(1)])
			tr.insertCell().textContent = String(v);
	};
	row(W.both("m_all"), r.total);
	for (const s of r.services)
		row(W.both("m_service_x", s.code), s);
	for (const c of r.counters)
		row(W.both("m_counter_x", c.counter), c);
	const p = el("p", W.both("m_peak") + ": " + r.peak_occupancy +
		(r.peak_day ? " (" + r.peak_day + ")" : ""));
	$("rtable").replaceChildren(el("p", W.both("m_business_days", r.days)),
		t, p);
}

// The charts are shared/chart's (cairo), as in the PDF: one SVG each
// from GET report/chart/NAME.svg, in the office's language.
const CHARTS = [["c-hour", "per_hour", "m_chart_per_hour"],
	["c-wait", "wait_hour", "m_chart_wait_hour"],
	["c-service", "services", "m_chart_services"],
	["c-counter", "counters", "m_chart_counters"]];

function charts(q) {
	$("charts").replaceChildren(...CHARTS.map(([id, name, title]) => {
		const fig = el("figure");
		fig.id = id;
		const img = el("img");
		img.src = "/api/v1/report/chart/" + name + ".svg" + q;
		img.alt = W.both(title);      // the chart draws its own title
		fig.append(img);
		return fig;
	}));
}

async function showReport(from, to) {
	const q = "?from=" + from + "&to=" + to;
	$("csv").href = "/api/v1/report.csv" + q;
	$("pdf").href = "/api/v1/report.pdf" + q;
	try {
		const r = await api("report" + q);
		reportTable(r);
		charts(q);
	} catch (e) {
		say(antriSays(e), false);
	}
}

function forms() {
	const on = (id, fn) => $(id).addEventListener("submit", (ev) => {
		ev.preventDefault();
		fn(ev.target);
	});
	const saved = (inp) => (done) => { if (done) clean(inp); };
	for (const [id, name] of [["f-limit", "limit"], ["f-policy", "policy"],
	    ["f-notice", "text"]])
		track($(id)[name]);
	on("f-limit", (f) => post("limit", { limit: Number(f.limit.value) },
		"limit").then(saved(f.limit)));
	on("f-policy", (f) => post("policy", { policy: f.policy.value },
		"policy").then(saved(f.policy)));
	on("f-notice", (f) => post("notice", { text: f.text.value }, "notice")
		.then(saved(f.text)));
	on("f-pin", async (f) => {
		if (await post("pin", { pin: f.pin.value }, "PIN"))
			f.reset();
	});
	on("f-user", async (f) => {
		if (await post("users", { name: f.name.value, role: f.role.value,
		    password: f.password.value }, "user " + f.name.value)) {
			f.reset();
			renderUsers();
		}
	});
	on("f-report", (f) => showReport(f.from.value, f.to.value));
	const today = new Date(), ago = new Date(Date.now() - 29 * 86400000);
	const day = (d) => d.getFullYear() + "-" + String(d.getMonth() + 1)
		.padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
	$("f-report").from.value = day(ago);
	$("f-report").to.value = day(today);
}

// the sentences are the core's (GET /api/v1/words, common.js)
let W = null;

async function start() {
	let me;
	W = await antriWords();
	antriFill(W.both);
	try {
		me = await api("me");
	} catch (e) {
		say(antriSays(e), false);
		return;
	}
	$("who").textContent = me.name;
	$("logout").addEventListener("click", async () => {
		await api("logout", {}).catch(() => {});
		location.href = "/login?next=/manage";
	});
	forms();
	refresh();
	renderUsers();
	renderLocks();
	$("locks-refresh").addEventListener("click", renderLocks);
	renderDead();
	$("dead-refresh").addEventListener("click", renderDead);
	renderPrinter();
	setInterval(renderPrinter, 10000);
	// closed on pagehide, opened again on return (common.js)
	antriStream("/api/v1/events/stream", { open: refresh,
		message: refresh, resume: () => { refresh(); renderUsers(); } });
}

start();
