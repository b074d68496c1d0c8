#ifndef PACT_CNCURSESW_SHIM_H
#define PACT_CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <ncursesw/curses.h>

/* Swift 6 cannot read C globals such as stdscr, COLS, LINES, COLORS: expose accessors. */
static inline WINDOW *pact_stdscr(void) { return stdscr; }
static inline int pact_cols(void) { return COLS; }
static inline int pact_lines(void) { return LINES; }
static inline int pact_colors(void) { return COLORS; }
static inline int pact_color_pairs(void) { return COLOR_PAIRS; }
#endif
