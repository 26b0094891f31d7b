from django.core.management.base import BaseCommand, CommandError

from provenance.services import run_fixity_check


class Command(BaseCommand):
    help = "Re-hash every stored original now and report changed, missing and untracked files."

    def handle(self, *args, **options):
        run = run_fixity_check()
        for finding in run.findings.all():
            self.stderr.write(f"{finding.get_outcome_display().upper()}: {finding.storage_name}")
        self.stdout.write(f"Fixity run {run.pk}: {run.files_intact} of {run.files_checked} files intact.")
        if run.findings.exists():
            raise CommandError(f"{run.findings.count()} fixity problems found.")
