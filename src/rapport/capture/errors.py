"""The one error capture raises for input it cannot use: it says what and where."""


class CaptureError(Exception):
    """A file, a URL or an account that cannot be read; nothing was written."""
