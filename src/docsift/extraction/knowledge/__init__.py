"""What extraction knows, as data: label synonyms, identifier patterns and checksums, currencies,
months, the field registry."""
