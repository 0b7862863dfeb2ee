"""The township repository as read: strict YAML, front matter, reader → Item, units, rules, dates."""
