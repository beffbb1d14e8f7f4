field-missing = { $lable } ist erforderlich
field-too-short = { $label } muss mindestens { $min } Zeichen lang sein
