"""Loading a rule file: a rule is refused at load, naming the file, the rule and the position."""

from pathlib import Path

import pytest

from scamnet.core.enums import Action
from scamnet.core.errors import ConfigError
from scamnet.rules.load import load_rules, rules_from_text, starter_rules


def rule_text(when: str, name: str = "r1", action: str = "hold", extra: str = "") -> str:
    return f'[[rule]]\nname = "{name}"\ndescription = "why"\nwhen = """{when}"""\naction = "{action}"\npriority = 1\n{extra}'


def problem(text: str) -> str:
    with pytest.raises(ConfigError) as caught:
        rules_from_text(text, "mine.toml")
    return caught.value.message


def test_a_rule_calling_read_csv_is_refused_naming_the_rule_and_position() -> None:
    message = problem(rule_text("amount > 1 AND read_csv('/etc/passwd') IS NOT NULL", name="sneaky"))
    assert "mine.toml: rule 'sneaky': when, column 16: function read_csv() is not allowed" in message


def test_a_subquery_a_table_and_a_second_statement_are_refused() -> None:
    assert "a subquery is not allowed" in problem(rule_text("amount > (SELECT max(amount) FROM transfers)"))
    assert "one expression expected, got 2 statements" in problem(rule_text("amount > 1; DROP TABLE alerts"))
    assert "column 28: function read_parquet() is not allowed" in problem(
        rule_text("coalesce(amount, 1) > 0 OR read_parquet('x') = 1"))


def test_an_unknown_function_is_refused_with_the_allowed_list() -> None:
    message = problem(rule_text("sleep(5) = 1"))
    assert "function sleep() is not allowed; allowed: abs, coalesce" in message


def test_a_misspelt_field_is_refused_with_a_suggestion() -> None:
    message = problem(rule_text("payee.mule_scor > 0.5"))
    assert "unknown field 'payee.mule_scor'; did you mean payee.mule_score" in message


def test_comparing_money_with_text_is_refused() -> None:
    assert "column 26: '5' is number, expected text" in problem(rule_text("amount > 1 AND channel = 5"))


def test_a_when_that_is_not_a_condition_is_refused() -> None:
    assert "is number, expected boolean" in problem(rule_text("amount + 1"))


def test_a_multi_line_expression_names_line_and_column() -> None:
    message = problem(rule_text("amount > 1\n  AND evil(1) = 1"))
    assert "when, line 2, column 7: function evil()" in message


def test_every_problem_of_the_file_is_listed_at_once() -> None:
    text = rule_text("amount >", name="broken") + "\n" + rule_text("amount > 1", name="ok", action="allow") + \
        "\n" + rule_text("amount > 2", name="ok")
    message = problem(text)
    assert message.startswith("3 problem(s)")
    assert "rule 'broken': when" in message and "not a SQL expression" in message
    assert "action must be one of warn, hold, block, got 'allow'" in message
    assert "rule 'ok' is defined twice" in message


def test_unknown_and_missing_keys_are_named() -> None:
    message = problem('[[rule]]\nname = "x"\nwhen = "amount > 1"\naction = "hold"\nwhom = 1\n')
    assert "rule 'x': missing description, priority; unknown key(s) whom" in message


def test_a_rule_file_reads_into_rules_with_their_defaults(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(rule_text("in_watchlist(payee)", extra="enabled = false\n"))
    (rule,) = load_rules(path)
    assert (rule.name, rule.action, rule.event, rule.enabled, rule.fields) == (
        "r1", Action.HOLD, "transfer", False, ("payee.on_watchlist",))


def test_a_missing_rule_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no rule file at"):
        load_rules(tmp_path / "absent.toml")


def test_rules_on_calls_read_call_fields_only() -> None:
    (rule,) = rules_from_text(rule_text("duration_s > 600 AND NOT answered", extra='event = "call"\n'), "c.toml")
    assert rule.fires({"duration_s": 900.0, "answered": False}) is True
    assert "unknown field 'amount'" in problem(rule_text("amount > 1", extra='event = "call"\n'))


def test_the_starter_set_loads_and_every_rule_says_why() -> None:
    rules = starter_rules()
    assert len(rules) >= 8
    assert all(len(r.description) > 60 for r in rules)
    assert len({r.name for r in rules}) == len(rules)


def test_every_field_and_function_is_documented() -> None:
    from scamnet.rules.functions import allowed_names
    from scamnet.rules.vocabulary import EVENT_KINDS, vocabulary

    text = (Path(__file__).resolve().parents[2] / "docs" / "rules.md").read_text(encoding="utf-8")
    names = {n for kind in EVENT_KINDS for n in vocabulary(kind)} | set(allowed_names())
    assert sorted(n for n in names if f"`{n}`" not in text) == []
