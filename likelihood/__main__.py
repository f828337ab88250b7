"""``python -m likelihood``: the command line."""

from likelihood._view.cli import entry

entry()
