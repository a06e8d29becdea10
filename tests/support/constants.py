from datetime import date, datetime, timezone

TODAY = date(2026, 11, 23)  # a Monday
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
