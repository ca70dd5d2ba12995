"""Calibrated confidence per field, the overall confidence of a document, and the second
reading of the accuracy preference."""
