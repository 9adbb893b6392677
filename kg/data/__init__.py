"""The lexicons govkg reads: a tab-separated file per class of words, in the format of kg.lexicon.tables."""
