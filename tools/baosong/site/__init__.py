"""The intranet site: a MkDocs plugin that publishes validated items safely."""
