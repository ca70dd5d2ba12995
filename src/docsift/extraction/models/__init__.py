"""The shipped models (LightGBM text files with their feature lists) and their loading."""
