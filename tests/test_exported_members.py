"""The public surface is exactly what __all__ says, sorted, and named as `likelihood.X`."""

from __future__ import annotations

import pytest

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


def test_exported_members_report_the_public_module() -> None:
    # reprs, tracebacks and the docs name likelihood.X, not the private module X lives in
    for name in likelihood.__all__:
        if name == "__version__":
            continue
        member = getattr(likelihood, name)
        assert member.__module__ == "likelihood", name
        assert member.__qualname__ == name, name
        if isinstance(member, type):
            assert repr(member) == f"<class 'likelihood.{name}'>", name


def test_an_error_type_reads_likelihood_dot_name() -> None:
    assert likelihood.UnknownTermError.__qualname__ == "UnknownTermError"
    assert repr(likelihood.UnknownTermError) == "<class 'likelihood.UnknownTermError'>"
    with pytest.raises(likelihood.UnknownTermError) as info:
        likelihood.judge("highy unlikely")
    error = info.value
    shown = f"{type(error).__module__}.{type(error).__qualname__}: {error}"
    assert shown.startswith("likelihood.UnknownTermError: 'highy unlikely' is not a term")
    assert str(likelihood.UnknownTermError("a sentence", term="x", scale="phia")) == "a sentence"


def test_the_traceback_names_the_public_module() -> None:
    import traceback

    with pytest.raises(likelihood.ProbabilityError) as info:
        likelihood.judge(1.7)
    last = traceback.format_exception_only(info.value)[-1]
    assert last.startswith("likelihood.ProbabilityError: value must be a probability")


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
