"""Engine behaviour the rule example format cannot express: context, overlaps, quoting, offsets."""

from __future__ import annotations

import phraselint


def spans(report: phraselint.Report) -> list[tuple[str, int, int, str]]:
    return [(v.rule_id, v.start, v.end, v.text) for v in report.violations]


def test_lemma_phrase_matches_inflected_forms_and_keeps_original_offsets(test_linter: phraselint.Linter) -> None:
    report = test_linter.lint("Боюсь, Ты Не Поймёшь.", lang="ru")
    assert spans(report) == [
        ("ru/informal-address.ty", 7, 9, "Ты"),
        ("ru/condescension.wont-understand", 7, 20, "Ты Не Поймёшь"),
    ]


def test_typographic_apostrophe_matches_plain_one(test_linter: phraselint.Linter) -> None:
    report = test_linter.lint("Sorry, that’s our policy.", lang="en")
    assert spans(report) == [("en/policy-shield.thats-our-policy", 7, 24, "that’s our policy")]


def test_unless_in_same_sentence_suppresses(test_linter: phraselint.Linter) -> None:
    assert test_linter.lint("That's our policy and it guarantees a refund.", lang="en").violations == ()
    report = test_linter.lint("Our refunds are guaranteed. That's our policy.", lang="en")
    assert spans(report) == [("en/policy-shield.thats-our-policy", 28, 45, "That's our policy")]


def test_unless_anywhere_in_message_suppresses(test_linter: phraselint.Linter) -> None:
    assert test_linter.lint("That's our policy.\nInstead, I can send a voucher.", lang="en").violations == ()


def test_requires_condition_in_sentence(test_linter: phraselint.Linter) -> None:
    assert test_linter.lint("We can't refund it. It is under our policy.", lang="en").violations == ()
    report = test_linter.lint("We can't refund it under our policy.", lang="en")
    assert spans(report) == [("en/policy-shield.policy-refusal", 25, 35, "our policy")]


def test_same_category_overlap_keeps_longest_span(test_linter: phraselint.Linter) -> None:
    report = test_linter.lint("We don't refund that, that's our policy.", lang="en")
    assert spans(report) == [("en/policy-shield.thats-our-policy", 22, 39, "that's our policy")]


def test_second_person_verb_suppressed_when_pronoun_in_sentence(test_linter: phraselint.Linter) -> None:
    report = test_linter.lint("Ты сам увидишь. Потом увидишь.", lang="ru")
    assert spans(report) == [
        ("ru/informal-address.ty", 0, 2, "Ты"),
        ("ru/informal-address.verb-second-singular", 22, 29, "увидишь"),
    ]


def test_quoted_text_is_not_linted(test_linter: phraselint.Linter) -> None:
    text = 'You wrote "that\'s our policy" in your e-mail.\n> that\'s our policy\nИ «ты не поймёшь».'
    assert test_linter.lint(text, lang="en").violations == ()
    assert test_linter.lint("Вы написали «ты не поймёшь».", lang="ru").violations == ()


def test_line_and_column_are_one_based(test_linter: phraselint.Linter) -> None:
    report = test_linter.lint("Hello,\n\nsorry, that's our policy.", lang="en")
    (v,) = report.violations
    assert (v.line, v.column, v.text) == (3, 8, "that's our policy")


def test_regex_pattern_placeholder(test_linter: phraselint.Linter) -> None:
    report = test_linter.lint("Hi {{ first_name }}, your order shipped.", lang="en")
    assert spans(report) == [("en/unfilled-placeholder.mustache-slot", 3, 19, "{{ first_name }}")]


def test_long_input_is_chunked_with_correct_offsets(test_linter: phraselint.Linter) -> None:
    filler = "Your parcel is on its way and will arrive soon. " * 2000
    text = filler + "Sorry, that's our policy." + "\n" + filler
    report = test_linter.lint(text, lang="en")
    start = len(filler) + 7
    assert spans(report) == [("en/policy-shield.thats-our-policy", start, start + 17, "that's our policy")]


def test_report_ok_and_counts(test_linter: phraselint.Linter) -> None:
    report = test_linter.lint("Боюсь, ты не поймёшь.", lang="ru")
    assert not report.ok
    assert report.counts == {"informal-address": 1, "condescension": 1}
    assert report.lang == "ru"
    warning_only = test_linter.lint("We can't refund it under our policy.", lang="en")
    assert warning_only.ok


def test_lint_many_streams_same_reports_as_lint(test_linter: phraselint.Linter) -> None:
    texts = ["Sorry, that's our policy.", "Боюсь, ты не поймёшь.", "All good here.", "Hi {{name}}!"] * 100
    many = list(test_linter.lint_many(iter(texts)))
    assert many == [test_linter.lint(t) for t in texts]
    assert [r.lang for r in many[:4]] == ["en", "ru", "en", "en"]


def test_a_word_first_seen_in_an_earlier_memory_zone_still_matches_by_lemma_regex(linter: phraselint.Linter) -> None:
    # lint_many forgets the strings of each batch; a word form remembered from an earlier batch must
    # still give its lemma («älypuhelin») to a LEMMA REGEX test (the unless-clause of a fi rule).
    cleared = "Vika on sinun älypuhelimessasi, joten lähetin uuden."
    for _ in range(2):
        assert [r.violations for r in linter.lint_many([cleared], lang="fi")] == [()]
    assert [v.text for v in linter.lint("Vika on sinun, ei meidän.", lang="fi").violations] == ["Vika on sinun"]
