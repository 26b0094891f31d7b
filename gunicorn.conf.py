"""gunicorn's settings, read from the directory it starts in (the project's root; /app in the image).

The application is loaded once in the master (config/wsgi.py imports every view and the reference tables) and
its workers fork from it, so the machine holds one copy of that memory instead of one per worker:
bench/workers/memory.py measures the workers' summed PSS.
"""

import gc
import os

preload_app = True

# Python's advice for forking servers (gc.freeze): no collection while the master loads the application, which
# would leave freed slots in its pages for the workers' own objects to fill, copying those pages into each worker.
gc.disable()


def when_ready(server):
    """Before the first fork: no connection opened while loading may be shared by the workers, and the objects
    loaded go where the garbage collector never walks, so its passes do not copy their pages into every worker."""
    from django.db import connections

    connections.close_all()
    gc.freeze()


def post_fork(server, worker):
    gc.enable()


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
