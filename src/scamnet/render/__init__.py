"""Data → offline pages and JSON: the report page, gang dossiers, figures, networks and templates.

Nothing here reads the store: services gather the content as data and pass it in.
"""
