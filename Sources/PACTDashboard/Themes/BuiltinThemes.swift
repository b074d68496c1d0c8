/// The themes of `themes/*.theme`, embedded so the dashboard works wherever the
/// executable runs. Tests check these match the files; regenerate after editing a theme
/// (scripts/embed-themes.sh).
enum BuiltinThemes {
  /// Theme text by name.
  static let text: [String: String] = [
    "default": #"""
    # pact dashboard theme: default (dark).
    # This file is the schema: every key a theme may set is listed here with its
    # default. Other themes set only what they change; a missing key falls back to
    # this file. Values are #rrggbb, or empty for the terminal's own colour.
    # Colours are reduced to the 256-colour cube or to 8 colours on terminals that
    # show fewer. Lines that do not parse are reported on the status line.

    # text and panels
    main_fg = #d0d4dc
    main_bg =
    title = #ffffff
    label = #8a94a6
    border = #4e5766
    border_focus = #5fafff
    highlight = #ffd75f

    # selection: the selected row, and the selected field or graph cursor
    selected_fg = #ffffff
    selected_bg = #2a3f5f
    cursor_fg = #000000
    cursor_bg = #5fafff

    # status line and help
    status_fg = #d0d4dc
    status_bg = #262b33
    key_fg = #5fafff

    # states
    ok = #87d75f
    warning = #ffaf5f
    error = #ff5f5f

    # time-expanded graph: chosen path and vertex density gradient
    path = #ffd75f
    graph_start = #1f3a5a
    graph_mid = #3f7fbf
    graph_end = #afe0ff

    # charts: the target and deadline lines; PACT, the exact optimum and the six
    # baselines (train-then-prune, prune-first, fedcs, prunefl, oort, random) are
    # series_1 to series_8 in every chart and the screen SVG
    target = #ff5f87
    deadline = #c39b77
    series_1 = #f07030
    series_2 = #e4e4e4
    series_3 = #3d8fd9
    series_4 = #2ec28e
    series_5 = #e08cc0
    series_6 = #f2b134
    series_7 = #8fd4ff
    series_8 = #a0a0a0

    # what changed after an edit
    better = #87d75f
    worse = #ff5f5f
    """#,
    "high-contrast": #"""
    # pact dashboard theme: high contrast (pure colours on black).
    # Keys not set here fall back to default.theme.
    main_fg = #ffffff
    main_bg = #000000
    title = #ffff00
    label = #ffffff
    border = #ffffff
    border_focus = #ffff00
    highlight = #00ffff
    selected_fg = #000000
    selected_bg = #ffffff
    cursor_fg = #000000
    cursor_bg = #ffff00
    status_fg = #000000
    status_bg = #ffffff
    key_fg = #0000ff
    ok = #00ff00
    warning = #ffff00
    error = #ff0000
    path = #ff00ff
    graph_start = #0000ff
    graph_mid = #00ffff
    graph_end = #ffffff
    target = #ff0000
    deadline = #d7afff
    series_1 = #ff8700
    series_2 = #ffffff
    series_3 = #5f87ff
    series_4 = #00ff00
    series_5 = #ff00ff
    series_6 = #ffff00
    series_7 = #00ffff
    series_8 = #bcbcbc
    better = #00ff00
    worse = #ff0000
    """#,
    "light": #"""
    # pact dashboard theme: light, for terminals with a light background.
    # Keys not set here fall back to default.theme.
    main_fg = #1c2430
    main_bg = #fafafa
    title = #000000
    label = #5a6472
    border = #aab2bf
    border_focus = #005fd7
    highlight = #af5f00
    selected_fg = #000000
    selected_bg = #d0e4ff
    cursor_fg = #ffffff
    cursor_bg = #005fd7
    status_fg = #1c2430
    status_bg = #e0e4ea
    key_fg = #005fd7
    ok = #008700
    warning = #af5f00
    error = #d70000
    path = #5e3c99
    graph_start = #dbe8f7
    graph_mid = #6f9fd7
    graph_end = #00367a
    target = #b00020
    deadline = #8c564b
    series_1 = #d55e00
    series_2 = #000000
    series_3 = #0072b2
    series_4 = #009e73
    series_5 = #cc79a7
    series_6 = #e69f00
    series_7 = #56b4e9
    series_8 = #7f7f7f
    better = #008700
    worse = #d70000
    """#,
    "monochrome": #"""
    # pact dashboard theme: monochrome, used when NO_COLOR is set or the terminal
    # has no colour. Every colour is the terminal's own; selection, the cursor and
    # the status line are shown with bold and reverse video instead.
    main_fg =
    main_bg =
    title =
    label =
    border =
    border_focus =
    highlight =
    selected_fg =
    selected_bg =
    cursor_fg =
    cursor_bg =
    status_fg =
    status_bg =
    key_fg =
    ok =
    warning =
    error =
    path =
    graph_start =
    graph_mid =
    graph_end =
    target =
    deadline =
    series_1 =
    series_2 =
    series_3 =
    series_4 =
    series_5 =
    series_6 =
    series_7 =
    series_8 =
    better =
    worse =
    """#,
  ]
}
