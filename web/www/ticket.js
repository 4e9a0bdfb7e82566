// ticket.js - the visitor's page, /t/<token>: reads its ticket from
// /api/v1/t/<token> and again on every event of the public stream; a big
// coloured banner (and a vibration where the phone allows) when the
// visitor is let in or called.  Indonesian by default, English by a tap.
// Its sentences are the core's catalogue (GET /api/v1/words), read once.
// A remote ticket not checked in yet (EXPECTED) shows everyone ahead and
// when to come, and the check-in code and QR when this phone took it,
// with a button that gives the ticket back.
"use strict";
const $ = (id) => document.getElementById(id);
const token = location.pathname.split("/")[2] || "";
const S = { lang: "id", w: null, d: null, busy: false, again: false, gone: false, es: null, retry: 0 };
try { S.lang = localStorage.getItem("antri.lang") === "en" ? "en" : "id"; } catch (e) { /* private mode */ }
try { S.code = JSON.parse(localStorage.getItem("antri.take." + token) || "null"); } catch (e) { S.code = null; }

// A sentence of the catalogue in the page's language, %s/%d filled in.
function w(key, ...a) {
	let s = S.w && S.w[S.lang] && S.w[S.lang][key];
	if (s === undefined) return "";
	for (const v of a) s = s.replace(/%[sd]/, String(v));
	return s;
}

function words() {
	document.documentElement.lang = S.lang;
	antriFill(w);
	$("lang").textContent = w("t_other_lang");
}

function alertVisitor() {
	const s = $("state");
	s.classList.remove("flash");
	void s.offsetWidth;              // restart the animation
	s.classList.add("flash");
	try { if (navigator.vibrate) navigator.vibrate([400, 150, 400, 150, 400]); } catch (e) { /* not allowed */ }
}

function render(d) {
	const en = S.lang === "en", old = S.d;
	S.d = d;
	document.body.dataset.state = d.state;
	$("office").textContent = d.office;
	$("number").textContent = d.number;
	$("service").textContent = en ? d.service.name_en : d.service.name_id;
	$("state").textContent = d.words[S.lang];
	const expected = d.state === "EXPECTED";
	const live = d.state === "OUTSIDE" || d.state === "ADMITTED" || expected;
	document.querySelector(".figs").hidden = !live;
	// not at the office yet: everyone ahead, and when to come (the
	// server's rule, queue_remote_come); there: the door and the service
	$("allrow").hidden = !expected;
	$("door").parentNode.hidden = $("inside").parentNode.hidden = expected;
	$("all").textContent = expected ? String(d.ahead.total) : "-";
	$("door").textContent = live ? String(d.ahead.door) : "-";
	$("inside").textContent = live ? String(d.ahead.service) : "-";
	$("wait").textContent = live ? d.wait[S.lang] : "-";
	const come = expected && d.come ? d.come[S.lang] : "";
	$("come").hidden = !come;
	$("come").textContent = come;
	$("come").className = "come" + (d.come && d.come.now ? " now" : "");
	$("reminded").hidden = !d.reminded;
	// the code and QR this phone took (take.js kept them): shown until
	// the visitor has checked in
	$("checkin").hidden = !(expected && S.code);
	if (expected && S.code && !S.drawn) {
		$("code").textContent = S.code.code;
		$("qr").hidden = !S.code.rows;
		if (S.code.rows) antriQrDraw($("qr"), S.code.rows, 8);
		S.drawn = true;
	}
	const ol = $("calls");
	ol.textContent = "";
	d.calls.forEach((c) => {
		const li = document.createElement("li"), b = document.createElement("b");
		b.textContent = c.number;
		li.append(b, " " + w("counter_n", c.counter));
		ol.append(li);
	});
	if (old && (old.state !== d.state || old.counter !== d.counter) &&
	    (d.state === "ADMITTED" || d.state === "CALLED"))
		alertVisitor();
	else if (old && expected && d.come && d.come.now && !(old.come && old.come.now))
		alertVisitor();                  // "come now"
}

function goneNow() {
	S.gone = true;
	document.body.dataset.state = "GONE";
	$("gone").hidden = false;
	$("state").textContent = "-";
	unlisten();
}

async function load() {
	if (S.gone) return;
	if (S.busy) { S.again = true; return; }
	S.busy = true;
	try {
		const r = await fetch("/api/v1/t/" + encodeURIComponent(token), { cache: "no-store" });
		if (r.status === 404) goneNow();
		else if (r.ok) { render(await r.json()); $("conn").hidden = true; }
	} catch (e) {
		$("conn").hidden = false;
	}
	S.busy = false;
	if (S.again) { S.again = false; load(); }
}

// One stream at a time (this page stays without common.js, to stay
// small: the same rule as antriStream there).
function unlisten() {
	clearTimeout(S.retry);
	S.retry = 0;
	if (S.es) S.es.close();
	S.es = null;
}

function listen() {
	unlisten();
	if (S.gone) return;
	const es = S.es = new EventSource("/api/v1/public/events/stream");
	es.onopen = () => { $("conn").hidden = true; load(); };
	es.onmessage = () => load();
	es.onerror = () => {
		if (es !== S.es) return;
		$("conn").hidden = false;
		if (es.readyState === EventSource.CLOSED && !S.retry) S.retry = setTimeout(listen, 2000);
	};
}

// Give a remote ticket back: only this phone has its code (the link may
// be seen by others); a first tap asks, a second one does it.
async function giveBack() {
	const b = $("cancel");
	if (!S.sure) {
		S.sure = true;
		b.textContent = w("t_cancel_again");
		return;
	}
	b.disabled = true;
	try {
		const r = await fetch("/api/v1/t/" + encodeURIComponent(token) + "/cancel", {
			method: "POST", headers: { "Content-Type": "application/json" },
			body: JSON.stringify({ code: S.code.code }) });
		const j = await r.json().catch(() => ({}));
		if (r.ok) {
			try { localStorage.removeItem("antri.take." + token); } catch (e) { /* private mode */ }
			S.code = null;
		} else {
			$("cmsg").textContent = j.error && j.error.words ? j.error.words[S.lang] :
				(j.error && j.error.message) || r.statusText;
		}
	} catch (e) {
		$("conn").hidden = false;
	}
	b.disabled = false;
	load();
}

$("cancel").addEventListener("click", giveBack);
$("lang").addEventListener("click", () => {
	S.lang = S.lang === "id" ? "en" : "id";
	try { localStorage.setItem("antri.lang", S.lang); } catch (e) { /* private mode */ }
	words();
	if (S.d) render(S.d);
});
// a stream left open by a page in the back/forward cache holds one of the
// browser's six connections to this server: close it, reopen on return
window.addEventListener("pagehide", unlisten);
window.addEventListener("pageshow", (e) => { if (e.persisted) { load(); listen(); } });
// the estimate moves on without events; the day's end ends the link
setInterval(load, 60000);
fetch("/api/v1/words").then((r) => r.json()).then((j) => {
	S.w = j;
	words();
	if (S.d) render(S.d);
}).catch(() => {});
load();
listen();
