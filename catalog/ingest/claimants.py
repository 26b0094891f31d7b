"""Who makes a statement, as the report writes it: the subject before a reporting verb, an appositive, a
relative clause's antecedent, or the speaker a pronoun stands for."""

import re

from .phrases import ADVERBS, PREDICATE_START, is_media_phrase, resolve_pronoun, sentence_subject, trim_phrase

RELATIVE_SUBJECT = re.compile(rf"(?:,\s*)?\b(?:which|who|that)\s+(?:(?:{ADVERBS})\s+)*$")
PRONOUNS = {"it", "they", "he", "she", "we", "its", "their"}


def claimant_of(trigger, masked, context):
    """Who makes the statement, as the report writes it, and the claim it is coordinated with."""
    if trigger.form in ("according", "hyphen", "passive"):
        return trigger.claimant, None
    before = masked[: trigger.start]
    earlier, made = context.earlier, context.made
    if trigger.verb.endswith("ing") and not re.search(r"\bwith\s*$", masked[: trigger.span_start]):
        if trigger.verb == "saying" and made:
            return None, None  # "denied ..., saying ...": the same statement, already made
        if made:
            return earlier[-1].claimant, earlier[-1]
        if context.quoted:
            return context.quoted[-1].speaker, None
        return sentence_subject(context.sentence.text), None
    relative = RELATIVE_SUBJECT.search(before)
    if relative:
        antecedent = last_noun_phrase(before[: relative.start()])
        trigger.span_start = relative.start()
        if antecedent and not is_media_phrase(antecedent):
            return antecedent, None
        return resolve_pronoun(
            "it", before[: relative.start()], context.previous_sentence, last_claimant(earlier)
        ), None
    words = re.findall(r"[\w'’-]+", trim_phrase(before))
    if words and words[-1].lower() in PRONOUNS:
        subject = words[-1]
        trigger.span_start = before.rfind(subject)
    else:
        segment = masked[trigger.span_start : trigger.start]
        # "aired footage of what the group said": the subject is the phrase just before the verb.
        subject = trim_phrase(last_noun_phrase(segment) if PREDICATE_START.search(segment) else segment)
    if not subject:
        preceding = masked[: trigger.span_start].rstrip()
        if re.search(r"\b(?:and|but)$", preceding):
            if made:
                return earlier[-1].claimant, earlier[-1]  # "said ... and denied ...": one subject, two statements
            subject = sentence_subject(context.sentence.text)  # "gives his name as X and says ..."
        if preceding.endswith(","):
            subject = appositive_head(masked[: trigger.span_start])
            trigger.span_start = max(masked.find(subject), 0)
    if not subject:
        return None, None
    if subject.lower() in PRONOUNS:
        stated = [i for i in context.identities if i.evidence == context.sentence.text]
        if subject.lower() in ("he", "she") and stated:
            return stated[0].name_as_stated, None
        return resolve_pronoun(
            subject, masked[: trigger.span_start], context.previous_sentence, last_claimant(earlier)
        ), None
    return subject, None


def last_noun_phrase(text):
    """'Islamic State released a video on Wednesday' -> 'a video': the phrase after the last verb or preposition."""
    text = trim_phrase(text)
    cuts = list(
        re.finditer(
            r"\b(?:by|of|on|in|to|from|with|for|at|what|released|published|posted|aired|broadcast|"
            r"shared|showed|shows|issued)\s+",
            text,
        )
    )
    cut = cuts[-1] if cuts else None
    return trim_phrase(text[cut.end() :] if cut else text)


def appositive_head(before):
    """'A coalition spokesman, Colonel X, repeated': the phrase that starts the chain of commas."""
    clause = re.split(r"[;:]|\s(?:and|but|while|that)\s", before.rstrip(" ,"))[-1]
    # "On Tuesday, the army's spokesman, Col. X, denied": a leading date is no subject.
    return next((trim_phrase(part) for part in clause.split(",") if trim_phrase(part)), "")


def last_claimant(earlier):
    return earlier[-1].claimant if earlier else ""
