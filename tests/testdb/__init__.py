"""A test-only Django app (config.settings.test installs it): the flush that empties the test database."""
