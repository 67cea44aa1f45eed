"""Official-format PDFs (capability 6): layout data, measures, renderer, review samples."""
