"""The diary tests that keep nights run on both databases, as the store tests do."""

from tests.store.conftest import store, store_url

__all__ = ["store", "store_url"]
