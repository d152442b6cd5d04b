"""Text files read as streams of lines, so that memory stays bounded whatever their size.

A file (or a zip member) is opened again for each pass rather than held: one pass checks
that it is UTF-8 (or finds a byte-order mark), the next yields its lines. A file that is
neither is decoded whole by encoding.decode_bytes, which weighs the legacy code pages.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import IO

from rapport.imports.parse.encoding import decode_bytes, not_utf8, require_file
from rapport.imports.parse.records import ImportFormatError

Opener = Callable[[], AbstractContextManager[IO[bytes]]]

LINE_PIECE = 4 * 1024 * 1024  # characters: a longer line comes in pieces
HEAD_CHARS = 1024 * 1024  # the first lines, kept to look for the header more than once
_BLOCK = 1024 * 1024
_SAMPLE = 65536
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class Lines:
    """A text's lines (each with its line end), read once as a stream.

    The first ones, up to HEAD_CHARS characters, are kept so that they can be read again:
    the header row is looked for with each delimiter in turn, then the rows are read.
    """

    def __init__(self, pieces: Iterator[str]) -> None:
        self._pieces = pieces
        self._head: list[str] = []
        self._head_chars = 0
        self._past_head = False  # lines beyond the kept head were read: no more replays
        # A text that is not UTF-8: how it was read and its first lines that are not (see
        # encoding.not_utf8), for the parser to warn about.
        self.not_utf8: tuple[str, list[int]] = ("", [])

    @classmethod
    def of_text(cls, text: str) -> Lines:
        return cls(_pieces(io.StringIO(text, newline="")))

    def replay(self, *, head_only: bool = False) -> Iterator[str]:
        """The lines from the first; with `head_only`, only as far as the kept head goes."""
        if self._past_head:
            raise RuntimeError("the lines were read past their kept head already")
        index = 0
        while True:
            if index < len(self._head):
                yield self._head[index]
                index += 1
                continue
            if self._head_chars >= HEAD_CHARS:
                if head_only:
                    return
                self._past_head = True
                yield from self._pieces
                return
            piece = next(self._pieces, None)
            if piece is None:
                return
            self._head.append(piece)
            self._head_chars += len(piece)

    def head(self, chars: int) -> str:
        """The text's first `chars` characters (fewer if it is shorter)."""
        taken: list[str] = []
        count = 0
        for piece in self.replay(head_only=True):
            taken.append(piece)
            count += len(piece)
            if count >= chars:
                break
        return "".join(taken)[:chars]

    def blank(self) -> bool:
        """Whether the text holds nothing but white space (as far as its kept head shows)."""
        for piece in self.replay(head_only=True):
            if not piece.isspace():
                return False
        return self._head_chars < HEAD_CHARS


def _pieces(handle: IO[str]) -> Iterator[str]:
    while piece := handle.readline(LINE_PIECE):
        yield piece


def file_opener(path: Path) -> Opener:
    return lambda: path.open("rb")


def file_lines(path: Path, file: str, expected: str) -> Lines:
    """The lines of the file at `path`; ImportFormatError if it is missing or not text."""
    require_file(path, file, expected)
    return text_lines(file_opener(path), file, expected)


def text_lines(opener: Opener, file: str, expected: str) -> Lines:
    """The lines of what `opener` opens, decoded as encoding.decode_bytes would."""
    try:
        codec, sample = _streamable(opener)
        if codec is None:  # another encoding, or no text: weighed as a whole
            with opener() as handle:
                data = handle.read()
            lines = Lines.of_text(decode_bytes(data, file, expected))
            lines.not_utf8 = not_utf8(data)
            return lines
    except OSError as error:
        reason = error.strerror or str(error)
        raise ImportFormatError(f"cannot be read ({reason})", file=file) from None
    decode_bytes(sample, file, expected)  # a binary file is refused from its first block
    return Lines(_decoded(opener, codec))


def _streamable(opener: Opener) -> tuple[str | None, bytes]:
    """(codec, first block): a byte-order mark's codec, or "utf-8" when every byte reads
    as UTF-8 and none is NUL; (None, b"") when the text must be weighed whole."""
    with opener() as handle:
        block = handle.read(_BLOCK)
        sample = block[:_SAMPLE]
        sample = sample[: sample.rfind(b"\n") + 1] or sample
        for bom, codec in _BOMS:
            if block.startswith(bom):
                return codec, sample
        decoder = codecs.getincrementaldecoder("utf-8")()
        while block:
            if b"\x00" in block:
                return None, b""
            try:
                decoder.decode(block)
            except UnicodeDecodeError:
                return None, b""
            block = handle.read(_BLOCK)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return None, b""
    return "utf-8", sample


def _decoded(opener: Opener, codec: str) -> Iterator[str]:
    # A byte-order mark says the encoding, but a cut-short download may end mid-character.
    errors = "strict" if codec == "utf-8" else "replace"
    with opener() as handle:
        text = io.TextIOWrapper(handle, encoding=codec, errors=errors, newline="")
        first = True
        for piece in _pieces(text):
            if first:
                piece, first = piece.removeprefix("\ufeff"), False
                if not piece:
                    continue
            yield piece
