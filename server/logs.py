"""Logging for the server: one stderr handler in gunicorn's format, set up once in the master process."""

from __future__ import annotations

import logging
import sys

FORMAT = "[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S %z"


def configure_logging(level: int = logging.INFO) -> None:
    """Log to stderr (gunicorn's error log is stderr too), once; workers inherit it when gunicorn forks."""
    root = logging.getLogger()
    if root.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(FORMAT, DATE_FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
