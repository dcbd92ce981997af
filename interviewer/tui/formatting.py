"""Text for stored sessions shared by the history, review and resume screens."""

from __future__ import annotations

from datetime import datetime

STATUS_WORDS = {
    "active": "unfinished",
    "finished": "finished",
    "abandoned": "discarded",
}
"""Screen names of the stored session statuses."""


def local_time(iso: str) -> str:
    """Return a stored UTC time as local ``YYYY-MM-DD HH:MM``, or as stored."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


NOTICE_SECONDS = 30
"""Save errors stay on screen this long, longer than ordinary notices."""
