"""Blood tests: units, LOINC, reference intervals, sleep-relevant thresholds and caveats."""
