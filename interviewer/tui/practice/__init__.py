"""Spaced-repetition practice in the TUI: its app, screens and widgets."""
