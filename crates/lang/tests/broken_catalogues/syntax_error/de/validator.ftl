field-missing = { $label } ist erforderlich
field-too-short = { $label } muss mindestens { $min } Zeichen lang sein (es sind { $actual }
field-missing = { $label } fehlt
