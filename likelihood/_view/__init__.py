"""Edge: what people read: plots, the text and HTML reports, and the command line.

Built on the public records of :mod:`likelihood._core`; it never reads a private name
of another module.
"""
