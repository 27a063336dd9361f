"""Sentence splitting: abbreviations, decimals, PDF line breaks, headings; and the offset map."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from data.extract.sentences import split_sentences
from data.extract.textnorm import normalise


def _split(text: str) -> list[str]:
    return [" ".join(text[s:e].split()) for s, e in split_sentences(text)]


def test_us_is_not_a_sentence_end() -> None:
    assert _split("Officials from the U.S. State Department visited. They left.") == [
        "Officials from the U.S. State Department visited.", "They left.",
    ]


def test_no_1_and_month_abbreviations() -> None:
    assert _split("Heilongjiang ranks No.1 in timber. It was held on Dec. 11 in Beijing. Done.") == [
        "Heilongjiang ranks No.1 in timber.", "It was held on Dec. 11 in Beijing.", "Done.",
    ]
    assert _split("On Apr.22, Xi visited Chongqing.") == ["On Apr.22, Xi visited Chongqing."]


def test_decimals_do_not_split() -> None:
    assert _split("GDP was 696.12 billion yuan (US$ 97.46 billion). Growth was 5.4 percent.") == [
        "GDP was 696.12 billion yuan (US$ 97.46 billion).", "Growth was 5.4 percent.",
    ]


def test_etc_before_a_capital_ends_the_sentence() -> None:
    assert _split("industrial boilers, etc. Harbin is a centre.") == [
        "industrial boilers, etc.", "Harbin is a centre.",
    ]


def test_line_break_inside_a_sentence_is_joined() -> None:
    text = "Inner Mongolia is an area of multiple\n\nethnic groups with a total population of 24.05 million."
    assert _split(text) == [
        "Inner Mongolia is an area of multiple ethnic groups with a total population of 24.05 million.",
    ]


def test_page_break_before_a_capitalised_word_is_joined_in_prose() -> None:
    text = ("We will support demonstrations of high-quality development, and more. "
            "We will support the former Central\n\nSoviet Area across Jiangxi, Fujian, and Guangdong.")
    assert _split(text)[-1] == (
        "We will support the former Central Soviet Area across Jiangxi, Fujian, and Guangdong."
    )


def test_blank_lines_separate_paragraphs() -> None:
    assert _split("The first paragraph ends here.\n\nThe second one starts here.") == [
        "The first paragraph ends here.", "The second one starts here.",
    ]


def test_headings_without_full_stops_stand_alone() -> None:
    text = "Section 1\n\nUshering In a New Vista in the Western Region\n\nWe will take measures. We will act."
    assert _split(text) == [
        "Section 1", "Ushering In a New Vista in the Western Region", "We will take measures.",
        "We will act.",
    ]


def test_one_paragraph_per_line_and_titles() -> None:
    text = "Chinese leader reiterates deepen reforms in western regions\nHi everyone! It's been a busy week."
    assert _split(text) == ["Chinese leader reiterates deepen reforms in western regions", "Hi everyone!",
                            "It's been a busy week."]


def test_bullets_are_sentences() -> None:
    text = "01 Border cities and towns\n\n- Improve the functions of towns;\n- Focus on Manzhouli, Hunchun."
    assert _split(text) == ["01 Border cities and towns", "- Improve the functions of towns;",
                            "- Focus on Manzhouli, Hunchun."]


def test_captions_stand_alone() -> None:
    text = ("Shenyang is the largest city\n\n\n\nTourists enjoy a boat trip in Dalian, Liaoning, on June 16, "
            "2024 (XINHUA)\n\nin Northeast China.")
    assert "Tourists enjoy a boat trip in Dalian, Liaoning, on June 16, 2024 (XINHUA)" in _split(text)


def test_chinese_sentences() -> None:
    assert _split("推动西部大开发。促进东北全面振兴！") == ["推动西部大开发。", "促进东北全面振兴！"]


def test_very_long_runs_are_cut() -> None:
    text = "word " * 5000
    spans = split_sentences(text)
    assert len(spans) > 1 and all(e - s <= 3000 for s, e in spans)


@given(st.text(alphabet=st.sampled_from(list("ab .\n\t’—Jilin")), max_size=200))
def test_normalised_offsets_map_back(text: str) -> None:
    norm = normalise(text)
    assert "  " not in norm.text
    for i, ch in enumerate(norm.text):
        original = text[norm.to_original(i)]
        if ch == " ":
            assert original.isspace()
        else:
            assert original.lower() == ch or (ch in "'-" and not original.isalnum())


@given(st.text(max_size=300))
def test_sentences_are_ordered_trimmed_and_inside_the_text(text: str) -> None:
    spans = split_sentences(text)
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        last = e
