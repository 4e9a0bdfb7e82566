/* panel_draw.h - paint the counter panel with the shared ui helpers.
 *
 * panel_draw() draws one whole frame of a struct panel into the layout
 * computed by panel_layout_compute(); it reads the panel and changes
 * nothing.  The caller presents the frame (ui_present).
 */
#ifndef ANTRI_PANEL_DRAW_H
#define ANTRI_PANEL_DRAW_H

#include "counter.h"
#include "layout.h"
#include "ui.h"

/* Draw the frame.  b/nb are the pad's buttons (panel_buttons()), in the
 * order of the layout's button rectangles; pressed is the index of a
 * button held down (-1 none), drawn darker. */
void panel_draw(struct ui *u, const struct panel *p,
                const struct panel_layout *l, const struct panel_button *b,
                int nb, int pressed);

#endif
