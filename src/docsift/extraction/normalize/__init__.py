"""Text as printed -> canonical values: amounts, dates and times, amounts in words, identifiers."""
