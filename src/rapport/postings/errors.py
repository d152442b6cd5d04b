"""Why a page could not be read: each message says what was wrong, for the person saving it."""

from __future__ import annotations


class UnreadablePage(Exception):
    """Nothing was saved: the page cannot be read. `message` is for the user."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class FetchError(UnreadablePage):
    """The page could not be fetched (refused, missing, too large, not a web page…)."""


class NotAPage(UnreadablePage):
    """The bytes or text are no HTML page (a PDF, an image, binary data, nothing)."""
