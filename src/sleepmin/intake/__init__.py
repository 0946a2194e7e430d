"""Personal mineral targets, food logs and intake analysis."""
