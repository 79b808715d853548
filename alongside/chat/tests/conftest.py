import pytest
from channels.layers import channel_layers


@pytest.fixture(autouse=True)
def fresh_channel_layer():
    """A new channel layer for every test: each test runs its own event loop, and a
    Redis layer refuses to receive on two loops at once."""
    channel_layers.backends = {}
    yield
    channel_layers.backends = {}
