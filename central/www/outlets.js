// outlets.js - /outlets, for a citizen's phone: every outlet with its
// state, or (a service picked) the outlets that offer it in the order
// the server gives (the shortest wait first); per service of an outlet
// online, the ways to take a number or book (citizen.js).  Live: a changed outlet is
// redrawn in its place; the order is read again at most every 30 s.
// Start at start().
"use strict";

const S = { outlets: [], byId: new Map(), service: "", dirty: false };

// a service's name, its code where it has none
function serviceName(s) {
	return W.serviceName(s) || s.code;
}

// a link to the citizen's flow (citizen.js) for outlet o, service s
function act(o, s, what, word) {
	const a = el("a", "act " + what, W.t(word));
	a.href = "/citizen?" + new URLSearchParams({ outlet: o.id, service: s.code, do: what });
	return a;
}

// one service's line: "A Izin usaha: 3 waiting, 1 outside, wait 8 min",
// and, while the outlet is online, "take a number" (when it is open)
// and "book" (when the service takes appointments)
function serviceLine(o, s) {
	const li = el("li", "svc");
	li.append(el("b", "code", s.code), " " + serviceName(s) + " ");
	const f = [W.t("cx_waiting_n", s.waiting)];
	if (s.outside > 0)
		f.push(W.t("cx_outside_n", s.outside));
	f.push(W.t("cx_wait", W.wait(s.est_wait_s)));
	li.append(el("span", "figs", f.join(" \u00b7 ")));
	if (o.online) {
		const acts = el("span", "acts");
		if (o.open)
			acts.append(act(o, s, "take", "cz_take"));
		if (s.bookable)
			acts.append(act(o, s, "book", "cz_book"));
		li.append(acts);
	}
	return li;
}

function card(o) {
	const li = el("li", "outlet");
	li.dataset.id = o.id;
	li.classList.toggle("off", !o.online || !o.open);
	const h = el("div", "head");
	h.append(el("span", "name", o.name));
	h.append(el("span", "badge " + (o.open ? "open" : "closed"),
	    W.t(o.open ? "cx_open" : "cx_closed")));
	li.append(h);
	const sub = el("div", "sub", o.area);
	if (o.limit > 0)
		sub.append(el("span", "room", W.t("cx_room", o.inside, o.limit)));
	li.append(sub);
	if (!o.online)
		li.append(el("div", "stale", W.noNews(o.last_seen)));
	const ul = el("ul", "svcs");
	for (const s of o.services)
		if (!S.service || s.code === S.service)
			ul.append(serviceLine(o, s));
	li.append(ul);
	return li;
}

function draw() {
	const list = document.getElementById("list");
	list.replaceChildren(...S.outlets.map(card));
	document.getElementById("count").textContent =
	    W.t("cx_outlets_n", S.outlets.length);
	document.getElementById("none").hidden = S.outlets.length > 0;
	drawPicker();
}

// the services any outlet offers, by code, named as the first outlet names it
function drawPicker() {
	const sel = document.getElementById("svc"), seen = new Map();
	for (const o of S.outlets)
		for (const s of o.services)
			if (!seen.has(s.code))
				seen.set(s.code, s);
	if (S.service && S.all)
		for (const [k, v] of S.all)
			if (!seen.has(k))
				seen.set(k, v);
	if (!S.service)
		S.all = seen;
	const opts = [sel.options[0]];
	opts[0].textContent = W.t("cx_any");
	for (const [code, s] of [...seen].sort()) {
		const op = el("option", "", code + " \u2014 " + serviceName(s));
		op.value = code;
		opts.push(op);
	}
	sel.replaceChildren(...opts);
	sel.value = S.service;
}

// the list (in the server's order for the service picked); first (the
// page's start) it may be already on its way
async function load(first) {
	const q = S.service ? "?service=" + encodeURIComponent(S.service) : "";
	const j = await (first || W.api("outlets" + q));
	S.outlets = j.outlets;
	S.byId = new Map(S.outlets.map((o, i) => [o.id, i]));
	S.dirty = false;
	draw();
}

// a changed outlet from the stream, redrawn where it is
function changed(o) {
	const i = S.byId.get(o.id);
	if (i === undefined) {
		S.dirty = true;
		return;
	}
	S.outlets[i] = o;
	const old = document.querySelector('li.outlet[data-id="' + CSS.escape(o.id) + '"]');
	if (old)
		old.replaceWith(card(o));
	S.dirty = true;
}

async function start() {
	// the words and the list at once: the first paint waits for both
	const first = W.api("outlets", undefined, true);
	await W.load();
	W.fill();
	W.button(draw);
	document.getElementById("svc").addEventListener("change", (ev) => {
		S.service = ev.target.value;
		load();
	});
	await load(first);
	performance.mark("outlets-drawn");
	W.stream("/api/v1/outlets/stream", { outlet: changed, reload: load });
	setInterval(() => { if (S.dirty) load(); }, 30000);
}

start();
