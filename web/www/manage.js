// manage.js - the manager's pages (/manage): today's office at a glance
// with the services (names, quota, open/close) and counters (services,
// open/pause/close), the settings, staff accounts and reports with SVG
// charts.  Every change
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
		say(what + ": ok / done", true);
		if (note) {
			note.textContent = "tersimpan / saved";
			note.className = "note good";
		}
		refresh();
		return true;
	} catch (e) {
		say(what + ": " + e.message, false);
		if (note) {
			note.textContent = e.message;
			note.className = "note bad";
		}
		return false;
	}
}

function fmtWait(s) {
	if (s < 0)
		return "-";
	const m = Math.round(s / 60);
	return m < 1 ? "< 1 min" : m < 60 ? m + " min" : Math.floor(m / 60) +
		" h " + String(m % 60).padStart(2, "0") + " min";
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
	const id = input("text", "nama Indonesia / Indonesian name " + code);
	const en = input("text", "nama Inggris / English name " + code);
	id.name = "name_id";
	en.name = "name_en";
	id.required = true;
	id.placeholder = "Bahasa Indonesia";
	en.placeholder = "English";
	const save = el("button", "simpan / save");
	save.type = "submit";
	f.append(id, en, save, button("batal / cancel", () => {
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
	row.edit = button("ubah nama / rename", () => {
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
	row.quota = input("number", "quota " + code);
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
		row.est.textContent = s.open ? fmtWait(s.est_wait_s) : "-";
		setValue(row.quota, String(s.quota));
		row.open.textContent = s.open ? "tutup / close" : "buka / open";
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

const CSTATE = { open: "buka / open", paused: "jeda / paused",
	closed: "tutup / closed" };

function counterRow(n) {
	const row = { n, tr: el("tr"), c: null };
	const r = row.tr;
	r.dataset.counter = String(n);
	r.insertCell().textContent = String(n);
	row.state = r.insertCell();
	row.sv = input("text", "services of counter " + n);
	row.sv.size = 6;
	r.insertCell().append(row.sv, button("ok", async () => {
		if (await post("counters/" + n + "/services",
		    { codes: row.sv.value.toUpperCase() }, "counter " + n))
			clean(row.sv);
	}));
	row.cur = r.insertCell();
	row.acts = r.insertCell();
	row.btn = {};
	for (const [act, word] of [["open", "buka / open"],
	    ["pause", "jeda / pause"], ["close", "tutup / close"]]) {
		row.btn[act] = button(word, () => post("counters/" + n + "/" + act,
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
		row.state.textContent = CSTATE[c.state] || c.state;
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
			ol.appendChild(el("li", new Date(e.ts_ms).toLocaleTimeString() +
				" " + e.kind + " " + (e.number || "") + " " +
				(e.counter ? "@" + e.counter + " " : "") + (e.actor || "") +
				(e.detail ? " (" + e.detail + ")" : "")));
	} catch (e) {
		say(e.message, false);
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
		say(e.message, false);
	}
});

const USTATE = { enabled: "aktif / active", disabled: "nonaktif / disabled",
	locked: "terkunci / locked" };

// A new password for an account (also unlocks it).
function passwdForm(name) {
	const f = el("form", undefined, "passwd");
	f.dataset.user = name;
	const pw = input("password", "kata sandi baru / new password " + name);
	pw.name = "password";
	pw.minLength = 8;
	pw.required = true;
	pw.autocomplete = "new-password";
	pw.placeholder = "sandi baru / new password";
	const b = el("button", "ganti / set");
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
			r.insertCell().textContent = USTATE[u.state] || u.state;
			r.insertCell().appendChild(button(u.disabled ?
				"aktifkan / enable" : "nonaktifkan / disable", async () => {
					await post("users/" + encodeURIComponent(u.name) + "/" +
						(u.disabled ? "enable" : "disable"), {}, u.name);
					renderUsers();
				}, u.disabled ? "enable" : "disable"));
			r.insertCell().appendChild(passwdForm(u.name));
		}
	} catch (e) {
		say(e.message, false);
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
			r.insertCell().textContent = l.address || "(semua / any)";
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
				c.appendChild(button("angkat / lift", async () => {
					await post("locks/lift", what, "lift");
					renderLocks();
				}));
		}
	} catch (e) {
		say(e.message, false);
	}
}

// ---- reports: a table and four SVG bar charts from GET /api/v1/report --

const SVGNS = "http://www.w3.org/2000/svg";
function svg(tag, attrs, text) {
	const e = document.createElementNS(SVGNS, tag);
	for (const k in attrs)
		e.setAttribute(k, String(attrs[k]));
	if (text !== undefined)
		e.textContent = text;
	return e;
}

// One grouped bar chart; each bar carries data-series, data-label and
// data-value, so a test can compare it with the report's figures.
function barChart(id, title, labels, series) {
	// the legend's rows sit above the plot, not over its bars
	const W = 640, H = 300, L = 44, B = 26, T = 14 + 14 * series.length;
	const max = Math.max(1, ...series.flatMap((s) => s.values));
	const step = Math.pow(10, Math.floor(Math.log10(max / 5 || 1)));
	const nice = [1, 2, 5, 10].map((m) => m * step).find((s) => s * 5 >= max);
	const top = Math.ceil(max / nice) * nice;
	const fig = el("figure");
	fig.id = id;
	fig.appendChild(el("figcaption", title));
	const g = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img",
		"aria-label": title });
	for (let v = 0; v <= top + nice / 2; v += nice) {
		const y = T + (H - T - B) * (1 - v / top);
		g.appendChild(svg("line", { x1: L, x2: W, y1: y, y2: y,
			stroke: "#ddd" }));
		g.appendChild(svg("text", { x: L - 4, y: y + 4, "text-anchor": "end" },
			String(Math.round(v * 10) / 10)));
	}
	const gw = (W - L) / Math.max(labels.length, 1);
	const bw = gw * 0.8 / series.length;
	labels.forEach((lab, j) => {
		series.forEach((s, i) => {
			const v = s.values[j] || 0, h = (H - T - B) * v / top;
			const r = svg("rect", { x: L + gw * j + gw * 0.1 + bw * i,
				y: H - B - h, width: bw * 0.92, height: h, fill: s.color,
				"data-series": s.name, "data-label": lab, "data-value": v });
			r.appendChild(svg("title", {}, s.name + " " + lab + ": " + v));
			g.appendChild(r);
		});
		g.appendChild(svg("text", { x: L + gw * j + gw / 2, y: H - 8,
			"text-anchor": "middle" }, lab));
	});
	series.forEach((s, i) => {
		g.appendChild(svg("rect", { x: W - 130, y: 4 + i * 14, width: 10,
			height: 10, fill: s.color }));
		g.appendChild(svg("text", { x: W - 116, y: 13 + i * 14 }, s.name));
	});
	fig.appendChild(g);
	return fig;
}

function reportTable(r) {
	const t = el("table");
	const h = t.createTHead().insertRow();
	for (const c of ["", "issued", "served", "no-show", "wait min",
	    "wait p90", "serve min"])
		h.appendChild(el("th", c));
	const row = (name, l) => {
		const tr = t.insertRow();
		tr.insertCell().textContent = name;
		for (const v of [l.issued, l.served, l.no_show,
		    (l.wait_mean_s / 60).toFixed(1), (l.wait_p90_s / 60).toFixed(1),
		    (l.service_mean_s / 60).toFixed(1)])
			tr.insertCell().textContent = String(v);
	};
	row("all", r.total);
	for (const s of r.services)
		row("service " + s.code, s);
	for (const c of r.counters)
		row("counter " + c.counter, c);
	const p = el("p", "Puncak isi ruangan / Peak occupancy: " +
		r.peak_occupancy + (r.peak_day ? " (" + r.peak_day + ")" : ""));
	$("rtable").replaceChildren(el("p", r.days + " hari kerja / business days"),
		t, p);
}

function hoursOf(r) {
	let a = r.per_hour.findIndex((n) => n > 0), b = 23;
	while (b > 0 && !r.per_hour[b])
		b--;
	if (a < 0) {
		a = 8;
		b = 16;
	}
	const hs = [];
	for (let h = a; h <= b; h++)
		hs.push(h);
	return hs;
}

function charts(r) {
	const hs = hoursOf(r), lab = hs.map((h) => String(h).padStart(2, "0"));
	const box = $("charts");
	box.replaceChildren(
		barChart("c-hour", "Tiket per jam / Tickets per hour", lab,
			[{ name: "issued", color: "#2962a8",
				values: hs.map((h) => r.per_hour[h]) }]),
		barChart("c-wait", "Tunggu per jam (menit) / Wait by hour (min)",
			lab, [{ name: "mean", color: "#2962a8", values: hs.map((h) =>
				Math.round(r.wait_mean_hour_s[h] / 6) / 10) },
			{ name: "p90", color: "#e67e22", values: hs.map((h) =>
				Math.round(r.wait_p90_hour_s[h] / 6) / 10) }]),
		barChart("c-service", "Per layanan / Per service",
			r.services.map((s) => s.code), [
				{ name: "issued", color: "#2962a8",
					values: r.services.map((s) => s.issued) },
				{ name: "served", color: "#388e3c",
					values: r.services.map((s) => s.served) },
				{ name: "no-show", color: "#8c8c8c",
					values: r.services.map((s) => s.no_show) }]),
		barChart("c-counter", "Per loket / Per counter",
			r.counters.map((c) => String(c.counter)), [
				{ name: "served", color: "#388e3c",
					values: r.counters.map((c) => c.served) },
				{ name: "no-show", color: "#8c8c8c",
					values: r.counters.map((c) => c.no_show) }]));
}

async function showReport(from, to) {
	const q = "?from=" + from + "&to=" + to;
	$("csv").href = "/api/v1/report.csv" + q;
	$("pdf").href = "/api/v1/report.pdf" + q;
	try {
		const r = await api("report" + q);
		reportTable(r);
		charts(r);
	} catch (e) {
		say(e.message, false);
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

async function start() {
	let me;
	try {
		me = await api("me");
	} catch (e) {
		say(e.message, false);
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
	renderPrinter();
	setInterval(renderPrinter, 10000);
	// closed on pagehide, opened again on return (common.js)
	antriStream("/api/v1/events/stream", { open: refresh,
		message: refresh, resume: () => { refresh(); renderUsers(); } });
}

start();
