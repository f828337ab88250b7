"""The walkthrough notebook (docs/walkthrough.ipynb) runs, with few draws."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_negotiations_notebook_runs() -> None:
    import nbformat
    from nbclient import NotebookClient

    path = ROOT / "docs" / "walkthrough.ipynb"
    notebook = nbformat.read(path, as_version=4)
    saved = dict(os.environ)
    os.environ["LIKELIHOOD_DRAWS"] = "1000"
    os.environ.pop("MPLBACKEND", None)  # the kernel draws inline, as in Jupyter
    try:
        NotebookClient(
            notebook,
            timeout=300,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        ).execute()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    outputs = [
        o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])
    ]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "exact engine, 1000 draws" in text and "model: " in text and "author: " in text
    assert "What would change my mind about negotiations" in text
    assert "Analysis of competing hypotheses" in text
    # all four of the author's conclusions, beside the model's words
    for name in ("talks", "negotiations", "secret_negotiations", "territorial_deal"):
        assert any(line.startswith(f"{name} ") and "author: " in line for line in text.splitlines())
        assert f"Belief in {name} as the evidence arrived" in text
    assert "Conflict of the 8 observations: conf(E) = " in text
    assert "The most probable account of the hypotheses: " in text
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    # the scale, the network, the beliefs, the trajectories, the contributions, the tornado,
    # the ACH matrix
    assert len(images) >= 7
