"""Forms of the instrument builder: every setting is an input of its own, never JSON to type.

`versions` (an instrument, a draft's settings with a label per scale point), `parts` (an element; a field
with its option and band rows), `translations` (the English of any version, beside the Indonesian).
"""
