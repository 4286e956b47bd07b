"""What a vendor must change to qualify: the smallest sets of own-fact changes that reach a track."""

from .search import MAX_CHANGES, apply_changes, path_to, paths_for

__all__ = ["MAX_CHANGES", "apply_changes", "path_to", "paths_for"]
