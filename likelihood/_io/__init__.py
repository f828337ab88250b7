"""Edge: files (analysis TOML, BIF) and the ArviZ DataTree export.

Built on the public records of :mod:`likelihood._core`; it never reads a private name
of another module.
"""
