"""likelihood: Bayesian estimative reasoning in the analyst's own words.

Turn verbal probability judgments ("highly unlikely", "realistic possibility")
into distributions taken from published scales, combine the evidence in a small
Bayesian network, and answer in numbers and in words of the same scale.

Examples
--------
>>> import likelihood as lk
>>> j = lk.judge("highly unlikely", scale="phia")
>>> round(j.mean(), 3)
0.151
>>> lk.describe(0.12, scale="phia")
'highly unlikely'
"""

from likelihood._core.compiled import CompiledModel
from likelihood._core.describe import Description, describe, translate
from likelihood._core.evaluation import Evaluation
from likelihood._core.judgment import Judgment, Origin, analysts, judge, pool
from likelihood._core.model import Decision, Dirichlet, Model, Node, Parameter, Row, Source
from likelihood._core.posterior import Posterior
from likelihood._core.readers import Readings, readings
from likelihood._core.scales import Scale, Term, plot_scale, scale, scales
from likelihood._core.sentences import Assessment
from likelihood._core.table import ACH, Table
from likelihood._core.track import (
    BrierDecomposition,
    Coherence,
    CoherentPool,
    Recalibration,
    TrackRecord,
    coherent,
    pool_coherent,
)
from likelihood._exceptions import (
    AccuracyWarning,
    ACHWarning,
    ConditionError,
    CycleError,
    EffectiveSampleSizeWarning,
    EvidenceError,
    FitError,
    JudgmentTypeError,
    LikelihoodError,
    LikelihoodWarning,
    ModelError,
    ModelFileError,
    NormalisationWarning,
    OptionError,
    PoolWarning,
    ProbabilityError,
    SamplerWarning,
    ScaleDefinitionError,
    ScaleError,
    ScaleWarning,
    StateError,
    UnknownNodeError,
    UnknownScaleError,
    UnknownTermError,
    UpdateWarning,
)
from likelihood._io.files import load
from likelihood._version import __version__

__all__ = [
    "ACH",
    "ACHWarning",
    "AccuracyWarning",
    "Assessment",
    "BrierDecomposition",
    "Coherence",
    "CoherentPool",
    "CompiledModel",
    "ConditionError",
    "CycleError",
    "Decision",
    "Description",
    "Dirichlet",
    "EffectiveSampleSizeWarning",
    "Evaluation",
    "EvidenceError",
    "FitError",
    "Judgment",
    "JudgmentTypeError",
    "LikelihoodError",
    "LikelihoodWarning",
    "Model",
    "ModelError",
    "ModelFileError",
    "Node",
    "NormalisationWarning",
    "OptionError",
    "Origin",
    "Parameter",
    "PoolWarning",
    "Posterior",
    "ProbabilityError",
    "Readings",
    "Recalibration",
    "Row",
    "SamplerWarning",
    "Scale",
    "ScaleDefinitionError",
    "ScaleError",
    "ScaleWarning",
    "Source",
    "StateError",
    "Table",
    "Term",
    "TrackRecord",
    "UnknownNodeError",
    "UnknownScaleError",
    "UnknownTermError",
    "UpdateWarning",
    "__version__",
    "analysts",
    "coherent",
    "describe",
    "judge",
    "load",
    "plot_scale",
    "pool",
    "pool_coherent",
    "readings",
    "scale",
    "scales",
    "translate",
]

# Exported names report the public module, so that reprs, tracebacks and the docs say
# ``likelihood.UnknownTermError`` rather than the private module it is defined in.
# ``_defined_in`` keeps where each class was defined (the doctest collection reads it).
_defined_in: dict[str, str] = {}
for _name in __all__:
    _member = globals()[_name]
    if getattr(_member, "__module__", "").startswith("likelihood._"):
        _defined_in[_name] = _member.__module__
        _member.__module__ = "likelihood"
del _name, _member
