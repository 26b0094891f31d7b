"""The catalogue's policies, each the one home of its rule: access (who may see what) and audit (what left, to
whom). Egress (what we may fetch) is provenance.egress, since evidence capture lives there."""
