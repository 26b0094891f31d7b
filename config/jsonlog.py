"""One JSON object per log line, for production: log shippers parse it without a pattern, and a message with a
newline (a traceback, a filename from a hostile upload) stays one record instead of forging the next line."""

import json
import logging
from datetime import UTC, datetime

# Attributes every LogRecord has; anything else on a record came in through `extra=` and is worth keeping.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in entry:
                entry[key] = value
        # default=str: an extra that JSON cannot hold (a model instance, a path) is written as its text.
        return json.dumps(entry, ensure_ascii=False, default=str)
