"""The office's figures and paperwork: quarterly statistics, remind, roster, unit forms, bulletins."""
