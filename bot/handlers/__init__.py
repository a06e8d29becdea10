"""Subcommand handlers, one module per feature; each declares its subcommands in `COMMANDS`.

Nothing registers on import: `bot.wiring` builds the registry from these modules, and
`bot.dispatch` runs a command line against it.
"""
