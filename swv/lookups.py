"""Database lookups hardened against hostile input.

`pk__in=[...]` (ModelMultipleChoiceField, filters) with an integer outside the column's
range makes SQLite's driver raise OverflowError: a 500 for a typed-in number. Django's
exact lookup already treats such values as matching nothing; this does the same for
`__in`, for every integer field, in one place.
"""

from django.db import models
from django.db.models.lookups import In


class VeiligIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            soort = self.lhs.output_field.get_internal_type()
            laag, hoog = connection.ops.integer_field_range(soort)
            self.rhs = [
                w
                for w in self.rhs
                if not isinstance(w, int)
                or ((laag is None or w >= laag) and (hoog is None or w <= hoog))
            ]
        return super().process_rhs(compiler, connection)


def registreren():
    models.IntegerField.register_lookup(VeiligIn)
