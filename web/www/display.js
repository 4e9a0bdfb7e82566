// display.js - the room's board in a TV's browser (/display), public and
// read-only.  The status (GET /api/v1/status) draws the board; the public
// event stream (/api/v1/public/events/stream) brings each call, drawn in
// the big box in the frame it arrives, and its clips (computed by the
// server with the same rule as antri-display) played in order from
// /clips/.  A browser that blocks sound gets a "tap to enable" bar at the
// foot, under the board (it hides nothing).  Every sentence is the core's
// (GET /api/v1/words), in Indonesian with the English beside it.
"use strict";

const $ = (id) => document.getElementById(id);
const LANG = new URLSearchParams(location.search).get("lang") === "en" ?
	"en" : "id";
let W = null;
const S = { st: null, audio: new Audio(), clips: [], playing: false,
	blocked: false, day: "" };

function clipUrl(name) {
	return name === "chime" ? "/clips/chime.wav" :
		"/clips/" + LANG + "/" + encodeURIComponent(name) + ".wav";
}

// Play the queued clips one after another; stop (and ask for a tap) when
// the browser refuses to play without a gesture.
function playNext() {
	if (S.playing || S.blocked || !S.clips.length)
		return;
	S.playing = true;
	S.audio.src = clipUrl(S.clips[0]);
	S.audio.play().then(() => {
		S.clips.shift();
	}).catch((e) => {
		S.playing = false;
		if (e && e.name === "NotAllowedError") {
			S.blocked = true;
			$("sound").hidden = false;
		} else {
			S.clips.shift();      // a missing clip is skipped
			playNext();
		}
	});
}
S.audio.addEventListener("ended", () => { S.playing = false; playNext(); });
S.audio.addEventListener("error", () => { S.playing = false; S.clips.shift();
	playNext(); });

function showCall(number, counter) {
	const box = $("call");
	$("callnum").textContent = number;
	$("callctr").textContent = counter ? W.both("d_counter_n", counter) : "";
	box.classList.remove("flash");
	void box.offsetWidth;          // restart the animation
	box.classList.add("flash");
}

function renderTiles(st) {
	const box = $("tiles");
	box.replaceChildren();
	for (const c of st.counters) {
		if (c.state === "closed")
			continue;
		const d = document.createElement("div");
		d.className = "tile " + c.state;
		const l = d.appendChild(document.createElement("div"));
		l.className = "lbl";
		l.textContent = W.t("id", "d_counter_n", c.number);
		const n = d.appendChild(document.createElement("div"));
		n.className = "num";
		n.textContent = c.state === "paused" ? W.both("d_break") :
			c.current ? c.current.number : "-";
		box.appendChild(d);
	}
}

function render() {
	const st = S.st;
	$("office").textContent = st.office || "antri";
	renderTiles(st);
	const ol = $("recent");
	ol.replaceChildren();
	for (const c of st.calls.slice(0, 6)) {
		const li = ol.appendChild(document.createElement("li"));
		li.appendChild(document.createElement("b")).textContent = c.number;
		li.appendChild(document.createElement("span")).textContent =
			W.t("id", "counter_n", c.counter);
	}
	if (st.calls.length && $("callnum").textContent === "---")
		showCall(st.calls[0].number, st.calls[0].counter);
	const adm = $("admitted");
	adm.replaceChildren();
	st.admitted.forEach((label, i) => {
		const s = adm.appendChild(document.createElement("span"));
		s.textContent = label;
		if (i === 0)
			s.className = "newest";
	});
	const occ = $("occ");
	occ.textContent = st.limit ? st.occupancy + " / " + st.limit :
		String(st.occupancy);
	occ.className = "occval" + (st.limit && st.occupancy >= st.limit ?
		" full" : "");
	$("outside").textContent = st.outside ?
		W.both("d_outside_n", st.outside) : "";
	const body = $("services").tBodies[0];
	body.replaceChildren();
	for (const s of st.services) {
		if (!s.open)
			continue;
		const r = body.insertRow();
		r.insertCell().textContent = s.code + " " + s.name_id;
		const n = r.insertCell();
		n.className = "n";
		n.textContent = String(s.waiting + s.outside);
	}
	const nt = $("notice");
	nt.textContent = st.notice || "";
	nt.className = "scroll" + (st.notice && st.notice.length > 60 ? "" :
		" still");
}

const refresh = antriEachFrame(async () => {
	try {
		S.st = await antriApi("status");
		if (S.day && S.st.day !== S.day)
			$("callnum").textContent = "---";   // a new day
		S.day = S.st.day;
		render();
	} catch (e) {
		// the stream's error handler says the connection is lost
	}
});

function onEvent(msg) {
	let e;
	try {
		e = JSON.parse(msg.data);
	} catch (err) {
		return;
	}
	if (e.kind === "called" || e.kind === "recalled")
		showCall(e.number, e.counter);
	if (e.clips && e.clips.length) {
		S.clips.push(...e.clips);
		playNext();
	}
	refresh();
}

// Closed on pagehide, opened again when the page comes back (common.js);
// on return the board is read afresh, and calls missed meanwhile are not
// announced late.
function listen() {
	antriStream("/api/v1/public/events/stream", {
		open: () => { $("conn").hidden = true; refresh(); },
		message: onEvent,
		error: () => { $("conn").hidden = false; },
		resume: refresh,
	});
}

function tick() {
	const d = new Date();
	$("clock").textContent = d.toLocaleTimeString("id-ID",
		{ hour: "2-digit", minute: "2-digit" });
	if (d.getSeconds() === 0)
		refresh();            // the business day and estimates move on
}

$("sound").addEventListener("click", () => {
	S.blocked = false;
	$("sound").hidden = true;
	playNext();
});
// Ask once at start whether sound may play without a tap (volume 0, not
// muted: a muted clip would always be allowed and prove nothing).
function probeSound() {
	const a = new Audio(clipUrl("chime"));
	a.volume = 0;
	a.play().then(() => a.pause()).catch((e) => {
		if (e && e.name === "NotAllowedError") {
			S.blocked = true;
			$("sound").hidden = false;
		}
	});
}

// A heading's words: the Indonesian, and the English smaller beside it;
// the title both.
function headings() {
	antriFill(W.both);
	for (const e of document.body.querySelectorAll("[data-w]")) {
		const small = document.createElement("small");
		small.textContent = " / " + W.t("en", e.dataset.w);
		e.replaceChildren(W.t("id", e.dataset.w), small);
	}
}

async function start() {
	W = await antriWords();
	headings();
	probeSound();
	tick();
	setInterval(tick, 1000);
	refresh();
	listen();
}

start();
