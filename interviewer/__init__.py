"""interviewer: timed mock interviews in the terminal, scored without AI."""

__version__ = "0.1.0"

import logging

# A library stays quiet unless the application configures logging; without
# this, warnings would print to stderr across the TUI.
logging.getLogger(__name__).addHandler(logging.NullHandler())
