// qr.js - draws a QR code the server made (the same encoder as the paper
// ticket's, shared/print/print_qr.c) on a canvas: rows of "0"/"1", with
// the quiet zone of four modules a scanner needs.  Used by /take and the
// ticket page.
"use strict";
function antriQrDraw(canvas, rows, px) {
	const n = rows.length, q = 4, side = (n + 2 * q) * px;
	canvas.width = canvas.height = side;
	const g = canvas.getContext("2d");
	g.fillStyle = "#fff";
	g.fillRect(0, 0, side, side);
	g.fillStyle = "#000";
	rows.forEach((row, y) => {
		for (let x = 0; x < row.length; x++)
			if (row[x] === "1") g.fillRect((x + q) * px, (y + q) * px, px, px);
	});
}
