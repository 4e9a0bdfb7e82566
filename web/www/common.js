// common.js - what the pages of antri-serve share: calling the API and
// re-reading in the next frame.  Loaded before each page's own script.
"use strict";

// GET (body undefined) or POST with a JSON body to /api/v1/PATH; the
// answer's JSON, or an Error with .code and .status from the server's
// {"error":{"code","message"}}.  With login set, a 401 sends the browser
// to the log-in page, which comes back to login.
async function antriApi(path, body, login) {
	const opt = body === undefined ? { cache: "no-store" } : {
		method: "POST", headers: { "Content-Type": "application/json" },
		body: JSON.stringify(body) };
	const r = await fetch("/api/v1/" + path, opt);
	const j = await r.json().catch(() => ({}));
	if (r.status === 401 && login && path !== "login") {
		location.href = "/login?next=" + login;
		throw new Error("not logged in");
	}
	if (!r.ok) {
		const e = new Error((j.error && j.error.message) || r.statusText);
		e.code = j.error && j.error.code;
		e.words = j.error && j.error.words;
		e.status = r.status;
		throw e;
	}
	return j;
}

// What a page says of a refusal: the server's sentence ({id, en}, the
// core's catalogue) in lang, or both as "Indonesian / English" (lang
// undefined); its message where it sent none.
function antriSays(e, lang) {
	const w = e.words;
	if (!w)
		return e.message;
	if (lang)
		return w[lang] || e.message;
	return w.id === w.en ? w.id : w.id + " / " + w.en;
}

// A function that runs fn once in the next animation frame however often
// it is called before then: many events, one re-read, one redraw.
function antriEachFrame(fn) {
	let frame = 0;
	return () => {
		if (frame)
			return;
		frame = requestAnimationFrame(async () => {
			frame = 0;
			await fn();
		});
	};
}

// An EventSource on url for as long as the page is shown: on.open,
// on.message and on.error (given the EventSource) as EventSource's own;
// a stream the server closed is opened again after 2 s.  On `pagehide`
// the stream is closed (a TV browser or a phone must not keep a dead
// stream, and a page in the back/forward cache would hold one of the
// browser's six connections to this server); on `pageshow` of a page
// come back from that cache it is opened again and on.resume runs.
// Returns { stop() }: closed for good (no reopening).
function antriStream(url, on) {
	const s = { es: null, timer: 0, hidden: false, stopped: false };
	const close = () => {
		clearTimeout(s.timer);
		s.timer = 0;
		if (s.es)
			s.es.close();
		s.es = null;
	};
	const open = () => {
		close();
		if (s.hidden || s.stopped)
			return;
		const es = s.es = new EventSource(url);
		es.onopen = () => { if (on.open) on.open(es); };
		es.onmessage = (m) => { if (on.message) on.message(m); };
		es.onerror = () => {
			if (es !== s.es)
				return;
			if (on.error)
				on.error(es);
			// the browser retries by itself unless the server said no
			if (es.readyState === EventSource.CLOSED && !s.timer)
				s.timer = setTimeout(open, 2000);
		};
	};
	window.addEventListener("pagehide", () => {
		s.hidden = true;
		close();
	});
	window.addEventListener("pageshow", (ev) => {
		s.hidden = false;
		if (!ev.persisted || s.stopped)
			return;
		open();
		if (on.resume)
			on.resume();
	});
	open();
	return { stop() { s.stopped = true; close(); } };
}

// Fill the page's words: each [data-w] element of the body gets
// words(key) (a page's function of a catalogue key: one language or
// both), the title "antri: " and the words of its data-w.
function antriFill(words) {
	for (const e of document.body.querySelectorAll("[data-w]"))
		e.textContent = words(e.dataset.w);
	const t = document.querySelector("title[data-w]");
	if (t)
		document.title = "antri: " + words(t.dataset.w);
}

// The sentences of the pages: the core's catalogue (shared/core/i18n.c)
// from GET /api/v1/words, read once.  Resolves to { lang, t(lang, key,
// ...args), both(key, ...args) }: t fills the sentence's %s and %d in
// order; both is "Indonesian / English" for the pages that show both
// (one of them when they are the same).
// A page holds no sentence of its own; a key the server does not know
// shows as the key.
let antriWordsP = null;
function antriWords() {
	if (!antriWordsP)
		antriWordsP = fetch("/api/v1/words").then((r) => r.json())
			.catch(() => ({ lang: "id", id: {}, en: {} }))
			.then((w) => {
				const t = (lang, key, ...a) => {
					let s = (w[lang] || w.id || {})[key];
					if (s === undefined)
						return key;
					for (const v of a)
						s = s.replace(/%[sd]/, String(v));
					return s;
				};
				const both = (key, ...a) => {
					const id = t("id", key, ...a), en = t("en", key, ...a);
					return id === en ? id : id + " / " + en;
				};
				return { lang: w.lang === "en" ? "en" : "id", t, both };
			});
	return antriWordsP;
}

// A time of day (ms since the epoch) the way the language writes it:
// Indonesian 13.36.56, English 13:36:56 (24 hours in both).  The one
// place the pages format a time.
function antriTime(ms, lang) {
	return new Date(ms).toLocaleTimeString(lang === "en" ? "en-GB" : "id-ID",
		{ hour: "2-digit", minute: "2-digit", second: "2-digit",
			hour12: false });
}
