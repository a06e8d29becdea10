"""The scheduling fixtures live in scheduling_support.py, under a name no other directory uses."""
from scheduling_support import container, digest_container, fake, no_sleep, scenario  # noqa: F401
