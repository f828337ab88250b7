"""The batched exact engine against pyAgrum and pgmpy evaluating the same draws one by one.

Two models, each with 20,000 draws of its parameters θ:

* the flagship model (examples/negotiations.py), every table entry a judgment;
* alarm (bnlearn, 37 nodes), every CPT row made uncertain: Dirichlet(κ · p + 0.1)
  around its published row p (κ = 20, an equivalent sample size), the three
  alphabetically first leaves observed at their last state.

For the library: drawing θ and the contraction (all tables built and every
node's P(X | E, θ) and P(E | θ) computed, for all draws at once) are timed
separately. For pyAgrum (LazyPropagation) and pgmpy (VariableElimination):
the same draws, one at a time, each network's tables refilled and every
unobserved node's posterior computed. The per-draw tables are prepared
beforehand and not charged to them. pyAgrum's engine is reused, with its
evidence erased and set again at every draw (a reused LazyPropagation otherwise
returns stale posteriors after its tables change); the first draws are checked
against the library's numbers. The loops run on a subset of the draws and
their time is scaled to all draws.

    python benchmarks/engine.py [--draws 20000] [--agrum 2000] [--pgmpy 20]
"""

from __future__ import annotations

import argparse
import logging
import time
import warnings
from pathlib import Path

import numpy as np

import likelihood as lk

ROOT = Path(__file__).resolve().parents[1]
KAPPA = 20.0


def flagship() -> lk.Model:
    """Return the flagship model (examples/negotiations.toml, the same as the script)."""
    return lk.load(ROOT / "examples" / "negotiations.toml")


def uncertain_alarm() -> lk.Model:
    import pgmpy

    path = Path(pgmpy.__file__).parent / "utils" / "example_models" / "alarm.bif.gz"
    fixed = lk.load(path)
    m = lk.Model(title="alarm, every row uncertain")
    for name, node in fixed.nodes.items():
        rows = {
            row.condition: lk.Dirichlet({s: KAPPA * row.value[s].value + 0.1 for s in node.states})
            for row in node.rows
        }
        if node.parents:
            m.hypothesis(name, given=rows, states=node.states)
        else:
            m.hypothesis(name, prior=rows[""], states=node.states)
    leaves = sorted(n for n in m.nodes if not any(n in o.parents for o in m.nodes.values()))[:3]
    for leaf in leaves:
        m.observe(leaf, m.nodes[leaf].states[-1])
    return m


def best_of(repeats: int, fn):  # noqa: ANN001, ANN201
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def per_draw_tables(
    compiled: lk.CompiledModel, values: list[np.ndarray], n: int, count: int
) -> list[dict]:
    out = []
    for i in range(count):
        part = [v[i : i + 1] if len(v) == n and n > 1 else v for v in values]
        out.append({name: compiled.table(name, part)[0] for name in compiled.nodes})
    return out


def agrum_loop(model: lk.Model, tables: list[dict], observed: dict[str, str]):  # noqa: ANN201
    import pyagrum as gum

    bn = gum.BayesNet(model.title or "model")
    for name, node in model.nodes.items():
        bn.add(gum.LabelizedVariable(name, name, list(node.states)))
    for name, node in model.nodes.items():
        for parent in node.parents:
            bn.addArc(parent, name)
    order = {}
    for name, node in model.nodes.items():
        names = bn.cpt(name).names  # the child first (fastest), then the parents
        axes = [*node.parents, name]
        order[name] = [axes.index(v) for v in reversed(names)]
    engine = gum.LazyPropagation(bn)
    evidence = {k: model.nodes[k].states.index(v) for k, v in observed.items()}
    hidden = [n for n in model.nodes if n not in observed]

    def run() -> list[tuple[float, dict[str, np.ndarray]]]:
        results = []
        for draw in tables:
            for name, table in draw.items():
                bn.cpt(name).fillWith(np.transpose(table, order[name]).ravel().tolist())
            engine.eraseAllEvidence()
            engine.setEvidence(evidence)
            engine.makeInference()
            p_evidence = engine.evidenceProbability()
            posts = {v: engine.posterior(v).toarray() for v in hidden}
            results.append((p_evidence, posts))
        return results

    return run


def pgmpy_loop(model: lk.Model, tables: list[dict], observed: dict[str, str]):  # noqa: ANN201
    logging.getLogger("pgmpy").setLevel(logging.ERROR)
    from pgmpy.factors.discrete import TabularCPD
    from pgmpy.inference import VariableElimination
    from pgmpy.models import DiscreteBayesianNetwork

    bn = DiscreteBayesianNetwork()
    bn.add_nodes_from(model.nodes)
    for name, node in model.nodes.items():
        for parent in node.parents:
            bn.add_edge(parent, name)
    first = tables[0]
    for name, node in model.nodes.items():
        card = len(node.states)
        bn.add_cpds(
            TabularCPD(
                name,
                card,
                first[name].reshape(-1, card).T,
                evidence=list(node.parents) or None,
                evidence_card=[len(model.nodes[p].states) for p in node.parents] or None,
                state_names={v: list(model.nodes[v].states) for v in (name, *node.parents)},
            )
        )
    hidden = [n for n in model.nodes if n not in observed]

    def run() -> list[dict[str, np.ndarray]]:
        results = []
        for draw in tables:
            for name, table in draw.items():
                cpd = bn.get_cpds(name)
                cpd.values = table.reshape(-1, table.shape[-1]).T.reshape(cpd.values.shape)
            ve = VariableElimination(bn)
            results.append(
                {v: ve.query([v], evidence=observed, show_progress=False).values for v in hidden}
            )
        return results

    return run


def measure(name: str, model: lk.Model, draws: int, agrum_count: int, pgmpy_count: int) -> dict:
    observed = model.observations
    draw_time, engine = best_of(3, lambda: model.compile(draws=draws, seed=1))
    values = list(engine.values)
    contract_time, (log_e, marginals) = best_of(3, lambda: engine.run(values, draws, observed))
    infer_time, _ = best_of(3, lambda: model.infer(draws=draws, seed=1))

    tables = per_draw_tables(engine, values, draws, max(agrum_count, pgmpy_count))
    run_agrum = agrum_loop(model, tables[:agrum_count], observed)
    agrum_time, agrum_results = best_of(2, run_agrum)
    for i, (p_evidence, posts) in enumerate(agrum_results[:5]):  # the loop computes the same thing
        assert abs(p_evidence - np.exp(log_e[i])) <= 1e-9 * max(1.0, p_evidence), (name, i)
        for v, post in posts.items():
            assert np.allclose(post, marginals[v][i], atol=1e-9), (name, i, v)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run_pgmpy = pgmpy_loop(model, tables[:pgmpy_count], observed)
        pgmpy_time, pgmpy_results = best_of(1, run_pgmpy)
    for i, posts in enumerate(pgmpy_results[:3]):
        for v, post in posts.items():
            assert np.allclose(post, marginals[v][i], atol=1e-9), (name, i, v)

    agrum_per_draw = agrum_time / agrum_count
    pgmpy_per_draw = pgmpy_time / pgmpy_count
    ours = draw_time + contract_time
    return {
        "model": name,
        "parameters": len(engine.parameters),
        "draw": draw_time,
        "contract": contract_time,
        "ours": ours,
        "infer": infer_time,
        "agrum_draw_ms": 1e3 * agrum_per_draw,
        "agrum_total": agrum_per_draw * draws + draw_time,
        "agrum_count": agrum_count,
        "pgmpy_draw_ms": 1e3 * pgmpy_per_draw,
        "pgmpy_total": pgmpy_per_draw * draws + draw_time,
        "pgmpy_count": pgmpy_count,
        "contract_ratio": agrum_per_draw * draws / contract_time,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=20_000)
    parser.add_argument("--agrum", type=int, default=2000, help="draws timed in the pyAgrum loop")
    parser.add_argument("--pgmpy", type=int, default=20, help="draws timed in the pgmpy loop")
    args = parser.parse_args()
    rows = [
        measure("flagship", flagship(), args.draws, args.agrum, args.pgmpy),
        measure("alarm", uncertain_alarm(), args.draws, args.agrum, args.pgmpy),
    ]
    print(f"{args.draws} draws of θ; best of 3 (library), best of 2 (pyAgrum); times in seconds")
    print()
    for r in rows:
        print(f"{r['model']} ({r['parameters']} uncertain parameters)")
        print(
            f"  library   draw θ {r['draw']:.3f}   contraction {r['contract']:.3f}   "
            f"together {r['ours']:.3f}   Model.infer {r['infer']:.3f}"
        )
        print(
            f"  pyAgrum   {r['agrum_draw_ms']:.3f} ms per draw (timed on {r['agrum_count']}), "
            f"{r['agrum_total']:.1f} for all draws (with the library's drawing)"
        )
        print(
            f"  pgmpy     {r['pgmpy_draw_ms']:.1f} ms per draw (timed on {r['pgmpy_count']}), "
            f"{r['pgmpy_total']:.1f} for all draws"
        )
        print(
            "  ratio, end to end:   pyAgrum loop / library = "
            f"{r['agrum_total'] / r['ours']:.0f}x   "
            f"pgmpy loop / library = {r['pgmpy_total'] / r['ours']:.0f}x"
        )
        print(f"  ratio, contraction:  pyAgrum loop / library = {r['contract_ratio']:.0f}x")
        print()
    worst = min(r["agrum_total"] / r["ours"] for r in rows)
    print(f"target: at least 50x faster than the pyAgrum loop end to end; worst here {worst:.0f}x")


if __name__ == "__main__":
    main()
