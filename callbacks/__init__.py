"""The ``@callback`` wiring of the page, one module per part. Importing this package registers them all
(Dash's global callback registry); ``app.py`` does so before it builds the app."""

from callbacks import charts, compare, document, export, focus, map, panel, picked, shell, state

__all__ = ["charts", "compare", "document", "export", "focus", "map", "panel", "picked", "shell", "state"]
