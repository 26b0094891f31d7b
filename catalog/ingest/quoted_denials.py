"""A party's quoted answer that flatly negates another side's claim ("He is not one of ours") is a denial too.

The quote stays a quote; the denial is proposed beside it, and kept only if it answers an earlier claim of
another side (quoted words that negate nothing stay quotes only: LABELLING.md, "Quoted denials").
"""

import re

from catalog.choices import ClaimKind

from .dates import find_temporal
from .phrases import is_media_phrase

_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nobody|neither)\b|n['’]t\b|\b(?:staged|fake|fabricated|fabrication|false|lies)\b",
    re.IGNORECASE,
)
# "We will not allow...", "I did not want to fight": a refusal or a wish negates no claim.
_VOLITION = re.compile(
    r"\b(?:will|would|shall|can|could|do|does|did|must)\s+not\b|\b(?:won|can|don|doesn|didn)['’]t\b|"
    r"\bnot\s+(?:allow|let|want)",
    re.IGNORECASE,
)
_IN_ITEM = re.compile(r"\b(?:in the (?:video|clip|footage|recording)|to the camera|on camera)\b", re.IGNORECASE)
_FIRST_SENTENCE = re.compile(r"^.+?(?:[.!?](?=\s|$)|$)")
_SPEAKER_IN_ITEM = re.compile(
    r"^(?:(?:the|a|an|one of the|another|one)\s+(?:[\w-]+\s+){0,3}?(?:man|men|woman|women|prisoners?|captives?|"
    r"hostages?|soldiers?|pilot|detainees?|speaker|suspect)|one of them|he|she|they|i|we)\b",
    re.IGNORECASE,
)


def quoted_denials(sentence, number, quoted, people, reference, claim_type):
    """Denial proposals for the quotes of one sentence whose speaker is a party and whose words negate."""
    proposals = []
    for quote in quoted:
        speaker = quote.speaker.strip()
        if quote.translation or not speaker or speaker.casefold() in people or _SPEAKER_IN_ITEM.match(speaker):
            continue
        if is_media_phrase(speaker):
            continue
        first = _FIRST_SENTENCE.match(quote.text.strip())
        if not first or not _NEGATION.search(first.group(0)) or _VOLITION.search(first.group(0)):
            continue
        if _IN_ITEM.search(sentence.text) or _names_someone_in(speaker, people):
            continue
        proposal = claim_type(
            text=quote.text,
            kind=ClaimKind.OTHER,  # the kind of the claim it answers, found when it is linked
            claimant=speaker,
            evidence=sentence.text,
            paragraph=sentence.paragraph,
            is_denial=True,
            sentence=number,
            from_quote=True,
        )
        when = _attribution_date(sentence.text, quote.text, reference)
        if when is not None:
            proposal.stated_on, proposal.stated_on_precision, proposal.stated_on_text = (
                when.day,
                when.precision,
                when.text,
            )
        proposals.append(proposal)
    return proposals


def _names_someone_in(speaker, people):
    """'Gromov' speaks in the item when an identity of the item is called Ivan Gromov."""
    words = set(re.findall(r"\w+", speaker.casefold()))
    return any(words and words <= set(re.findall(r"\w+", name)) for name in people)


def _attribution_date(text, quote_text, reference):
    """'..., the ministry said in a statement on Saturday': the date in the attribution, not in the quote."""
    at = text.find(quote_text)
    if at < 0:
        return None
    after = find_temporal(text[at + len(quote_text) :], reference)
    before = find_temporal(text[:at], reference)
    return after[0] if after else (before[-1] if before else None)


def drop_unanswering(claims, same_side):
    """Quoted denials are dropped when they answer nothing, or when the narration already reports a denial by
    the same side (the quote is then that denial's words); the indexes of the links are renumbered."""
    narrated = [c for c in claims if c.is_denial and not c.from_quote]

    def words_of_a_reported_denial(claim):
        # "X denied ... . 'We have no missing personnel,' a spokesman told ...": the quote gives the denial's words.
        return any(
            same_side(c.claimant, claim.claimant)
            or (c.paragraph == claim.paragraph and c.sentence < claim.sentence)
            or c.sentence == claim.sentence - 1
            for c in narrated
        )

    keep = [
        i
        for i, claim in enumerate(claims)
        if not claim.from_quote or (claim.denies and not words_of_a_reported_denial(claim))
    ]
    if len(keep) == len(claims):
        return claims
    new_index = {old: new for new, old in enumerate(keep)}
    kept = [claims[i] for i in keep]
    for claim in kept:
        claim.denies = [new_index[i] for i in claim.denies if i in new_index]
        claim.repeats = [new_index[i] for i in claim.repeats if i in new_index]
    return kept
