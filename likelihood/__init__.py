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

from likelihood._core.describe import Description, describe, translate
from likelihood._core.judgment import Judgment, Origin, analysts, judge, pool
from likelihood._core.model import Dirichlet, Model, Node, Parameter, Row, Source
from likelihood._core.posterior import Posterior
from likelihood._core.scales import Scale, Term, plot_scale, scale, scales
from likelihood._core.table import ACH, Table
from likelihood._exceptions import (
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
    OptionError,
    ProbabilityError,
    SamplerWarning,
    ScaleDefinitionError,
    ScaleError,
    StateError,
    UnknownNodeError,
    UnknownScaleError,
    UnknownTermError,
)
from likelihood._io.files import load

__version__ = "0.1.0"

__all__ = [
    "ACH",
    "ConditionError",
    "CycleError",
    "Description",
    "Dirichlet",
    "EffectiveSampleSizeWarning",
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
    "OptionError",
    "Origin",
    "Parameter",
    "Posterior",
    "ProbabilityError",
    "Row",
    "SamplerWarning",
    "Scale",
    "ScaleDefinitionError",
    "ScaleError",
    "Source",
    "StateError",
    "Table",
    "Term",
    "UnknownNodeError",
    "UnknownScaleError",
    "UnknownTermError",
    "__version__",
    "analysts",
    "describe",
    "judge",
    "load",
    "plot_scale",
    "pool",
    "scale",
    "scales",
    "translate",
]
