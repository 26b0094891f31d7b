# `make run` and `make test` work on a fresh clone with Python 3.11; both build .venv first.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test migrate demo check-deploy clean

$(INSTALLED): requirements.txt
	bin/ensure-system-packages
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(INSTALLED)

install: $(INSTALLED)

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo_case
	HOST=$(HOST) PORT=$(PORT) $(BIN)/python manage.py create_local_analyst

# Web, worker and beat together: SQLite and a filesystem broker unless DATABASE_URL / REDIS_URL are set.
run: demo
	HOST=$(HOST) PORT=$(PORT) $(BIN)/honcho --procfile Procfile.local start

# The browser tests drive Debian's Chromium and the compose test validates with docker-compose; both are
# installed here where apt-get can.
test: install
	bin/ensure-system-packages chromium chromium-driver fonts-dejavu-core docker-compose
	$(BIN)/pytest

check-deploy: install
	DJANGO_SETTINGS_MODULE=config.settings.production $(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf var/broker var/test-run-*
