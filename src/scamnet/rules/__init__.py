"""The rule language of decisions (docs/rules.md): named SQL conditions over an event and its accounts' history.

- ``vocabulary``: the fields a rule may read, per event kind;
- ``functions``: the functions a rule may call, with their Python twins;
- ``check``: parse a ``when`` text with sqlglot into an allow-listed, typed tree, or refuse it with its position;
- ``python`` / ``sql``: the live form (a Python function) and the back-test form (DuckDB SQL) of that tree;
- ``model`` / ``load``: a rule, and reading a TOML rule file (``starter.toml`` ships with scamnet);
- ``decide``: the decision on one event; ``backtest``: the rules run as SQL over past events' contexts.
"""
