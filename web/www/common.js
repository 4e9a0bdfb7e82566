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
		e.status = r.status;
		throw e;
	}
	return j;
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
