"""Widgets of the interview screens: countdown, answer editor and score card."""
