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


def _public_callables() -> list[tuple[str, object]]:
    import inspect

    found = []
    for name in likelihood.__all__:
        member = getattr(likelihood, name)
        if inspect.isfunction(member):
            found.append((name, member))
        elif inspect.isclass(member) and not issubclass(member, BaseException):
            for attr, value in vars(member).items():
                if attr.startswith("_"):
                    continue
                function = (
                    value.__func__ if isinstance(value, classmethod | staticmethod) else value
                )
                if inspect.isfunction(function):
                    found.append((f"{name}.{attr}", function))
    return found


def test_every_public_function_and_method_has_runnable_examples() -> None:
    missing = [
        name
        for name, function in _public_callables()
        if ">>> " not in (function.__doc__ or "") or "Examples" not in (function.__doc__ or "")
    ]
    assert missing == []
