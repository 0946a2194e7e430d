"""The assessment: screening, diet, labs and safety in one report (JSON and HTML)."""
