"""Which of our assessments a ranking rests on (see analysis.py): the changes, the search's inputs, the draws, what to confirm."""

from .analysis import AssessmentOptions, analyse_assessments
from .variants import RankedPair

__all__ = ["AssessmentOptions", "RankedPair", "analyse_assessments"]
