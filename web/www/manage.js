// manage.js - the manager's pages (/manage): today's office at a glance,
// the settings, staff accounts and reports with SVG charts.  Every change
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

async function post(path, body, what) {
	try {
		await api(path, body);
		say(what + ": ok / done", true);
		refresh();
		return true;
	} catch (e) {
		say(what + ": " + e.message, false);
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

function button(text, fn) {
	const b = el("button", text);
	b.type = "button";
	b.addEventListener("click", fn);
	return b;
}

function renderServices(st) {
	const body = $("services").tBodies[0];
	body.replaceChildren();
	for (const s of st.services) {
		const r = body.insertRow();
		r.insertCell().textContent = s.code;
		r.insertCell().textContent = s.name_id + (s.name_en ? " / " +
			s.name_en : "");
		r.insertCell().textContent = String(s.waiting);
		r.insertCell().textContent = String(s.outside);
		r.insertCell().textContent = s.open ? fmtWait(s.est_wait_s) : "-";
		const q = r.insertCell();
		const inp = el("input");
		inp.type = "number";
		inp.min = "0";
		inp.max = "9999";
		inp.value = String(s.quota);
		inp.setAttribute("aria-label", "quota " + s.code);
		q.append(inp, button("ok", () => post("services/" + s.code +
			"/quota", { quota: Number(inp.value) }, "quota " + s.code)));
		r.insertCell().appendChild(button(s.open ? "tutup / close" :
			"buka / open", () => post("services/" + s.code + "/" +
			(s.open ? "close" : "open"), {}, "service " + s.code)));
	}
}

function renderCounters(st) {
	const body = $("counters").tBodies[0];
	body.replaceChildren();
	for (const c of st.counters) {
		const r = body.insertRow();
		r.insertCell().textContent = String(c.number);
		r.insertCell().textContent = c.state;
		const sv = el("input");
		sv.value = c.services;
		sv.size = 6;
		sv.setAttribute("aria-label", "services of counter " + c.number);
		r.insertCell().append(sv, button("ok", () => post("counters/" +
			c.number + "/services", { codes: sv.value.toUpperCase() },
			"counter " + c.number)));
		r.insertCell().textContent = c.current ? c.current.number : "-";
		const a = r.insertCell();
		for (const [act, word] of [["open", "buka / open"],
		    ["pause", "jeda / pause"], ["close", "tutup / close"]])
			if (c.state !== (act === "pause" ? "paused" : act === "close" ?
			    "closed" : "open"))
				a.appendChild(button(word, () => post("counters/" +
					c.number + "/" + act, {}, "counter " + c.number)));
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
	const f = $("f-limit");
	if (document.activeElement !== f.limit)
		f.limit.value = String(st.limit);
	$("f-policy").policy.value = st.policy;
	if (document.activeElement !== $("f-notice").text)
		$("f-notice").text.value = st.notice || "";
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

async function renderUsers() {
	const body = $("users").tBodies[0];
	try {
		const j = await api("users");
		body.replaceChildren();
		for (const u of j.users) {
			const r = body.insertRow();
			r.insertCell().textContent = u.name;
			r.insertCell().textContent = u.role;
			r.insertCell().textContent = u.disabled ? "nonaktif / disabled" :
				"aktif / active";
			r.insertCell().appendChild(button(u.disabled ?
				"aktifkan / enable" : "nonaktifkan / disable", async () => {
					await post("users/" + encodeURIComponent(u.name) + "/" +
						(u.disabled ? "enable" : "disable"), {}, u.name);
					renderUsers();
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
	on("f-limit", (f) => post("limit", { limit: Number(f.limit.value) },
		"limit"));
	on("f-policy", (f) => post("policy", { policy: f.policy.value },
		"policy"));
	on("f-notice", (f) => post("notice", { text: f.text.value }, "notice"));
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
	renderPrinter();
	setInterval(renderPrinter, 10000);
	const es = new EventSource("/api/v1/events/stream");
	es.onmessage = refresh;
}

start();
