field-missing = { $label } ist erforderlich
field-too-short = { $label } muss mindestens { $min } Zeichen lang sein (es sind { $actual })
field-too-long = { $label } ist zu lang
