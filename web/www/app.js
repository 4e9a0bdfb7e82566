// app.js - the placeholder pages of antri-serve: the log-in form and a
// live summary of the office (status, refreshed by the public event
// stream).  No framework, no inline script (the CSP forbids it).  The
// sentences are the core's (GET /api/v1/words), both languages.
"use strict";

const api = (path, body) => antriApi(path, body);
let W = null;

function text(el, s) { el.textContent = s; }

// Where to go after log-in: ?next=/counter, only a page of this server.
function nextPage() {
	const n = new URLSearchParams(location.search).get("next") || "/";
	return /^\/[a-z]*$/.test(n) ? n : "/";
}

function loginPage() {
	const f = document.getElementById("login");
	const msg = document.getElementById("msg");
	f.addEventListener("submit", async (ev) => {
		ev.preventDefault();
		text(msg, "");
		try {
			await api("login", { name: f.name.value, password: f.password.value });
			location.href = nextPage();
		} catch (e) {
			text(msg, antriSays(e));
		}
	});
}

async function showStatus() {
	const box = document.getElementById("status");
	try {
		const st = await api("status");
		text(document.getElementById("office"), st.office || "antri");
		const t = document.createElement("table");
		const head = t.insertRow();
		for (const h of ["", "service", "waiting"])
			head.appendChild(document.createElement("th")).textContent =
				h && W.both(h);
		for (const s of st.services) {
			const row = t.insertRow();
			row.insertCell().textContent = s.code;
			row.insertCell().textContent = s.name_id;
			row.insertCell().textContent = s.open ? s.waiting :
				W.both("closed");
		}
		box.replaceChildren(t);
	} catch (e) {
		text(box, antriSays(e));
	}
}

async function indexPage() {
	try {
		const me = await api("me");
		text(document.getElementById("who"), me.name + " (" + me.role + ")");
	} catch (e) { /* not logged in */ }
	await showStatus();
	// closed on pagehide, opened again on return (common.js)
	antriStream("/api/v1/public/events/stream", { message: showStatus,
		resume: showStatus });
}

document.addEventListener("DOMContentLoaded", async () => {
	const page = document.body.dataset.page;
	if (page === "login")
		loginPage();           // at once: the form never submits natively
	W = await antriWords();
	antriFill(W.both);
	if (page !== "login")
		indexPage();
});
