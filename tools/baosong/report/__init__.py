"""What checking yields: Finding, severities, every code's catalogue entry, the report formatters."""
