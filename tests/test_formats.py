"""Hugin .net, GeNIe .xdsl/.dsl, XMLBIF and UAI, read and written through pyAgrum (the extra).

The oracle is pyAgrum itself: its LazyPropagation on the same file. pyAgrum's readers of
.net, .dsl and .uai parse numbers in single precision, its writers of .xdsl, .dsl, XMLBIF and
.uai keep 6 digits: both sides read the same file, so they agree to 1e-6 all the same.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path
from typing import Any

import _pgmpy
import numpy as np
import pytest

import likelihood as lk

gum = pytest.importorskip("pyagrum")

#: suffix -> (pyAgrum's reader, its writer)
FORMATS = {
    ".net": ("loadNET", "saveNET"),
    ".xdsl": ("loadXDSL", "saveXDSL"),
    ".dsl": ("loadDSL", "saveDSL"),
    ".bifxml": ("loadBIFXML", "saveBIFXML"),
    ".xml": ("loadBIFXML", "saveBIFXML"),
    ".xmlbif": ("loadBIFXML", "saveBIFXML"),
    ".uai": ("loadUAI", "saveUAI"),
}


def _gum_load(path: Path) -> Any:
    bn = gum.BayesNet()
    getattr(bn, FORMATS[path.suffix][0])(str(path))
    return bn


def _bnlearn(name: str, tmp_path: Path) -> Any:
    """A bnlearn network from pgmpy's wheel, read by pyAgrum."""
    plain = tmp_path / f"{name}.bif"
    plain.write_bytes(gzip.decompress((_pgmpy.example_models() / f"{name}.bif.gz").read_bytes()))
    return gum.loadBN(str(plain))


def _our_name(bn: Any, node: int, suffix: str) -> str:
    """The model's name of a pyAgrum variable (UAI has numbers for names: v0, v1, ...)."""
    name = bn.variable(node).name()
    return f"v{name}" if suffix == ".uai" else name


def _leaves(bn: Any, count: int = 3) -> list[int]:
    leaves = [n for n in bn.nodes() if not bn.children(n)]
    return sorted(leaves, key=lambda n: bn.variable(n).name())[:count]


def _compare(bn: Any, post: lk.Posterior, suffix: str, evidence: dict[int, int]) -> None:
    """Every marginal of the posterior against pyAgrum's LazyPropagation (a fresh one)."""
    ie = gum.LazyPropagation(bn)
    ie.setEvidence({bn.variable(n).name(): state for n, state in evidence.items()})
    ie.makeInference()
    checked = 0
    for node in bn.nodes():
        if node in evidence:
            continue
        theirs = ie.posterior(node).tolist()
        ours = post.probability(_our_name(bn, node, suffix))
        labels = bn.variable(node).labels()
        for k, label in enumerate(labels):
            assert ours[label] == pytest.approx(theirs[k], abs=1e-6), (node, label)
        checked += 1
    assert checked == bn.size() - len(evidence)


@pytest.mark.parametrize("suffix", [".net", ".xdsl", ".dsl", ".bifxml", ".xml", ".uai"])
@pytest.mark.parametrize("network", ["alarm", "asia"])
def test_a_bnlearn_network_written_by_pyagrum_loads_to_its_marginals(
    network: str, suffix: str, tmp_path: Path
) -> None:
    bn = _bnlearn(network, tmp_path)
    path = tmp_path / f"{network}{suffix}"
    getattr(bn, FORMATS[suffix][1])(str(path))
    written = _gum_load(path)  # the oracle reads the same file
    model = lk.load(path)
    assert model.title in (network, path.name)
    assert len(model.nodes) == written.size()
    leaves = _leaves(written)
    evidence = {leaf: 0 for leaf in leaves}
    for leaf in leaves:
        node = model.nodes[_our_name(written, leaf, suffix)]
        model.observe(node.name, node.states[0])
    post = model.infer()
    assert post.draws == 1  # numbers only: one exact evaluation
    _compare(written, post, suffix, evidence)


def test_tables_are_refilled_in_float64_from_pyagrum(tmp_path: Path) -> None:
    # XDSL is read in double precision: a number with 16 digits comes back exactly
    bn = gum.fastBN("a->b")
    bn.cpt("a").fillWith([0.1234567890123456, 1 - 0.1234567890123456])
    bn.cpt("b").fillWith([0.3, 0.7, 0.9, 0.1])
    path = tmp_path / "p.xdsl"
    bn.saveXDSL(str(path))
    text = path.read_text().replace("0.123457 0.876543", "0.1234567890123456 0.8765432109876544")
    path.write_text(text)
    model = lk.load(path)
    table = model.nodes["a"].rows[0].value
    assert isinstance(table, dict)
    assert table[bn.variable("a").label(0)].mean() == pytest.approx(0.1234567890123456, abs=1e-16)


def _uncertain_model() -> lk.Model:
    m = lk.Model(title="Words to numbers")
    m.hypothesis("h", prior="likely")
    m.hypothesis("k", states=["a", "b", "c"], prior=lk.Dirichlet({"a": 1, "b": 2, "c": 3}))
    m.evidence("e", given={"h": "highly likely", "~h": (0.1, 0.3)})
    m.evidence(
        "f",
        states=["lo", "hi"],
        given={
            f"{h} & k={k}": {"lo": 0.2 + 0.1 * i + 0.05 * j, "hi": 0.8 - 0.1 * i - 0.05 * j}
            for i, h in enumerate(["h", "~h"])
            for j, k in enumerate(["a", "b", "c"])
        },
    )
    return m


@pytest.mark.parametrize("suffix", [".net", ".xdsl", ".dsl", ".bifxml", ".xml", ".uai"])
def test_a_model_saved_in_each_format_reads_back_in_pyagrum(suffix: str, tmp_path: Path) -> None:
    # a bnlearn network (numbers) and a model of words (its tables at the judgments' means,
    # as in BIF): pyAgrum's marginals on the saved file equal ours on the model
    alarm = lk.load(_pgmpy.example_models() / "alarm.bif.gz")
    path = tmp_path / f"alarm{suffix}"
    alarm.save(path)
    bn = _gum_load(path)
    names = list(alarm.nodes)  # UAI has no names: pyAgrum's node i is the model's i-th node
    leaves = _leaves(bn)
    ours = alarm.copy()
    for leaf in leaves:
        name = names[leaf] if suffix == ".uai" else bn.variable(leaf).name()
        ours.observe(name, ours.nodes[name].states[0])
    if suffix == ".uai":
        _compare_by_position(bn, ours.infer(), names, {leaf: 0 for leaf in leaves})
    else:
        _compare(bn, ours.infer(), suffix, {leaf: 0 for leaf in leaves})

    words = _uncertain_model()
    words.save(tmp_path / "means.bif")  # our own BIF keeps every digit: the reference
    reference = lk.load(tmp_path / "means.bif")
    path = tmp_path / f"words{suffix}"
    words.save(path)
    bn = _gum_load(path)
    if suffix == ".uai":
        _compare_by_position(bn, reference.infer(), list(words.nodes), {})
    else:
        _compare(bn, reference.infer(), suffix, {})


def _compare_by_position(
    bn: Any, post: lk.Posterior, names: list[str], evidence: dict[int, int]
) -> None:
    ie = gum.LazyPropagation(bn)
    ie.setEvidence({bn.variable(n).name(): state for n, state in evidence.items()})
    ie.makeInference()
    for node in bn.nodes():
        if node in evidence:
            continue
        theirs = ie.posterior(node).tolist()
        ours = post.probability(names[node])
        for k, state in enumerate(post.model.nodes[names[node]].states):
            assert ours[state] == pytest.approx(theirs[k], abs=1e-6), (names[node], state)


def test_uai_names_come_back_as_numbers(tmp_path: Path) -> None:
    m = _uncertain_model()
    m.save(tmp_path / "w.uai")
    again = lk.load(tmp_path / "w.uai")
    assert list(again.nodes) == ["v0", "v1", "v2", "v3"]
    assert again.nodes["v1"].states == ("0", "1", "2")


@pytest.mark.parametrize(
    ("suffix", "culprit"),
    [(".net", "'a b'"), (".dsl", "'a b'"), (".xdsl", "'a\"b'"), (".bifxml", "'a|b'")],
)
def test_a_name_the_format_cannot_hold_is_refused_up_front(
    suffix: str, culprit: str, tmp_path: Path
) -> None:
    path = tmp_path / f"m{suffix}"
    good = lk.Model()
    good.hypothesis("x", prior=0.3)
    good.save(path)
    before = path.read_bytes()
    bad = lk.Model()
    states = ["a b", 'a"b', "a|b", "ok"]
    bad.hypothesis("x", states=states, prior={s: 0.25 for s in states})
    with pytest.raises(lk.ModelError) as info:
        bad.save(path)
    message = str(info.value)
    assert culprit in message and "'x'" in message and ".toml" in message, message
    assert "\n" not in message
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no temporary file left


def test_without_pyagrum_the_error_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.xdsl"
    m = lk.Model()
    m.hypothesis("x", prior=0.3)
    m.save(path)
    monkeypatch.setitem(sys.modules, "pyagrum", None)  # import pyagrum now fails
    with pytest.raises(lk.ModelFileError, match=r"pip install likelihood\[formats\]"):
        lk.load(path)
    with pytest.raises(lk.ModelFileError, match=r"pip install likelihood\[formats\]"):
        m.save(tmp_path / "other.net")
    assert not (tmp_path / "other.net").exists()


@pytest.mark.parametrize(
    ("name", "content", "names"),
    [
        ("broken.net", "net {\n  name = x;\n}\nnode a {\n  states = (yes no \n", ("broken.net",)),
        ("empty.xdsl", "", ("empty.xdsl",)),
        ("garbage.uai", "BAYES\n2\nx y\n", ("garbage.uai",)),
        ("bad.xmlbif", "<BIF><NETWORK>", ("bad.xmlbif",)),
    ],
)
def test_a_file_pyagrum_cannot_read_is_a_model_file_error(
    tmp_path: Path, name: str, content: str, names: tuple[str, ...]
) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(lk.ModelFileError) as info:
        lk.load(path)
    assert info.value.path == str(path)
    message = str(info.value)
    assert all(n in message for n in names) and "\n" not in message, message


def test_a_directory_or_a_missing_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "folder.net").mkdir()
    with pytest.raises(lk.ModelFileError, match="it is a directory"):
        lk.load(tmp_path / "folder.net")
    with pytest.raises(lk.ModelFileError, match="no such file"):
        lk.load(tmp_path / "absent.xdsl")


def test_a_row_that_does_not_sum_to_one_is_named(tmp_path: Path) -> None:
    bn = gum.fastBN("a->b")
    bn.cpt("a").fillWith([0.3, 0.7])
    bn.cpt("b").fillWith([0.3, 0.7, 0.9, 0.1])
    path = tmp_path / "p.xdsl"
    bn.saveXDSL(str(path))
    path.write_text(path.read_text().replace("0.9 0.1", "0.9 0.3"))
    with pytest.raises(lk.ModelFileError, match=r"'b'.*sums to 1\.2"):
        lk.load(path)


def test_precision_of_pyagrums_readers_is_as_documented(tmp_path: Path) -> None:
    # single precision for .net, double for .xdsl (docs/files.md)
    x = 0.1234567890123456
    bn = gum.fastBN("a")
    bn.cpt("a").fillWith([x, 1 - x])
    bn.saveNET(str(tmp_path / "p.net"))
    bn.saveXDSL(str(tmp_path / "p.xdsl"))
    text = (tmp_path / "p.xdsl").read_text().replace("0.123457 0.876543", f"{x!r} {1 - x!r}")
    (tmp_path / "p.xdsl").write_text(text)
    net = lk.load(tmp_path / "p.net").nodes["a"].rows[0].value
    xdsl = lk.load(tmp_path / "p.xdsl").nodes["a"].rows[0].value
    assert isinstance(net, dict) and isinstance(xdsl, dict)
    label = bn.variable("a").label(0)
    # single precision (then the row divided by its sum): right to about 1e-8, not beyond
    assert abs(net[label].mean() - x) < 1e-7
    assert abs(net[label].mean() - x) > 1e-12
    assert float(np.float32(x)) != x
    assert xdsl[label].mean() == x
