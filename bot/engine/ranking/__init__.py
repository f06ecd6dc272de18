"""Vectorised sentence ranking for extractive summaries.

``text``      tokens, stems and fragment flags shared by every ranker
``index``     the per-corpus TF-IDF matrix and per-sentence features (built once)
``scorer``    the learned sentence scorer (weights shipped in ``bot/engine/data``)
``select``    budgeted greedy selection with redundancy control and fragment deferral
``lexrank``   a sparse re-implementation of sumy's LexRank (same picks, far faster)
``sumy_adapter`` runs sumy's own algorithms on a capped pool of sentences
"""
