"""``python -m likelihood``: the command line."""

from likelihood._cli import entry

entry()
