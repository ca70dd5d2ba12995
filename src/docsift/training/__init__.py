"""Training the extraction models: labelled corpora, variations of synthetic documents, samples,
fitting and cross-validation. Never imported at run time (workers, the API, the CLI's extract)."""
