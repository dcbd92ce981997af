"""Screens for interviewer-led screenings: the candidate view and the review."""
