#ifndef PACT_CNCURSESW_SHIM_H
#define PACT_CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Swift 6 cannot read C globals such as stdscr, COLS, LINES, COLORS: expose accessors. */
static inline WINDOW *pact_stdscr(void) { return stdscr; }
static inline int pact_cols(void) { return COLS; }
static inline int pact_lines(void) { return LINES; }
static inline int pact_colors(void) { return COLORS; }
static inline int pact_color_pairs(void) { return COLOR_PAIRS; }

/* Attribute and mouse masks are built by macros Swift does not import. */
static inline attr_t pact_a_normal(void) { return A_NORMAL; }
static inline attr_t pact_a_bold(void) { return A_BOLD; }
static inline attr_t pact_a_dim(void) { return A_DIM; }
static inline attr_t pact_a_underline(void) { return A_UNDERLINE; }
static inline attr_t pact_a_reverse(void) { return A_REVERSE; }
static inline attr_t pact_a_italic(void) { return A_ITALIC; }
static inline mmask_t pact_button1_pressed(void) { return BUTTON1_PRESSED | BUTTON1_CLICKED; }
static inline mmask_t pact_button4_pressed(void) { return BUTTON4_PRESSED; }
#ifdef BUTTON5_PRESSED
static inline mmask_t pact_button5_pressed(void) { return BUTTON5_PRESSED; }
#else
static inline mmask_t pact_button5_pressed(void) { return 0; }
#endif

/* Draws one cell: a short wide-character string with attributes and a colour pair. */
static inline int pact_put_cell(int y, int x, const wchar_t *text, attr_t attrs, int pair) {
  cchar_t cell;
  if (setcchar(&cell, text, attrs, (short)(pair < 32767 ? pair : 0), NULL) != OK) return ERR;
  return mvadd_wch(y, x, &cell);
}
#endif
