"""The Arabic core of arnews: what every stage needs to read Arabic text, defined once.

- characters (`chars`): letters, marks, digits, format and bidi controls, as regex class bodies;
- folding (`fold`): the one definition of "the same word" (NFKC, no marks, bare alef, ي for ى,
  ASCII digits, Latin lower case), with an offset map back to the original text, and the one tolerance of a
  final ه typed for ة in closed word lists (`as_teh_marbuta`, `as_final_heh`);
- proclitics (`clitics`): و ف + ب ك ل + ال as one table, their decompositions and regex pieces;
- sentences (`sentences`): sentence spans with offsets, and the spans of quoted passages (`quotations`);
- number words (`numbers`): «خمسة وعشرين» = 25;
- personal names (`names`): common given names and name particles (بن، عبد): «أحمد الخميس» is Ahmad Al-Khamis;
- the entity index (`entities`): every spelling of data/lexicons/entities.csv, looked up and found in text.

Stages import from here (`from arnews import arabic`; `arabic.fold(word)`), never fold or split on their own.
"""

from arnews.arabic.chars import (
    ALEF_VARIANTS,
    ARABIC_LETTERS,
    ARABIC_MARKS,
    BIDI_CONTROL_PATTERN,
    BIDI_CONTROLS,
    DIACRITICS,
    DIGITS,
    FORMAT_CONTROLS,
    LATIN_LETTERS,
    TATWEEL,
)
from arnews.arabic.clitics import (
    PREFIX_RULES,
    PROCLITIC,
    PROCLITIC_NO_ARTICLE,
    Clitics,
    after_lam,
    decompositions,
    is_definite,
    readings,
    split,
)
from arnews.arabic.entities import (
    EntityIndex,
    EntityMatch,
    entity_index,
    index_of,
    phrase_key,
    spelling_pattern,
    trie_pattern,
)
from arnews.arabic.fold import (
    FOLD_TABLE,
    FoldedText,
    as_final_heh,
    as_teh_marbuta,
    fold,
    fold_with_offsets,
    fold_words,
    strip_marks,
)
from arnews.arabic.names import ends_with_given_name, family_name_follows, given_names, name_particles
from arnews.arabic.numbers import NumberWord, number_value, number_words
from arnews.arabic.sentences import QUOTE_PAIRS, quotations, sentence_at, sentences

__all__ = [
    "ALEF_VARIANTS", "ARABIC_LETTERS", "ARABIC_MARKS", "BIDI_CONTROL_PATTERN", "BIDI_CONTROLS", "DIACRITICS", "DIGITS",
    "FORMAT_CONTROLS", "LATIN_LETTERS", "TATWEEL",
    "PREFIX_RULES", "PROCLITIC", "PROCLITIC_NO_ARTICLE", "Clitics", "after_lam", "decompositions", "is_definite",
    "readings",
    "split",
    "EntityIndex", "EntityMatch", "entity_index", "index_of", "phrase_key", "spelling_pattern", "trie_pattern",
    "FOLD_TABLE", "FoldedText", "as_final_heh", "as_teh_marbuta", "fold", "fold_with_offsets", "fold_words",
    "strip_marks",
    "ends_with_given_name", "family_name_follows", "given_names", "name_particles",
    "NumberWord", "number_value", "number_words",
    "QUOTE_PAIRS", "quotations", "sentence_at", "sentences",
]
