"""The terminal interface; the only package that imports Textual."""

from interviewer.tui.app import InterviewerApp

__all__ = ["InterviewerApp"]
