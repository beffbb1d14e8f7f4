field-missing = { $label } ist erforderlich
