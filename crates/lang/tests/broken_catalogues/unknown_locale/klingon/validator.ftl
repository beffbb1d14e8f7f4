## A catalogue in a directory that is no locale of connectspec.
field-missing = { $label } is required
