field-missing = { $label } ist erforderlich
field-too-short =
    { $label } muss mindestens { $min } { $min ->
       *[other] Zeichen
    } lang sein (es sind { $actual })
