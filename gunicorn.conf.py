"""gunicorn's settings, read from the directory it starts in (the project's root; /app in the image).

The application is loaded once in the master (config/wsgi.py imports every view and the reference tables) and
its workers fork from it, so the machine holds one copy of that memory instead of one per worker:
bench/workers/memory.py measures the workers' summed PSS.
"""

import gc
import os

preload_app = True


def when_ready(server):
    """Before the first fork: no connection opened while loading may be shared by the workers, and the objects
    loaded go where the garbage collector never walks, so its passes do not copy their pages into every worker."""
    from django.db import connections

    connections.close_all()
    gc.freeze()


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
