"""``python app.py extract FILE... [--format jsonl|csv]``: mentions of each file on stdout.

Streams: each file is read and extracted chunk by chunk and every record is written as soon as it is
found, so memory stays bounded for large files. A bad file (missing, a directory, empty, binary or not
UTF-8) gets one clear line on stderr; the other files are still processed and the exit status is 1.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable
from typing import IO, Any

from data.extract.files import InputError, iter_file
from data.extract.mention import FIELDS, Mention

FORMATS = ("jsonl", "csv")


def main(
    files: list[str], fmt: str = "jsonl", *, out: IO[str] | None = None, err: IO[str] | None = None
) -> int:
    """Extract mentions from ``files`` and write them to ``out`` (default stdout).

    Parameters
    ----------
    files : list of str
        Paths of UTF-8 text files.
    fmt : {"jsonl", "csv"}
        One JSON object per line, or CSV with a header row (columns :data:`data.extract.mention.FIELDS`).
    out, err : text streams, optional
        Default ``sys.stdout`` and ``sys.stderr``.

    Returns
    -------
    int
        0 when every file was processed, 1 when some file was bad, 2 for a bad argument.
    """
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    if fmt not in FORMATS:
        print(f"error: --format must be one of {', '.join(FORMATS)}, got {fmt!r}", file=err)
        return 2
    if not files:
        print("error: no input files given (usage: app.py extract FILE... [--format jsonl|csv])", file=err)
        return 2
    write = _writer(fmt, out)
    status = 0
    try:
        for path in files:
            try:
                for mention in iter_file(path):  # checks the file first (InputError)
                    write(mention)
            except InputError as exc:
                print(f"error: {exc}", file=err)
                status = 1
        out.flush()
    except BrokenPipeError:
        # the reader went away (``| head``): stop quietly, like other command-line tools
        _silence_stdout()
        return status
    except KeyboardInterrupt:
        print("error: interrupted", file=err)
        return 130
    except RuntimeError as exc:  # geo.source.SourceError: the name data itself is missing or corrupt
        print(f"error: cannot build the gazetteer: {exc}", file=err)
        return 1
    return status


def _writer(fmt: str, out: IO[str]) -> Callable[[Mention], None]:
    if fmt == "jsonl":
        def write_jsonl(m: Mention) -> None:
            out.write(json.dumps(_record(m), ensure_ascii=False) + "\n")

        return write_jsonl
    writer = csv.DictWriter(out, fieldnames=list(FIELDS), lineterminator="\n")
    writer.writeheader()

    def write_csv(m: Mention) -> None:
        writer.writerow({k: ("" if v is None else v) for k, v in _record(m).items()})

    return write_csv


def _record(m: Mention) -> dict[str, Any]:
    return m.to_record()


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at devnull so the interpreter's final flush does not fail."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
