"""HTTP service: `phraselint serve` runs the API and the one-page checker under uvicorn."""
