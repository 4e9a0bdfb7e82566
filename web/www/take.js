// take.js - /take, on the office's own network: a visitor's phone picks an
// open service and takes a remote ticket of today (POST /api/v1/take).
// A phone number, optional, is for the ticket's reminders ("come now", "3
// ahead", "called"), sent by this office's antri-notify in the page's
// language.  The answer's number, check-in code (big) and QR stay on the phone
// (localStorage, under the ticket's link) so its ticket page can show them
// again; the server keeps only their hashes.  Sentences: the core's
// catalogue (GET /api/v1/words); a refusal's sentence comes with it.
"use strict";
const $ = (id) => document.getElementById(id);
const S = { lang: "id", W: null, st: null, got: null, err: null, busy: false };
try { S.lang = localStorage.getItem("antri.lang") === "en" ? "en" : "id"; } catch (e) { /* private mode */ }
const w = (k, ...a) => S.W ? S.W.t(S.lang, k, ...a) : "";

function render() {
	const en = S.lang === "en";
	document.documentElement.lang = S.lang;
	antriFill(w);
	$("lang").textContent = w("t_other_lang");
	if (S.st) $("office").textContent = S.st.office || "antri";
	const box = $("services");
	box.replaceChildren();
	const open = S.st ? S.st.services.filter((s) => s.open) : [];
	for (const s of open) {
		const b = document.createElement("button"), name = document.createElement("span"),
			est = document.createElement("small");
		b.type = "button";
		b.dataset.code = s.code;
		b.disabled = S.busy;
		name.textContent = s.code + " \u00b7 " + (en ? s.name_en || s.name_id : s.name_id);
		est.textContent = s.est_wait ? s.est_wait[S.lang] : "";
		b.append(name, est);
		b.addEventListener("click", () => take(s.code));
		box.append(b);
	}
	$("none").hidden = !S.st || open.length > 0;
	$("err").hidden = !S.err;
	$("err").textContent = S.err ? S.err[S.lang] : "";
	$("pick").hidden = !!S.got;
	$("got").hidden = !S.got;
	if (S.got) {
		const g = S.got, s = S.st && S.st.services.find((x) => x.code === g.service);
		$("number").textContent = g.number;
		$("service").textContent = s ? (en ? s.name_en || s.name_id : s.name_id) : g.service;
		$("code").textContent = g.code;
		$("come").textContent = g.come ? g.come[S.lang] : "";
		$("reminded").hidden = !g.reminded;
		$("link").href = g.link;
	}
}

async function take(code) {
	if (S.busy) return;
	S.busy = true;
	S.err = null;
	render();
	try {
		// spaces and dashes as people write a number left out
		const phone = $("phone").value.replace(/[\s-]/g, "");
		const body = { service: code, lang: S.lang };
		if (phone)
			body.phone = phone;
		const r = await fetch("/api/v1/take", { method: "POST",
			headers: { "Content-Type": "application/json" },
			body: JSON.stringify(body) });
		const j = await r.json().catch(() => ({}));
		if (r.ok) {
			S.got = j;
			try {
				localStorage.setItem("antri.take." + j.link.split("/")[2],
					JSON.stringify({ code: j.code, rows: j.qr_rows }));
			} catch (e) { /* private mode: the code stays on this page */ }
			$("qr").hidden = !j.qr_rows;
			if (j.qr_rows) antriQrDraw($("qr"), j.qr_rows, 8);
		} else {
			S.err = j.error && j.error.words ? j.error.words :
				{ id: (j.error && j.error.message) || r.statusText,
					en: (j.error && j.error.message) || r.statusText };
			S.st = await antriApi("status").catch(() => S.st);
		}
	} catch (e) {
		S.err = { id: w("conn_lost"), en: w("conn_lost") };
	}
	S.busy = false;
	render();
	// the refusal is under the list of services: brought into view, not
	// left below the last one the visitor may not scroll to
	if (S.err)
		$("err").scrollIntoView({ block: "center" });
}

$("lang").addEventListener("click", () => {
	S.lang = S.lang === "id" ? "en" : "id";
	try { localStorage.setItem("antri.lang", S.lang); } catch (e) { /* private mode */ }
	render();
});

(async () => {
	S.W = await antriWords();
	try { S.st = await antriApi("status"); } catch (e) { S.err = { id: w("conn_lost"), en: w("conn_lost") }; }
	render();
})();
