"""Querysets compiled to SQL once per shape, then run again with new values: the hash lookups' hot path.

Django compiles every queryset anew. For a hash lookup, compiling the query (the clearance rules of a partner's
lookup, say) costs more than running it (bench/partner_lookup), while its SQL depends only on a few things: the
caller's clearance and how many values are asked for. So a :class:`CompiledQuery` builds its queryset with
stand-in values, compiles it once per shape, finds the stand-ins among the parameters and afterwards only swaps
in the values asked for. Rows pass through the database backend's converters as an ORM query's do.

On PostgreSQL one SQL text per shape also lets the connection prepare it (server-side binding, config.settings),
so the server does not plan it again either: planning costs more than running these index lookups.
Hand-written because Django has no prepared querysets.
"""

from django.db import connections


def _stand_in(example, number):
    # Small positive ints: Django drops a lookup whose int is out of its field's range (a negative size, say).
    return number + 1 if isinstance(example, int) else f"\x00stand-in {number}\x00"


def _same(param, stand_in):
    # The backend may wrap a value (psycopg's Int8 for a range lookup); a bool is never a value's stand-in.
    return isinstance(param, type(stand_in)) and not isinstance(param, bool) and param == stand_in


class _Compiled:
    """The SQL of `queryset` and where each value goes among its parameters.

    `other` is the same queryset built with other stand-ins: a value's position is where the two compilations
    hold its two stand-ins, so a constant of the query that happens to equal a stand-in is never mistaken."""

    def __init__(self, queryset, stand_ins, other, other_stand_ins):
        compiler = queryset.query.get_compiler(queryset.db)
        self.sql, params = compiler.as_sql()
        other_sql, other_params = other.query.get_compiler(other.db).as_sql()
        if other_sql != self.sql or len(other_params) != len(params):
            raise ValueError("The query's SQL depends on its values; it cannot be compiled once.")
        self.params = list(params)
        self.positions = []
        for stand_in, other_stand_in in zip(stand_ins, other_stand_ins, strict=True):
            found = [
                index for index, (param, other_param) in enumerate(zip(params, other_params))
                if _same(param, stand_in) and _same(other_param, other_stand_in)
            ]
            if len(found) != 1:
                raise ValueError(f"A value appears {len(found)} times in the compiled query, not once.")
            self.positions.append(found[0])
        query = queryset.query
        self.names = [*query.extra_select, *query.values_select, *query.annotation_select]
        self.converters = compiler.get_converters([column for column, *_ in compiler.select[: compiler.col_count]])
        self.compiler = compiler
        self.db = queryset.db


class CompiledQuery:
    """``build(context, *values)`` returns a ``values()`` queryset; values are ints, strings, or lists of them.

    ``rows(context, *values)`` answers the dicts that queryset would, from SQL compiled once per ``key(context)``
    (what else the SQL depends on, such as a caller's clearance) and per list length. Lists are padded to a power
    of two by repeating their last value, so a few shapes serve every length.
    """

    def __init__(self, build, key=lambda context: context):
        self.build = build
        self.key = key
        self._compiled = {}

    def rows(self, context, *values):
        values = [_padded(value) if isinstance(value, list) else value for value in values]
        shape = (self.key(context), tuple(_length(value) for value in values))
        compiled = self._compiled.get(shape)
        if compiled is None:
            compiled = self._compiled[shape] = self._compile(context, values)
        params = list(compiled.params)
        for position, value in zip(compiled.positions, _flat(values), strict=True):
            wrapper = type(params[position])
            params[position] = value if wrapper in (int, str) else wrapper(value)
        with connections[compiled.db].cursor() as cursor:  # Django's: counted and logged like any other query
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if compiled.converters:
            rows = compiled.compiler.apply_converters(rows, compiled.converters)
        return [dict(zip(compiled.names, row, strict=True)) for row in rows]

    def _compile(self, context, values):
        count = sum(_length(value) or 1 for value in values)
        first, second = _stand_ins(values, 0), _stand_ins(values, count)
        return _Compiled(
            self.build(context, *first), list(_flat(first)), self.build(context, *second), list(_flat(second))
        )


def _stand_ins(values, start):
    """Distinct stand-ins shaped like `values`, numbered from `start`."""
    stand_ins, number = [], start
    for value in values:
        if isinstance(value, list):
            stand_ins.append([_stand_in(value[0], number + offset) for offset in range(len(value))])
            number += len(value)
        else:
            stand_ins.append(_stand_in(value, number))
            number += 1
    return stand_ins


def _padded(values):
    if not values:
        raise ValueError("A compiled query needs at least one value in each list.")
    size = 1 << (len(values) - 1).bit_length()
    return values + values[-1:] * (size - len(values))


def _length(value):
    return len(value) if isinstance(value, list) else None


def _flat(values):
    for value in values:
        yield from value if isinstance(value, list) else (value,)
