"""Language pipelines: spaCy tokenisers, lemma analysers and language detection."""
