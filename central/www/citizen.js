// citizen.js - /citizen?outlet=ID&service=A&do=take|book, opened from
// /outlets on a citizen's phone: a remote ticket of the outlet's today
// (POST /api/v1/outlets/ID/remote) or a booked slot (GET .../slots, POST
// .../book), then the number or the slot, the check-in code and its QR.
// The code is shown once (the outlet keeps its hash only): the answer
// stays in this tab's sessionStorage so a reload shows it again.  A
// remote ticket goes on to its own page, its link /ticket#TOKEN
// (ticket.js), which shows what it is now; its answer, with the code,
// stays in this browser's localStorage under the token for that page
// (TICKET_KEEP_MS).  An outlet that is offline answers with the outlets
// of shortest wait.
// Every sentence is the server's (words.js).  Start at start().
"use strict";

const P = new URLSearchParams(location.search);
const S = { id: P.get("outlet") || "", svc: (P.get("service") || "").toUpperCase(),
	mode: P.get("do") === "book" ? "book" : "take", outlet: null, slots: null,
	day: "", slot: "", busy: false, err: null, got: null };
const KEY = "antri-cz:" + S.id + ":" + S.svc + ":" + S.mode;
const TICKET_KEEP_MS = 2 * 24 * 3600 * 1000;
const $ = (id) => document.getElementById(id);

function service() {
	return S.outlet && S.outlet.services.find((s) => s.code === S.svc);
}

function drawService() {
	const o = S.outlet, s = service();
	$("outlet").textContent = o ? o.name : S.id;
	$("code").textContent = S.svc;
	$("sname").textContent = W.serviceName(s);
	const f = [];
	if (o && !o.online)
		f.push(W.noNews(o.last_seen));
	if (s) {
		f.push(W.t("cx_waiting_n", s.waiting));
		f.push(W.t("cx_wait", W.wait(s.est_wait_s)));
	}
	$("figs").textContent = f.join(" \u00b7 ");
}

function drawBook() {
	const sl = S.slots;
	$("noslots").hidden = !sl || sl.bookable;
	$("when").hidden = !sl || !sl.bookable;
	if (!sl || !sl.bookable)
		return;
	$("days").replaceChildren(...sl.days.map((d) => {
		const b = el("button", "chip" + (d === S.day ? " on" : ""), W.dayName(d));
		b.type = "button";
		b.dataset.day = d;
		b.addEventListener("click", () => { S.day = d; S.slot = ""; loadSlots(); });
		return b;
	}));
	$("slots").replaceChildren(...sl.slots.map((x) => {
		const b = el("button", "slot" + (x.slot === S.slot ? " on" : ""));
		b.type = "button";
		b.dataset.slot = x.slot;
		b.disabled = x.free <= 0 || S.busy;
		b.append(el("b", "", x.time),
		    el("small", "", x.free > 0 ? W.t("cz_free_n", x.free) : W.t("cz_full")));
		b.addEventListener("click", () => { S.slot = x.slot; draw(); });
		return b;
	}));
	$("noday").hidden = sl.slots.some((x) => x.free > 0);
	$("confirm").disabled = !S.slot || S.busy;
	$("confirm").textContent = S.slot ? W.t("cz_confirm", S.slot.substr(11)) : W.t("cz_time");
}

function drawErr() {
	const e = S.err;
	$("err").hidden = !e;
	if (!e)
		return;
	$("errtext").textContent = e.words ? e.words[W.lang] : e.message;
	const near = e.nearest || [];
	$("near").hidden = near.length === 0;
	$("nearlist").replaceChildren(...near.map((n) => {
		const li = el("li"), a = el("a", "", n.name);
		a.href = "/citizen?" + new URLSearchParams({ outlet: n.id, service: S.svc, do: S.mode });
		li.append(a, el("span", "figs", n.area + " \u00b7 " + W.t("cx_wait", W.wait(n.est_wait_s))));
		return li;
	}));
}

function drawGot() {
	const g = S.got;
	$("got").hidden = !g;
	$("svc").hidden = $("take").hidden = $("book").hidden = true;
	if (!g)
		return;
	$("gotlabel").textContent = W.t("cz_booked");
	$("number").textContent = W.slotText(g.slot);
	$("gotsvc").textContent = [g.service, W.serviceName(service()), g.outlet]
	    .filter((x) => x).join(" \u00b7 ");
	$("ccode").textContent = g.code;
	W.svg($("qr"), g.qr_svg);
	$("link").hidden = !g.link;
	if (g.link)
		$("link").href = g.link;
}

// an answer with a link, kept in this browser for its page (the code is
// shown there only here; older ones forgotten)
function keep(g) {
	const token = g.link.split("#")[1];
	const kept = (k) => {
		try { return JSON.parse(localStorage.getItem(k)).kept || 0; } catch (e) { return 0; }
	};
	try {
		for (let i = localStorage.length - 1; i >= 0; i--) {
			const k = localStorage.key(i);
			if (k && k.startsWith("antri-tk:") && Date.now() - kept(k) > TICKET_KEEP_MS)
				localStorage.removeItem(k);
		}
		localStorage.setItem("antri-tk:" + token, JSON.stringify(Object.assign({ kept: Date.now() }, g)));
	} catch (e) { /* private mode: the page shows the ticket without its code */ }
}

// a remote ticket: kept, then shown on its page
function toTicket(g) {
	keep(g);
	location.replace(g.link);
}

function draw() {
	drawService();
	$("busy").hidden = !S.busy;
	$("go").disabled = S.busy;
	drawErr();
	if (S.got)
		return drawGot();
	$("take").hidden = S.mode !== "take";
	$("book").hidden = S.mode !== "book";
	if (S.mode === "book")
		drawBook();
}

async function loadSlots() {
	const q = new URLSearchParams({ service: S.svc });
	if (S.day)
		q.set("day", S.day);
	try {
		S.slots = await W.api("outlets/" + encodeURIComponent(S.id) + "/slots?" + q);
		S.day = S.slots.day || "";
	} catch (e) {
		S.err = e.error;
	}
	draw();
}

// POST what; a server busy with another outlet's answer (503 busy, it
// lasts milliseconds) is asked again a few times, a little later each
async function send(what, body) {
	for (let i = 1; ; i++) {
		try {
			return await W.api("outlets/" + encodeURIComponent(S.id) + "/" + what, body);
		} catch (e) {
			if (e.code !== "busy" || i >= 4)
				throw e;
			await new Promise((ok) => setTimeout(ok, 300 * i));
		}
	}
}

// POST what, keep the answer or show the refusal (and where else to go)
async function ask(what, body) {
	if (S.busy)
		return;
	S.busy = true;
	S.err = null;
	draw();
	try {
		S.got = await send(what, body);
		try { sessionStorage.setItem(KEY, JSON.stringify(S.got)); } catch (e) { /* private mode */ }
		if (S.got.number)
			return toTicket(S.got);
		if (S.got.link)
			keep(S.got);
	} catch (e) {
		S.err = e.error && (e.error.words || e.error.message) ? e.error :
		    { message: W.t("conn_lost") };
		if (what === "book")
			await loadSlots();
	}
	S.busy = false;
	draw();
	window.scrollTo(0, 0);
}

// the body of a request with the reminders' number typed in field id
// (spaces and dashes as people write them left out) and this page's
// language for them
function withPhone(body, id) {
	const phone = $(id).value.replace(/[\s-]/g, "");
	body.lang = W.lang;
	if (phone)
		body.phone = phone;
	return body;
}

function take() {
	ask("remote", withPhone({ service: S.svc }, "tphone"));
}

function book() {
	const name = $("name").value.trim();
	const body = { service: S.svc, slot: S.slot };
	if (name)
		body.name = name;
	ask("book", withPhone(body, "phone"));
}

async function start() {
	await W.load();
	W.fill();
	W.button(draw);
	$("go").addEventListener("click", take);
	$("confirm").addEventListener("click", book);
	// a number being corrected: the sentence about the wrong one goes
	for (const id of ["phone", "tphone"])
		$(id).addEventListener("input", () => {
			if (S.err && S.err.field === "phone") {
				S.err = null;
				drawErr();
			}
		});
	try { S.got = JSON.parse(sessionStorage.getItem(KEY) || "null"); } catch (e) { S.got = null; }
	if (S.got && S.got.number)
		return toTicket(S.got);
	try {
		// every outlet: one offline that never sent its state is still named
		const j = await W.api("outlets");
		S.outlet = j.outlets.find((o) => o.id === S.id) || null;
	} catch (e) {
		S.err = e.error;
	}
	draw();
	if (S.mode === "book" && !S.got)
		await loadSlots();
	document.body.dataset.ready = "1";
}

start();
