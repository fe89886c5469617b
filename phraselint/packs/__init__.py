"""Rule packs: their schema, the strict YAML reader and the loader."""
