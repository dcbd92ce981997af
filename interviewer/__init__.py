"""interviewer: timed mock interviews in the terminal, scored without AI."""

__version__ = "0.1.0"
