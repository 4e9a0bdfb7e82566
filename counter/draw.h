/* draw.h - paint the counter panel with the shared ui kit.
 *
 * counter_draw() draws one whole frame of a struct counter into the layout
 * computed by counter_layout_compute(); it reads the panel and changes
 * nothing.  The caller presents the frame (ui_present).
 */
#ifndef ANTRI_COUNTER_DRAW_H
#define ANTRI_COUNTER_DRAW_H

#include "counter.h"
#include "layout.h"
#include "ui.h"

/* Draw the frame.  b/nb are the pad's buttons (counter_buttons()), in the
 * order of the layout's button rectangles; pressed is the index of a
 * button held down (-1 none), drawn darker. */
void counter_draw(struct ui *u, const struct counter *p,
                const struct counter_layout *l, const struct counter_button *b,
                int nb, int pressed);

#endif
