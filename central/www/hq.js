// hq.js - /hq, the head office's board: log-in, every outlet with its
// problems first (the server's order), and one outlet's counters and
// last calls.  Live: any outlet's change reads the board (and the open
// outlet) again, at most once a second.  Start at start().
"use strict";

const H = { rows: [], open: null, timer: 0, me: null };

const PROBLEM = { offline: "cx_offline", over_limit: "cx_over_limit",
	long_wait: "cx_long_wait", printer: "cx_printer" };

function show(id) {
	for (const s of ["login", "board", "detail"])
		document.getElementById(s).hidden = s !== id;
	document.getElementById("logout").hidden = id === "login";
}

function row(o) {
	const tr = el("tr", o.problems.length ? "bad" : "");
	tr.dataset.id = o.id;
	const n = el("td", "name");
	n.append(el("b", "", o.name), el("div", "area", o.area));
	const p = el("td", "problems");
	for (const k of o.problems) {
		const txt = k === "offline" ? W.noNews(o.last_seen)
		    : W.t(PROBLEM[k]);
		p.append(el("span", "badge " + k, txt));
	}
	if (!o.problems.length)
		p.append(el("span", "badge ok", W.t(o.open ? "cx_open" : "cx_closed")));
	tr.append(n, p, el("td", "num", o.limit > 0 ? o.inside + "/" + o.limit
	    : String(o.inside)), el("td", "num", String(o.waiting)),
	    el("td", "num", W.wait(o.max_wait_s)));
	tr.addEventListener("click", () => openOutlet(o.id));
	return tr;
}

function drawBoard() {
	document.getElementById("rows").replaceChildren(...H.rows.map(row));
	document.getElementById("count").textContent =
	    W.t("cx_outlets_n", H.rows.length);
}

async function loadBoard() {
	try {
		H.rows = (await W.api("hq/board")).outlets;
	} catch (e) {
		if (e.status === 401)
			return loggedOut();
		throw e;
	}
	drawBoard();
}

function drawDetail(d) {
	document.getElementById("dname").textContent = d.name + " \u2014 " + d.area;
	const st = [W.t(d.open ? "cx_open" : "cx_closed")];
	if (d.limit > 0)
		st.push(W.t("cx_room", d.inside, d.limit));
	if (!d.online)
		st.push(W.noNews(d.last_seen));
	if (d.printer_problem)
		st.push(W.t("cx_printer"));
	document.getElementById("dstate").textContent = st.join(" \u00b7 ");
	const rows = d.counters.map((k) => {
		const tr = el("tr", "k-" + k.state);
		tr.append(el("td", "", W.t("counter_n", k.number)),
		    el("td", "", W.t("m_" + k.state)), el("td", "", k.services),
		    el("td", "cur", k.current || "\u2014"));
		return tr;
	});
	document.getElementById("counters").replaceChildren(...rows);
	const calls = d.calls.map((c) => el("li", "", W.t("cx_call_at", c.number,
	    c.counter, new Date(c.ts_ms).toTimeString().substr(0, 5).replace(":", "."))));
	if (!calls.length)
		calls.push(el("li", "none", W.t("cx_no_calls")));
	document.getElementById("calls").replaceChildren(...calls);
}

async function openOutlet(id) {
	H.open = id;
	const d = await W.api("hq/outlets/" + encodeURIComponent(id));
	H.detail = d;
	drawDetail(d);
	show("detail");
}

function redraw() {
	drawBoard();
	if (H.detail)
		drawDetail(H.detail);
	document.getElementById("who").textContent = H.me ?
	    H.me.name + " (" + H.me.role + ")" : "";
}

// any change: the board (and the open outlet) again, once a second at most
function changed() {
	if (H.timer)
		return;
	H.timer = setTimeout(async () => {
		H.timer = 0;
		await loadBoard();
		if (H.open && !document.getElementById("detail").hidden)
			await openOutlet(H.open);
	}, 1000);
}

function loggedOut() {
	H.me = null;
	redraw();
	show("login");
}

async function loggedIn(me) {
	H.me = me;
	redraw();
	await loadBoard();
	show("board");
	if (!H.streaming) {
		H.streaming = true;
		W.stream("/api/v1/hq/stream", { outlet: changed, reload: changed });
	}
}

async function start() {
	await W.load();
	W.fill();
	W.button(redraw);
	document.getElementById("login").addEventListener("submit", async (ev) => {
		ev.preventDefault();
		const err = document.getElementById("loginerr");
		err.textContent = "";
		try {
			const me = await W.api("hq/login", {
				name: document.getElementById("name").value,
				password: document.getElementById("password").value });
			document.getElementById("password").value = "";
			await loggedIn(me);
		} catch (e) {
			err.textContent = e.status === 401 ? W.t("cx_bad_login") : e.message;
		}
	});
	document.getElementById("logout").addEventListener("click", async () => {
		await W.api("hq/logout", {}).catch(() => null);
		loggedOut();
	});
	document.getElementById("back").addEventListener("click", () => {
		H.open = null;
		H.detail = null;
		show("board");
	});
	try {
		await loggedIn(await W.api("hq/me"));
	} catch (e) {
		loggedOut();
	}
}

start();
