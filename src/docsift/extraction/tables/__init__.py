"""Line items and tax breakdown tables, template-free, from words and boxes."""
