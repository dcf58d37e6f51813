"""Generator of national-size test data (issue 7): ``manage.py generate_scale_data``."""
