"""Saving and deleting with the acting user on the django-simple-history row.

simple_history's middleware only knows the user inside a request; a service called from
a task, a management command or another service's loop would leave `history_user` empty.
Passing `by` explicitly records it wherever the service runs; `by=None` records nobody.
"""


def save_with_history(obj, *, by, update_fields=None) -> None:
    obj._history_user = by
    obj.save(update_fields=update_fields)


def delete_with_history(obj, *, by) -> None:
    obj._history_user = by
    obj.delete()
