// counter.js - the web counter panel (/counter): everything the SDL panel
// does, from a clerk's own desk.  The page reads the office with
// GET /api/v1/status, acts with POST /api/v1/counters/N/ACTION, and stays
// live on the event stream (/api/v1/events/stream): every event re-reads
// the status in the next frame; no polling.  When the stream breaks the
// page says so, and the browser reconnects with Last-Event-ID by itself.
// Its check-in box checks a visitor's online ticket or booking in.
"use strict";

// the sentences are the core's (GET /api/v1/words, common.js)
let W = null;
const stored = localStorage.getItem("antri.lang");
const S = { lang: stored === "en" ? 1 : 0,
	counter: Number(localStorage.getItem("antri.counter")) || 0,
	st: null, me: null, pending: false, transfer: false, es: null };

const $ = (id) => document.getElementById(id);
const t = (k, ...a) => W ? W.t(S.lang ? "en" : "id", k, ...a) : "";

const api = (path, body) => antriApi(path, body, "/counter");

function say(text, good) {
	const m = $("msg");
	m.textContent = text;
	m.className = "msg " + (good ? "good" : "bad");
}

function mine() {
	if (!S.st)
		return null;
	return S.st.counters.find((c) => c.number === S.counter) || null;
}

function serviceName(code) {
	const s = S.st && S.st.services.find((x) => x.code === code);
	return s ? (S.lang ? s.name_en || s.name_id : s.name_id) : code;
}

function renderWords() {
	document.documentElement.lang = S.lang ? "en" : "id";
	antriFill(t);
	$("lang").textContent = S.lang ? "ID" : "EN";
}

function renderCounters() {
	const sel = $("counter");
	const have = [...sel.options].map((o) => o.value).join();
	const want = S.st.counters.map((c) => String(c.number)).join();
	if (have !== "," + want && have !== want) {
		sel.replaceChildren();
		const o0 = new Option(t("pick_counter"), "");
		sel.add(o0);
		for (const c of S.st.counters)
			sel.add(new Option(String(c.number), String(c.number)));
	}
	sel.value = S.counter ? String(S.counter) : "";
}

function renderTicket() {
	const c = mine();
	const cur = c && c.current;
	$("number").textContent = cur ? cur.number : "---";
	$("tinfo").textContent = cur ? serviceName(cur.service) : t("no_ticket");
	const cs = $("cstate");
	cs.textContent = !c ? t("pick_counter") : c.state === "paused" ?
		t("cstate_paused") : c.state === "closed" ? t("cstate_closed") :
		t("cstate_open", c.number) +
		" \u00b7 " + c.services;
	cs.className = "cstate " + (c ? c.state : "");
	const pb = $("pausebtn");
	pb.dataset.act = c && c.state !== "open" ? "resume" : "pause";
	pb.querySelector("b").textContent = t("b_" + pb.dataset.act);
	for (const b of $("actions").querySelectorAll("button"))
		b.disabled = !c || S.pending;
}

function renderRoom() {
	const st = S.st;
	$("office").textContent = st.office || "antri";
	$("occ").textContent = st.limit ? st.occupancy + " / " + st.limit :
		String(st.occupancy);
	$("outside").textContent = String(st.outside);
	const body = $("services").tBodies[0];
	body.replaceChildren();
	for (const s of st.services) {
		const row = body.insertRow();
		row.insertCell().textContent = s.code;
		row.insertCell().textContent = S.lang ? s.name_en || s.name_id :
			s.name_id;
		const a = row.insertCell(), b = row.insertCell();
		a.className = b.className = "n";
		a.textContent = s.open ? String(s.waiting) : t("closed");
		b.textContent = String(s.outside);
	}
}

function renderTransfer() {
	$("transfer").hidden = !S.transfer;
	if (!S.transfer || !S.st)
		return;
	const c = mine(), cur = c && c.current;
	const box = $("targets");
	box.replaceChildren();
	for (const s of S.st.services) {
		if (!s.open || (cur && cur.service === s.code))
			continue;
		const b = document.createElement("button");
		b.type = "button";
		b.textContent = s.code + " \u00b7 " + (S.lang ? s.name_en ||
			s.name_id : s.name_id);
		b.dataset.to = s.code;
		b.addEventListener("click", () => act("transfer", s.code));
		box.appendChild(b);
	}
}

function render() {
	renderWords();
	if (!S.st)
		return;
	renderCounters();
	renderTicket();
	renderRoom();
	renderTransfer();
}

// Re-read the status in the next frame; several events make one read.
const refresh = antriEachFrame(async () => {
	try {
		S.st = await api("status");
		render();
	} catch (e) {
		if (e.status === 503)
			say(t("c_busy"), false);
	}
});

// The words for a refusal: the clerk is told what is really going on.
function why(e) {
	switch (e.code) {
	case "nobody_waiting":
		if (S.st && S.st.outside > 0 && S.st.limit &&
		    S.st.occupancy >= S.st.limit)
			return t("room_full_outside", S.st.outside);
		return t("nobody_inside");
	case "database_busy": return t("c_busy");
	case "no_current_ticket": return t("no_current");
	case "counter_paused": return t("c_is_paused");
	default: return antriSays(e, S.lang ? "en" : "id");
	}
}

function done(action, j, to) {
	const n = j.ticket ? j.ticket.number : "";
	switch (action) {
	case "next": return t("c_called", n, S.counter);
	case "recall": return t("c_recalled", n);
	case "done": return t("c_finished", n);
	case "noshow": return t("c_noshowed", n);
	case "transfer": return t("c_moved", n, to, serviceName(to));
	case "pause": return t("c_now_paused");
	default: return t("c_now_open");
	}
}

async function act(action, to) {
	if (!S.counter || S.pending)
		return;
	if (action === "transfer" && to === undefined) {
		S.transfer = !S.transfer;
		renderTransfer();
		return;
	}
	S.pending = true;
	S.transfer = false;
	renderTicket();
	renderTransfer();
	try {
		const j = await api("counters/" + S.counter + "/" + action,
			action === "transfer" ? { to } : {});
		say(done(action, j, to), true);
	} catch (e) {
		await api("status").then((st) => { S.st = st; }).catch(() => {});
		say(why(e), false);
	} finally {
		S.pending = false;
		refresh();
	}
}

// Check a visitor in (a remote ticket or a booking) with the typed code
// or the QR's text a USB scanner types: the core's queue_checkin, the same
// as the kiosk's and `antri checkin`.  The answer says how it was placed,
// or why not, in the core's words.
async function checkin(ev) {
	ev.preventDefault();
	const box = $("ckcode"), m = $("ckmsg");
	const code = box.value.trim();
	if (!code)
		return;
	const r = await fetch("/api/v1/checkin", { method: "POST",
		headers: { "Content-Type": "application/json" },
		body: JSON.stringify({ code }) }).catch(() => null);
	const j = r ? await r.json().catch(() => ({})) : {};
	if (r && r.status === 401) {
		location.href = "/login?next=/counter";
		return;
	}
	const lang = S.lang ? "en" : "id";
	if (r && r.ok) {
		// an appointment before its slot waits EXPECTED: its words say so
		m.textContent = j.words[lang] + (j.ticket.state === "EXPECTED" ?
			"" : " \u00b7 " + t(j.ticket.state === "ADMITTED" ?
			"state_admitted" : "state_outside"));
		m.className = "msg good";
		box.value = "";
	} else {
		m.textContent = j.error ? (j.error.words ? j.error.words[lang] :
			j.error.message) : t("conn_lost");
		m.className = "msg bad";
		box.select();
	}
	refresh();
}

function shortcut(ev) {
	const k = ev.key.toLowerCase();
	const map = { n: "next", r: "recall", d: "done", x: "noshow",
		t: "transfer" };
	if (ev.code === "NumpadEnter" || map[k])
		act(map[k] || "next");
	else if (k === "p")
		act($("pausebtn").dataset.act);
	else if (k === "escape" && S.transfer) {
		S.transfer = false;
		renderTransfer();
	}
}

// A USB scanner types a QR's text as fast keys ending in Enter, and the
// code's letters include the shortcuts (N, P, R, X): a key waits SCAN_MS
// for the next; a lone key is the clerk's shortcut, a second key that fast
// is a scan: the keys so far go into the check-in box, which takes the
// rest and its Enter itself.
const SCAN_MS = 60;
const scan = { keys: [], timer: 0 };

function onKey(ev) {
	if (ev.target.tagName === "INPUT" || ev.target.tagName === "SELECT" ||
	    ev.ctrlKey || ev.altKey || ev.metaKey)
		return;
	if (ev.key.length !== 1 && ev.code !== "NumpadEnter" &&
	    ev.key !== "Escape")
		return;
	ev.preventDefault();
	clearTimeout(scan.timer);
	scan.keys.push({ key: ev.key, code: ev.code });
	if (scan.keys.length === 1) {
		scan.timer = setTimeout(() => {
			const k = scan.keys[0];
			scan.keys = [];
			shortcut(k);
		}, SCAN_MS);
		return;
	}
	const box = $("ckcode");
	box.value = scan.keys.filter((e) => e.key.length === 1)
		.map((e) => e.key).join("");
	scan.keys = [];
	box.focus();
}

// Closed on pagehide, opened again when the page comes back (common.js).
function listen() {
	antriStream("/api/v1/events/stream", {
		open: () => {
			$("conn").hidden = true;
			refresh();
		},
		message: refresh,
		error: () => {
			const c = $("conn");
			c.textContent = t("conn_lost");
			c.hidden = false;
		},
		resume: refresh,
	});
}

async function start() {
	W = await antriWords();
	if (stored !== "en" && stored !== "id")
		S.lang = W.lang === "en" ? 1 : 0;      // the office's language
	renderWords();
	try {
		S.me = await api("me");
	} catch (e) {
		say(antriSays(e, S.lang ? "en" : "id"), false);
		return;
	}
	$("who").textContent = S.me.name;
	$("counter").addEventListener("change", (ev) => {
		S.counter = Number(ev.target.value) || 0;
		localStorage.setItem("antri.counter", String(S.counter));
		S.transfer = false;
		say("", true);
		render();
	});
	$("lang").addEventListener("click", () => {
		S.lang = 1 - S.lang;
		localStorage.setItem("antri.lang", S.lang ? "en" : "id");
		render();
	});
	$("logout").addEventListener("click", async () => {
		await api("logout", {}).catch(() => {});
		location.href = "/login?next=/counter";
	});
	$("transfer-cancel").addEventListener("click", () => {
		S.transfer = false;
		renderTransfer();
	});
	for (const b of $("actions").querySelectorAll("button"))
		b.addEventListener("click", () => act(b.dataset.act));
	$("checkin").addEventListener("submit", checkin);
	document.addEventListener("keydown", onKey);
	refresh();
	listen();
}

start();
