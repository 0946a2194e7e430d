"""Population statistics from complex surveys: design-based means, percentiles and models."""
