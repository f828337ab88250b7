"""likelihood: Bayesian estimative reasoning in the analyst's own words.

Turn verbal probability judgments ("highly unlikely", "realistic possibility")
into distributions taken from published scales, combine them, and answer in
numbers and in words of the same scale.

Examples
--------
>>> import likelihood as lk
>>> j = lk.judge("highly unlikely", scale="phia")
>>> round(j.mean(), 3)
0.15
>>> lk.describe(0.12, scale="phia")
'highly unlikely'
"""

from likelihood._describe import Description, describe
from likelihood._exceptions import (
    FitError,
    JudgmentTypeError,
    LikelihoodError,
    LikelihoodWarning,
    OptionError,
    ProbabilityError,
    ScaleDefinitionError,
    ScaleError,
    UnknownScaleError,
    UnknownTermError,
)
from likelihood._judgment import Judgment, Origin, judge, pool
from likelihood._scales import Scale, Term, scale, scales

__version__ = "0.1.0"

__all__ = [
    "Description",
    "FitError",
    "Judgment",
    "JudgmentTypeError",
    "LikelihoodError",
    "LikelihoodWarning",
    "OptionError",
    "Origin",
    "ProbabilityError",
    "Scale",
    "ScaleDefinitionError",
    "ScaleError",
    "Term",
    "UnknownScaleError",
    "UnknownTermError",
    "__version__",
    "describe",
    "judge",
    "pool",
    "scale",
    "scales",
]
