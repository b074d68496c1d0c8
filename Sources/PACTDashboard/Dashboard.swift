import PACTCore

/// The dashboard module: views that draw into a cell buffer, and the ncurses backend.
public enum Dashboard {}
