// ticket.js - /ticket#TOKEN, the page of a remote ticket or a booking
// taken at the head office, on the citizen's phone: the number (a
// booking: its time, until it checks in and has one), what it is now
// (the outlet's own figures, through GET /api/v1/ticket with the token
// in the X-Ticket header: the part of the address after '#' never
// leaves the browser), when to come, and the check-in code with its QR
// when this browser took it (citizen.js keeps its answer under the
// token: the central does not have the code).  Read again every
// REFRESH_MS and when the phone shows the page again.  Every sentence
// is the server's (words.js).
"use strict";

const REFRESH_MS = 15000;
const T = { token: location.hash.replace(/^#/, ""), mine: null, now: null, at: null, err: null };
const $ = (id) => document.getElementById(id);

function drawMine() {
	const g = T.mine;
	$("mine").hidden = !g;
	$("elsewhere").hidden = !!g;
	if (!g)
		return;
	$("ccode").textContent = g.code;
	W.svg($("qr"), g.qr_svg);
}

function draw() {
	const n = T.now, g = T.mine;
	$("err").hidden = !T.err;
	if (T.err)
		$("errtext").textContent = T.err.words ? T.err.words[W.lang] : T.err.message;
	$("got").hidden = !n && !g;
	if (!n && !g)
		return;
	const o = n ? n.outlet : null;
	$("outlet").textContent = (o && o.name) || (g && g.outlet) || "";
	// an appointment shows its time until it has a number (checked in)
	const number = n ? n.number : g.number, slot = n ? n.slot : g.slot;
	$("gotlabel").textContent = W.t(number ? "t_your_number" : "cz_booked");
	$("number").textContent = number || (slot ? W.slotText(slot) : "");
	$("number").classList.toggle("when", !number);
	const svc = n ? n.service : g.service;
	const s = o && (o.services || []).find((x) => x.code === svc);
	$("gotsvc").textContent = [svc, W.serviceName(s)].filter((x) => x).join(" \u00b7 ");
	$("state").textContent = n ? n.words[W.lang] : "";
	const come = n ? n.come : g.come;
	$("come").textContent = come ? come[W.lang] : "";
	const ahead = n ? (n.known && (n.state === "expected" || n.state === "outside" ||
	    n.state === "admitted") ? n.people_ahead : null) : g.people_ahead;
	$("ahead").textContent = ahead === null || ahead === undefined ? "" : W.t("cz_ahead_n", ahead);
	$("reminded").hidden = !(n && n.reminded);
	let news = "";
	if (o && !o.online)
		news = W.noNews(o.last_seen);
	else if (n)
		news = W.t("cz_refreshed", String(T.at.getHours()).padStart(2, "0") +
		    (W.lang === "en" ? ":" : ".") + String(T.at.getMinutes()).padStart(2, "0"));
	$("news").textContent = news;
	drawMine();
}

async function load() {
	try {
		T.now = await W.api("ticket", undefined, false, { "X-Ticket": T.token });
		T.at = new Date();
		T.err = null;
	} catch (e) {
		// a known ticket keeps its last figures while the link is down
		T.err = e.error && (e.error.words || e.error.message) ? e.error :
		    { message: W.t("conn_lost") };
		if (e.status === 404 || e.status === 400)
			T.now = null;
	}
	draw();
}

async function start() {
	await W.load();
	W.fill();
	W.button(draw);
	try { T.mine = JSON.parse(localStorage.getItem("antri-tk:" + T.token) || "null"); } catch (e) { T.mine = null; }
	await load();
	setInterval(load, REFRESH_MS);
	document.addEventListener("visibilitychange", () => { if (!document.hidden) load(); });
	document.body.dataset.ready = "1";
}

start();
