"""The command line: thin commands that parse, call one service function and print."""
