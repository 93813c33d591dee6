"""``scamnet inspect`` sub-commands, one module each with ``register(inspect_app)``."""
