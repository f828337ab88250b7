"""The package version (a leaf module: it imports nothing from the package)."""

__version__ = "0.1.0"
