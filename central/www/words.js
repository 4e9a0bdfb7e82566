// words.js - what antri-central's two pages share: the sentences (every
// one from GET /api/v1/words, i18n.c's table; none lives here), the
// language switch, calling the API, and the live stream.  Loaded before
// each page's own script.
"use strict";

const W = { all: null, lang: "id" };

// An element with a class and a text (never HTML).
function el(tag, cls, text) {
	const e = document.createElement(tag);
	if (cls)
		e.className = cls;
	if (text !== undefined)
		e.textContent = text;
	return e;
}

// The catalogue, once; the language the visitor chose last, else the
// server's.
W.load = async function () {
	const r = await fetch("/api/v1/words");
	W.all = await r.json();
	let l = null;
	try { l = localStorage.getItem("antri-lang"); } catch (e) { l = null; }
	W.lang = l === "id" || l === "en" ? l : W.all.lang;
	document.documentElement.lang = W.lang;
};

// A sentence by key with its %s / %d filled in order.
W.t = function (key, ...args) {
	let s = (W.all && W.all[W.lang][key]) || key;
	return s.replace(/%[sd]/g, () => String(args.shift()));
};

// The one wait formatter's words (the server's table, by minute).
W.wait = function (seconds) {
	const a = W.all.wait[W.lang];
	if (seconds < 0)
		return W.all[W.lang].wait_unknown;
	return a[Math.min(a.length - 1, Math.round(seconds / 60))];
};

// Fill every [data-w] element of the body, and the title "antri: " and
// the words of its data-w.
W.fill = function () {
	document.body.querySelectorAll("[data-w]").forEach((e) => {
		e.textContent = W.t(e.dataset.w);
	});
	const t = document.querySelector("title[data-w]");
	if (t)
		document.title = "antri: " + W.t(t.dataset.w);
};

// The switch: the other language, remembered, then redraw().
W.button = function (redraw) {
	document.getElementById("lang").addEventListener("click", () => {
		W.lang = W.lang === "id" ? "en" : "id";
		try { localStorage.setItem("antri-lang", W.lang); } catch (e) { /* private mode */ }
		document.documentElement.lang = W.lang;
		W.fill();
		redraw();
	});
};

// GET (body undefined) or POST JSON to /api/v1/PATH: the JSON, or an
// Error with .status, .code and .error (the answer's error object).  preloaded: a GET the page's <link
// rel=preload> started already (no "no-store", so the browser takes it).
// headers: more request headers (a ticket link's token).
W.api = async function (path, body, preloaded, headers) {
	const opt = body === undefined ? (preloaded ? {} : { cache: "no-store" }) : {
		method: "POST", headers: { "Content-Type": "application/json" },
		body: JSON.stringify(body) };
	if (headers)
		opt.headers = Object.assign(opt.headers || {}, headers);
	const r = await fetch("/api/v1/" + path, opt);
	const j = await r.json().catch(() => ({}));
	if (!r.ok) {
		const e = new Error((j.error && j.error.message) || r.statusText);
		e.status = r.status;
		e.code = j.error && j.error.code;
		e.error = j.error || {};
		throw e;
	}
	return j;
};

// What a refusal (an Error of W.api) says to a person: the server's
// sentence in the page's language, else its message.
W.says = function (e) {
	const w = e.error && e.error.words;
	return (w && w[W.lang]) || e.message;
};

// A service's name as its outlet calls it, in the page's language (""
// for none).
W.serviceName = function (s) {
	return s ? (W.lang === "en" ? s.name_en : s.name_id) || s.name_id || "" : "";
};

// "Sen, 7 Des" / "Mon, 7 Dec" for "2026-12-07" (the browser's calendar)
W.dayName = function (d) {
	const t = new Date(d + "T12:00:00");
	return t.toLocaleDateString(W.lang === "en" ? "en-GB" : "id-ID",
	    { weekday: "short", day: "numeric", month: "short" });
};

// An appointment's time, "Sen, 7 Des, pukul 09:15", from "2026-12-07 09:15"
W.slotText = function (slot) {
	return W.t("cz_slot_at", W.dayName(slot.substr(0, 10)), slot.substr(11));
};

// The server's SVG text (a QR) drawn into box, as SVG, never as HTML.
W.svg = function (box, text) {
	box.replaceChildren();
	if (text) {
		const doc = new DOMParser().parseFromString(text, "image/svg+xml");
		box.append(document.importNode(doc.documentElement, true));
	}
};

// An outlet without news: "no news since 10.42" (last_seen
// "2026-12-04T10:42:05+07:00", the office's time), or "offline" when it
// never sent any.
W.noNews = function (lastSeen) {
	return lastSeen ? W.t("cx_no_news", lastSeen.substr(11, 5).replace(":", "."))
	    : W.t("cx_offline");
};

// The live stream at url: on.outlet(obj) per changed outlet, on.reload()
// when the page must read everything again; the connection line shows
// while the stream is down.
W.stream = function (url, on) {
	const conn = document.getElementById("conn");
	let es = null;
	const open = () => {
		es = new EventSource(url);
		es.onopen = () => { conn.hidden = true; };
		es.onerror = () => {
			conn.hidden = false;
			if (es.readyState === EventSource.CLOSED)
				setTimeout(open, 3000);
		};
		es.addEventListener("outlet", (m) => on.outlet(JSON.parse(m.data)));
		es.addEventListener("reload", () => on.reload());
	};
	window.addEventListener("pagehide", () => { if (es) es.close(); });
	window.addEventListener("pageshow", (ev) => { if (ev.persisted) { open(); on.reload(); } });
	open();
};
