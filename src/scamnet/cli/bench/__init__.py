"""``scamnet bench <area>`` subcommands: one module per area, each defines ``register(bench_app)``."""
