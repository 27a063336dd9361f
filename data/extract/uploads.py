"""Reading an uploaded document into text, with limits: .txt, .md, .html, .pdf and .docx.

Everything happens in memory: nothing a user sends is written to disk. Every refusal is an
:class:`UploadError` carrying the HTTP status the API answers with (413 too large, 415 unsupported type,
422 unreadable) and a message that says what was wrong and what is accepted.

Limits (module constants, stated in the README's "Documents" section):

- :data:`MAX_UPLOAD_BYTES` (5 MB) per file or pasted text;
- :data:`MAX_TEXT_CHARS` (2 million characters) of text after conversion;
- :data:`MAX_SECONDS` (10 s) for conversion and extraction together (checked between pages and chunks);
- a .docx (a zip) whose entries would inflate past :data:`MAX_INFLATED_BYTES` (20 MB), or any entry past a
  compression ratio of :data:`MAX_RATIO`, is refused from the sizes in its directory, before anything is
  inflated (and the read itself is bounded, in case the directory lies);
- a PDF of more than :data:`MAX_PDF_PAGES` pages is refused; one without a text layer (a scan) gets a clear
  message: there is no OCR.

The type comes from the file name's suffix and must agree with the content's magic bytes (``%PDF-`` for
PDF, a zip for .docx, UTF-8 text without NUL bytes for the others).
"""

from __future__ import annotations

import io
import re
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import PurePosixPath, PureWindowsPath
from xml.etree import ElementTree

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_TEXT_CHARS = 2_000_000
MAX_SECONDS = 10.0
MAX_INFLATED_BYTES = 20 * 1024 * 1024
MAX_RATIO = 100
MAX_ZIP_ENTRIES = 1000
MAX_PDF_PAGES = 500

SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")
_TEXT_SUFFIXES = (".txt", ".md")
_ACCEPTED = ".txt, .md, .html, .pdf or .docx"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class UploadError(ValueError):
    """A document that is refused; ``status`` is the HTTP status (413, 415 or 422) to answer with."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        super().__init__(message)


@dataclass(frozen=True)
class Deadline:
    """A point in time past which conversion and extraction stop with a 422."""

    at: float

    @classmethod
    def after(cls, seconds: float = MAX_SECONDS) -> Deadline:
        return cls(time.monotonic() + seconds)

    def check(self) -> None:
        if time.monotonic() > self.at:
            raise UploadError(422, f"the document took longer than {MAX_SECONDS:g} s to read and extract; "
                                   "send a shorter one")


def safe_name(filename: str | None, default: str = "document.txt") -> str:
    """The base name of an uploaded file's name (no folders), at most 120 characters, or ``default``."""
    if not filename:
        return default
    name = PureWindowsPath(PurePosixPath(filename).name).name.strip()
    name = "".join(ch for ch in name if ch.isprintable())[:120]
    return name or default


def read_upload(data: bytes, filename: str | None, *, deadline: Deadline | None = None) -> str:
    """The text of an uploaded file.

    Parameters
    ----------
    data : bytes
        The file's bytes.
    filename : str or None
        Its name as sent; the suffix picks the reader (no name: plain text).
    deadline : Deadline, optional
        Default: :data:`MAX_SECONDS` from now.

    Raises
    ------
    UploadError
        413, 415 or 422 with a message (see the module docstring).
    """
    deadline = deadline or Deadline.after()
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadError(413, f"the file is {len(data):,} bytes; the limit is {MAX_UPLOAD_BYTES:,} bytes "
                               "(5 MB)")
    suffix = PurePosixPath(safe_name(filename, "document.txt").lower()).suffix
    if suffix not in SUFFIXES:
        raise UploadError(415, f"unsupported file type {suffix or '(no suffix)'!r}; expected {_ACCEPTED}")
    if not data:
        raise UploadError(422, "the file is empty")
    is_pdf = data[:1024].lstrip().startswith(b"%PDF-")
    is_zip = data.startswith(b"PK\x03\x04")
    if suffix == ".pdf":
        if not is_pdf:
            raise UploadError(415, "the file is named .pdf but does not start like a PDF (%PDF-)")
        text = _pdf_text(data, deadline)
    elif suffix == ".docx":
        if not is_zip:
            raise UploadError(415, "the file is named .docx but is not a zip archive (a .docx is one)")
        text = _docx_text(data, deadline)
    else:
        if is_pdf or is_zip:
            raise UploadError(415, f"the file is named {suffix} but its content is a "
                                   f"{'PDF' if is_pdf else 'zip archive'}; name it .pdf or .docx")
        text = decode_text(data)
        if suffix in (".html", ".htm"):
            text = html_text(text, deadline)
    return check_text(text)


def decode_text(data: bytes) -> str:
    """UTF-8 text (a byte-order mark is dropped); binary data or invalid UTF-8 is a 422."""
    if b"\x00" in data:
        raise UploadError(422, "the content looks binary (it contains NUL bytes); expected UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadError(
            422, f"the text is not valid UTF-8 (byte 0x{data[exc.start:exc.start + 1].hex()} at offset "
                 f"{exc.start}); save it as UTF-8"
        ) from None


def check_text(text: str) -> str:
    """``text`` if it has something to extract from and is within :data:`MAX_TEXT_CHARS`."""
    if len(text) > MAX_TEXT_CHARS:
        raise UploadError(413, f"the document has {len(text):,} characters of text; the limit is "
                               f"{MAX_TEXT_CHARS:,}")
    if not text.strip():
        raise UploadError(422, "the document contains no text")
    return text


# -- HTML ---------------------------------------------------------------------------------------------

_BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
                     "article", "header", "footer", "blockquote", "pre", "table", "ul", "ol", "title"})
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head"})


class _TextParser(HTMLParser):
    def __init__(self, deadline: Deadline) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.deadline = deadline
        self.fed = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_text(markup: str, deadline: Deadline | None = None) -> str:
    """The visible text of an HTML document (scripts and styles dropped), blocks as paragraphs."""
    deadline = deadline or Deadline.after()
    parser = _TextParser(deadline)
    step = 256 * 1024
    for i in range(0, len(markup), step):
        parser.feed(markup[i : i + step])
        deadline.check()
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    return re.sub(r"\s*\n\s*\n\s*", "\n\n", text).strip()


# -- DOCX ---------------------------------------------------------------------------------------------

def _docx_text(data: bytes, deadline: Deadline) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise UploadError(422, "the .docx is not a readable zip archive") from None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise UploadError(413, f"the .docx holds {len(infos):,} entries; the limit is {MAX_ZIP_ENTRIES:,}")
    inflated = sum(i.file_size for i in infos)
    if inflated > MAX_INFLATED_BYTES:
        raise UploadError(413, f"the .docx would inflate to {inflated:,} bytes; the limit is "
                               f"{MAX_INFLATED_BYTES:,} (a zip bomb?)")
    for info in infos:
        if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > 1024 * 1024:
            raise UploadError(413, f"the .docx entry {safe_name(info.filename)!r} is compressed more than "
                                   f"{MAX_RATIO}:1 (a zip bomb?)")
    try:
        info = archive.getinfo("word/document.xml")
    except KeyError:
        raise UploadError(422, "the .docx has no word/document.xml: not a Word document") from None
    try:
        with archive.open(info) as fh:
            xml = fh.read(MAX_INFLATED_BYTES + 1)  # bounded even if the directory lies
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError, RuntimeError):
        raise UploadError(422, "the .docx's document part cannot be read (corrupt or encrypted)") from None
    if len(xml) > MAX_INFLATED_BYTES:
        raise UploadError(413, f"the .docx inflates past {MAX_INFLATED_BYTES:,} bytes (a zip bomb?)")
    deadline.check()
    if b"<!DOCTYPE" in xml[:4096].upper() or b"<!ENTITY" in xml.upper():
        raise UploadError(422, "the .docx's XML declares a DTD or entities; Word never writes one")
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        raise UploadError(422, "the .docx's document part is not well-formed XML") from None
    paragraphs: list[str] = []
    for i, para in enumerate(root.iter(f"{_W}p")):
        if i % 2000 == 0:
            deadline.check()
        paragraphs.append("".join(_docx_runs(para)))
    return "\n\n".join(p for p in paragraphs if p.strip())


def _docx_runs(para: ElementTree.Element) -> Iterator[str]:
    for node in para.iter():
        if node.tag == f"{_W}t" and node.text:
            yield node.text
        elif node.tag == f"{_W}tab":
            yield "\t"
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            yield "\n"


# -- PDF ----------------------------------------------------------------------------------------------

def _pdf_text(data: bytes, deadline: Deadline) -> str:
    import logging

    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - pypdf is in requirements.lock
        raise UploadError(415, "PDF reading is not installed on this server (pypdf)") from None
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed files are expected here, not news
    pages: list[str] = []
    try:
        with _alarm(deadline):
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise UploadError(422, "the PDF is encrypted; send an unprotected copy")
            count = len(reader.pages)
            if count > MAX_PDF_PAGES:
                raise UploadError(413, f"the PDF has {count:,} pages; the limit is {MAX_PDF_PAGES:,}")
            size = 0
            for page in reader.pages:
                deadline.check()
                text = page.extract_text() or ""
                size += len(text)
                if size > MAX_TEXT_CHARS:
                    raise UploadError(413, f"the PDF has more than {MAX_TEXT_CHARS:,} characters of text")
                pages.append(text)
    except UploadError:
        raise
    except _Timeout:
        raise UploadError(422, f"the PDF took longer than {MAX_SECONDS:g} s to read; send a shorter one "
                               "or its text") from None
    except Exception:  # pypdf raises many kinds on malformed input; none is the server's fault
        raise UploadError(422, "the PDF is malformed and cannot be read") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise UploadError(422, "the PDF has no text layer (a scanned image?); this server does no OCR: "
                               "send a PDF with text, or the text itself")
    return text


class _Timeout(Exception):
    pass


@contextmanager
def _alarm(deadline: Deadline) -> Iterator[None]:
    """Interrupt a stuck parser at the deadline (SIGALRM: only in a process's main thread, as gunicorn's
    sync workers run requests); elsewhere the checks between pages are the only bound."""
    import signal

    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def fire(signum: int, frame: object) -> None:
        raise _Timeout()

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, max(0.01, deadline.at - time.monotonic()))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
