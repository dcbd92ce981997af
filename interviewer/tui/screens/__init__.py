"""One module per screen, each with its own stylesheet beside it."""
