## Field errors (English source).
field-missing = { $label } is required
field-too-short =
    { $label } must be at least { $min } { $min ->
        [one] character
       *[other] characters
    } (it has { $actual })
