"""The rules that link a denial to the claims it denies: sides, topics, own involvement."""

from catalog.choices import ClaimKind
from catalog.ingest.claims import ClaimProposal
from catalog.ingest.links import infer_denial_kinds, link_claims, same_side


def claim(text, kind, claimant, sentence, denial=False, evidence=None):
    return ClaimProposal(
        text=text,
        kind=kind,
        claimant=claimant,
        evidence=evidence or text,
        paragraph=sentence,
        is_denial=denial,
        sentence=sentence,
    )


def test_state_bodies_of_one_country_are_one_side():
    assert same_side("Russia", "The Kremlin")
    assert same_side("SANA", "Syria's army")
    assert same_side("Tehran", "Iran's foreign ministry")
    assert not same_side("Syria's army", "Syrian rebels")
    assert not same_side("Moscow", "The Islamic State Khorasan Province")
    assert not same_side("Ukraine's General Staff", "Russia's defence ministry")


def test_a_denial_does_not_deny_its_own_states_statement():
    claims = [
        claim("it said were captured soldiers", ClaimKind.CAPTURE, "The Islamic State group", 0),
        claim("the army had taken prisoners", ClaimKind.CAPTURE, "Syria's army", 1),
        claim("SANA denied that any soldiers had been taken prisoner", ClaimKind.CAPTURE, "SANA", 2, denial=True),
    ]
    link_claims(claims)
    assert claims[2].denies == [0]


def test_denying_own_involvement_answers_only_those_who_blame_the_denier():
    claims = [
        claim("claimed responsibility for the bombing", ClaimKind.RESPONSIBILITY, "The Islamic State group", 0),
        claim(
            "said Iran was behind the attack",
            ClaimKind.RESPONSIBILITY,
            "The Saudi-led coalition",
            1,
            evidence="The coalition said Iran was behind the attack.",
        ),
        claim("Tehran denied any involvement", ClaimKind.RESPONSIBILITY, "Tehran", 2, denial=True),
    ]
    link_claims(claims)
    assert claims[2].denies == [1]


def test_a_denial_without_a_kind_takes_it_from_a_claim_on_its_topic():
    claims = [
        claim("claiming responsibility for a bomb in Kabul", ClaimKind.RESPONSIBILITY, "The Islamic State group", 0),
        claim("the attack killed 20 people", ClaimKind.CASUALTY, "a speaker", 1),
        claim("denied that the group had a presence in Kabul", ClaimKind.OTHER, "Taliban spokesman", 2, denial=True),
    ]
    infer_denial_kinds(claims)
    link_claims(claims)
    assert claims[2].kind == ClaimKind.RESPONSIBILITY
    assert claims[2].denies == [0]
