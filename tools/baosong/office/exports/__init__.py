"""Office exports: the quarter as text, xlsx and docx (the 季度通报), the roster and bulletin issues.

Words are written by ``circular_text`` (and ``tables`` shapes the figures into rows); ``xlsx`` and
``docx`` only lay them out, so the site, the spreadsheet and the printed circular say the same thing.
"""
