"""``POST /api/extract``: places, strategies, Box 12 items and numeric claims of a text or an uploaded file.

The body is ``text/plain`` (UTF-8) or ``multipart/form-data`` with a field ``file`` (.txt, .md, .html,
.pdf, .docx). The answer is JSON from :func:`views.document.analyse` (the document view's code path):
``{"mentions": [...], "language": "en|zh", "provinces": {adcode: count}, "claims": [...], ...}``, each
mention with the fields ``python app.py extract --format jsonl`` prints. ``?text=1`` adds the text read
(the document view highlights it).

Limits (:mod:`data.extract.uploads`): a body over 5 MB is refused from its Content-Length before it is
read (413); an unsupported type is a 415; unreadable content (binary, invalid UTF-8, a malformed PDF, a
PDF without text, a zip bomb) a 413 or 422; extraction past 10 s a 422. Every refusal is a small JSON
document ``{"status", "error", "detail"}``; nothing is written to disk or kept after the answer.
"""

from __future__ import annotations

import io
import json
import logging
from typing import Any

from data.extract.uploads import MAX_UPLOAD_BYTES, Deadline, UploadError, decode_text, safe_name
from views.document import analyse, analyse_upload

log = logging.getLogger(__name__)

EXTRACT_PATH = "/api/extract"
#: a multipart body carries the file plus its headers and boundaries
MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024
_ERRORS = {400: "bad request", 413: "payload too large", 415: "unsupported media type",
           422: "unprocessable content"}


def install(server: Any) -> None:
    """Register ``POST /api/extract`` on the Flask ``server``."""
    server.add_url_rule(EXTRACT_PATH, "atlas_api_extract", extract_endpoint, methods=["POST"])


def extract_endpoint() -> Any:
    from flask import request
    from werkzeug.exceptions import RequestEntityTooLarge

    # this route has its own limit (the app's is the callback bodies' 128 KB)
    request.max_content_length = MAX_BODY_BYTES
    request.max_form_memory_size = MAX_BODY_BYTES
    request.max_form_parts = 20
    length = request.content_length
    if length is not None and length > MAX_BODY_BYTES:
        return error(413, f"the body is {length:,} bytes; the limit is {MAX_UPLOAD_BYTES:,} bytes (5 MB) "
                          "per document")
    with_text = request.args.get("text") == "1"
    from data.extract.gazetteer import gazetteer

    gazetteer()  # built once per worker (about 2 s): not part of a document's time budget
    deadline = Deadline.after()
    try:
        mimetype = request.mimetype
        if mimetype == "multipart/form-data":
            # keep uploads in memory: nothing a user sends is written to disk
            request._get_file_stream = _memory_stream  # type: ignore[method-assign]
            upload = request.files.get("file")
            if upload is None:
                return error(400, "expected a multipart field named 'file'")
            data = upload.stream.read(MAX_UPLOAD_BYTES + 1)
            result, text = analyse_upload(data, upload.filename or "document.txt", deadline=deadline)
        elif mimetype in ("text/plain", "text/markdown"):
            charset = (request.mimetype_params.get("charset") or "utf-8").lower()
            if charset not in ("utf-8", "utf8"):
                return error(415, f"charset {charset!r}: send the text as UTF-8")
            data = request.get_data(cache=False)
            if len(data) > MAX_UPLOAD_BYTES:
                return error(413, f"the text is over {MAX_UPLOAD_BYTES:,} bytes (5 MB)")
            text = decode_text(data)
            result = analyse(text, safe_name(request.args.get("name"), "text"), deadline=deadline)
        else:
            return error(415, f"Content-Type {mimetype or '(none)'!r}: send text/plain (UTF-8) or "
                              "multipart/form-data with a field 'file' (.txt, .md, .html, .pdf, .docx)")
    except UploadError as exc:
        return error(exc.status, str(exc))
    except RequestEntityTooLarge:
        return error(413, f"the body is over {MAX_UPLOAD_BYTES:,} bytes (5 MB)")
    except ValueError as exc:  # a malformed multipart body
        log.info("api/extract: malformed body (%s)", type(exc).__name__)
        return error(400, "the multipart body is malformed")
    return _json(result.to_json(with_text=text if with_text else None), 200)


def _memory_stream(total_content_length: int | None, content_type: str | None, filename: str | None = None,
                   content_length: int | None = None) -> io.BytesIO:
    return io.BytesIO()


def error(status: int, detail: str) -> Any:
    """A JSON refusal, in the shape of the app's other errors (``server.security``)."""
    return _json({"status": status, "error": _ERRORS.get(status, "error"), "detail": detail}, status)


def _json(document: dict[str, Any], status: int) -> Any:
    from flask import Response

    response = Response(json.dumps(document, ensure_ascii=False), status=status, mimetype="application/json")
    response.headers["Cache-Control"] = "no-store"
    return response
