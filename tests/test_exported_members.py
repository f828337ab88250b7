"""The public surface is exactly what __all__ says, and it is sorted."""

from __future__ import annotations

import likelihood


def test_all_is_sorted() -> None:
    assert likelihood.__all__ == sorted(likelihood.__all__)


def test_all_equals_public_names() -> None:
    public = {
        name
        for name, value in vars(likelihood).items()
        if not name.startswith("_") and getattr(value, "__module__", "").startswith("likelihood")
    }
    assert public | {"__version__"} == set(likelihood.__all__)


def test_every_exported_member_is_documented() -> None:
    for name in likelihood.__all__:
        if name == "__version__":
            continue
        member = getattr(likelihood, name)
        assert member.__doc__ and member.__doc__.strip(), name
        assert member.__module__.startswith("likelihood._"), name
