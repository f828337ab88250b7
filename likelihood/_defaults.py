"""Named defaults, each written once (a leaf module: it imports nothing from the package)."""

__all__ = [
    "AUTO_MCSE",
    "AUTO_MAX_DRAWS",
    "BAND",
    "BLOCK_DRAWS",
    "CHUNK_BUDGET",
    "CLI_SEED",
    "DRAWS",
    "HELD_DRAW_BYTES",
    "MAX_ACCOUNTS",
    "MAX_DRAW_BYTES",
    "MIN_EFFECTIVE_DRAWS",
    "PYMC_DRAWS",
    "SENSITIVITY_LEVELS",
    "SOBOL_DRAWS",
]

#: Draws θ₁…θₙ of the judgments for the exact engine (and for analyses of a PyMC posterior).
DRAWS = 20_000
#: Draws per chain after tuning for the PyMC engine.
PYMC_DRAWS = 1000
#: The central share of the band (the 90 % band behind the words' confidence).
BAND = 0.9
#: Where sensitivity holds each judgment: its 5th and its 95th percentile.
SENSITIVITY_LEVELS = (0.05, 0.95)
#: Base draws of the Saltelli / Jansen estimators of the Sobol indices.
SOBOL_DRAWS = 4096
#: Floats allowed in the largest clique table of one chunk (8 MiB of float64): chunks small
#: enough for the caches evaluate faster (alarm, 20,000 draws: 0.29 s against 0.38 s at 32 MiB).
CHUNK_BUDGET = 1 << 20
#: Draws come in blocks of this many, each parameter's block from its own random stream, so that
#: the numbers do not depend on how the blocks are shared out (chunks, threads, a cluster).
BLOCK_DRAWS = 10_000
#: The parameters' draws are held in memory up to this size (draws × parameters × 8 bytes);
#: beyond it they are drawn again, block by block, whenever a block is evaluated.
HELD_DRAW_BYTES = 1 << 30
#: ``draws="auto"``: blocks are added until every asked probability has at most this Monte
#: Carlo standard error ...
AUTO_MCSE = 0.001
#: ... or until this many draws.
AUTO_MAX_DRAWS = 1_000_000
#: The most memory the draws of one run may take: draws × (parameters + states + 2) × 8 bytes.
MAX_DRAW_BYTES = 4 << 30
#: Below this many effective draws of uncertain judgments, an answer has no band worth reading:
#: ``infer`` warns, the band and the Monte Carlo error are NaN and the confidence is "unknown".
MIN_EFFECTIVE_DRAWS = 100
#: The seed the command line uses when none is given (printed with the answer).
CLI_SEED = 20231101
#: The most probable account enumerates at most this many joint states of its nodes (one
#: evaluation of every draw each); beyond, over all unobserved nodes it takes max-product on the
#: junction tree, over fewer nodes it refuses.
MAX_ACCOUNTS = 1024
