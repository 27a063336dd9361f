"""Reading texts for extraction: validation with clear errors, and streaming for large files."""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator
from pathlib import Path

from data.extract.gazetteer import Gazetteer, gazetteer
from data.extract.mention import Mention
from data.extract.pipeline import extract_chunk

#: characters per streamed chunk (a chunk ends at a paragraph break after a full stop)
CHUNK_CHARS = 1 << 20
_READ_BYTES = 1 << 20
# a paragraph that ends a sentence; Chinese copy often has one paragraph per line without blank lines
_PARAGRAPH_END = re.compile(r"[.!?。！？\"”’)]\s*\n\s*\n|[。！？][”’」』]?[ \t\u3000]*\n")


class InputError(ValueError):
    """A file that cannot be extracted from; the message names the file and what was expected."""

    def __init__(self, path: str | os.PathLike[str], problem: str) -> None:
        self.path = str(path)
        super().__init__(f"{self.path}: {problem}")


def check_file(path: str | os.PathLike[str]) -> Path:
    """Check that ``path`` is a readable, non-empty UTF-8 text file.

    Reads the file once in blocks (memory stays bounded for large files).

    Raises
    ------
    InputError
        Missing, a directory, unreadable, empty, binary (NUL bytes) or not valid UTF-8.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(path, "no such file")
    if p.is_dir():
        raise InputError(path, "is a directory; expected a UTF-8 text file")
    if not p.is_file():
        raise InputError(path, "is not a regular file; expected a UTF-8 text file")
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    has_text = False
    try:
        with p.open("rb") as fh:
            while block := fh.read(_READ_BYTES):
                if b"\x00" in block:
                    raise InputError(
                        path, "looks like a binary file (it contains NUL bytes); expected UTF-8 text"
                    )
                try:
                    chars = decoder.decode(block)
                except UnicodeDecodeError as exc:
                    bad = block[exc.start : exc.start + 1].hex()
                    raise InputError(
                        path, f"is not valid UTF-8 (byte 0x{bad} at byte offset {offset + exc.start}); "
                        "expected UTF-8 text"
                    ) from None
                has_text = has_text or bool(chars.strip())
                offset += len(block)
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                raise InputError(
                    path, "is not valid UTF-8 (it ends inside a character); expected UTF-8 text"
                ) from None
    except PermissionError:
        raise InputError(path, "cannot be read (permission denied)") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    if offset == 0:
        raise InputError(path, "is empty; expected a UTF-8 text file with some text")
    if not has_text:
        raise InputError(path, "contains only whitespace; expected some text")
    return p


def iter_file(path: str | os.PathLike[str], *, doc: str | None = None, gaz: Gazetteer | None = None,
              chunk_chars: int = CHUNK_CHARS) -> Iterator[Mention]:
    """Stream the mentions of a text file, a chunk (about ``chunk_chars`` characters) at a time.

    Parameters
    ----------
    path : path-like
        A UTF-8 text file. Offsets are character offsets into its text as decoded (line endings kept).
    doc : str, optional
        Document name for the mentions (default: the file name).
    gaz : Gazetteer, optional
    chunk_chars : int
        Approximate chunk size; memory use is bounded by a few chunks.

    Raises
    ------
    InputError
        If the file fails :func:`check_file`.
    """
    p = check_file(path)
    gaz = gaz if gaz is not None else gazetteer()
    name = doc if doc is not None else p.name
    offset = 0
    sentence_index = 0
    buffer = ""
    with p.open(encoding="utf-8", newline="") as fh:
        while True:
            block = fh.read(chunk_chars)
            buffer += block
            if not block:
                break
            cut = _cut_point(buffer, chunk_chars)
            if cut is None:
                continue
            mentions, n = extract_chunk(
                buffer[:cut], name, gaz=gaz, offset=offset, first_sentence=sentence_index
            )
            yield from mentions
            offset += cut
            sentence_index += n
            buffer = buffer[cut:]
    if buffer.strip():
        mentions, _ = extract_chunk(buffer, name, gaz=gaz, offset=offset, first_sentence=sentence_index)
        yield from mentions


def _cut_point(buffer: str, chunk_chars: int) -> int | None:
    """Where to end a chunk: after the last paragraph that ends a sentence, else after a line break."""
    if len(buffer) < chunk_chars:
        return None
    last = None
    for m in _PARAGRAPH_END.finditer(buffer, len(buffer) // 2):
        last = m.end()
    if last is not None:
        return last
    if len(buffer) < 4 * chunk_chars:
        return None  # no paragraph break yet: read on (bounded below)
    nl = buffer.rfind("\n", len(buffer) // 2)
    return nl + 1 if nl >= 0 else len(buffer)


def extract_file(path: str | os.PathLike[str], *, doc: str | None = None) -> list[Mention]:
    """Extract all mentions of a UTF-8 text file.

    Parameters
    ----------
    path : path-like
    doc : str, optional
        Document name (default: the file name).

    Returns
    -------
    list of Mention

    Raises
    ------
    InputError
        Missing, a directory, empty, binary or non-UTF-8 file (the message names the file).
    """
    return list(iter_file(path, doc=doc))
