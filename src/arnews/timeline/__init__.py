"""Timeline: Arabic temporal expressions resolved to dates, and the dated events of a corpus.

`tag(text, published)` finds the temporal expressions of one clean article text and resolves each
against the article's own day (its reference day, below) to an ISO value with its precision (`YYYY`, `YYYY-MM`,
`YYYY-MM-DD`); an expression that cannot be resolved (no publication date, "الأسبوع الماضي", a Hijri
date outside the Umm al-Qura table) keeps an empty value. Families:

* full dates in the three month-name systems, with or without a year or a weekday
  ("الأربعاء 13 أيلول/سبتمبر 2023", "19 يونيو 2024", "3 جوان 2019", "الثاني من أغسطس 2015", "الـ20 من
  أكتوبر من العام 2014", "26 فبراير شباط 2016"), numeric dates ("13/9/2023", "28 / 10 / 1436 هـ"), month +
  year ("حزيران 2024"), years ("عام 2000"، "في 2022"، "عامي 2001 و2007"، "السنة المالية 2015م");
* months with a modifier or alone ("سبتمبر الماضي", "في يوليو"), weekdays ("اليوم الأربعاء",
  "أمس، الثلاثاء", "غدا الاثنين", "يوم الأربعاء", "الخميس المقبل", a bare "الاثنين"), deictic days ("اليوم",
  "أمس", "غدا", "بعد غد", "البارحة الأولى"), periods ("العام الماضي", "هذا العام", "الشهر المقبل", "مطلع
  العام", "الأسبوع الجاري"), the year, month or day named before ("العام نفسه", "من نفس العام");
* counted offsets ("منذ 24 عاما", "قبل عامين", "بعد أسبوع من الآن", "بعد أربع سنوات من زيارته السابقة"),
  number words and duals included;
  Hijri dates ("26 شوال 1436 هـ", "27 شوال الجاري", "شهر رمضان المبارك") through `hijridate`;
  Arabic-Indic digits.

Points and durations: an expression is a *point* when it names a date (all the above). A counted
stretch of time without منذ/قبل/بعد ("استمر ساعتين", "نحو 11 ساعة", "يومين") is a *duration*: it is
not a timeline point; `durations(text)` lists durations with an ISO 8601 value (PT2H, P2D).

The article's own day: relative expressions count from the day the article was written for, its reference
day (`reference(text, published)` tells which and why, `reference_date` gives the day): the publication date,
unless the text shows another day in its own voice: a dateline («بريدة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م
واس»), a deictic day with its date («يوم غد الخميس 14 / 10 / 1436هـ الموافق 30 / 7 / 2015م») or with a weekday
that is not the publication day's («اليوم الأربعاء» in an article dated Thursday: written on the Wednesday, at
most a week before), a part of today reported in the past that had not begun at the publication time («عصر
اليوم» in a page fetched at 02:39, when the corpus gives the time), or only the month, for a month named as the
current one months before publication («سبتمبر الجاري» in an archive page; the values that need the day are then
left empty). Quotations, speech reported from another day and conflicting cues leave the publication date
(`reference_day`; SaudiNewsNet's dates are crawl dates, and 4% of its articles say they were written earlier); a
quotation's own relative words count from the day its statement was made when the sentence says it («قال أمس:
«… اليوم …»»). Below, "publication" means that reference day.

Resolution against the publication date: "اليوم الأربعاء" is the publication day if it is a Wednesday,
else the latest Wednesday before it; "أمس الثلاثاء" the latest Tuesday before publication; "الخميس
الماضي/المقبل" the previous/next one strictly before/after; "منذ/قبل 24 عاما" publication year − 24; "بعد
أربع سنوات" publication year + 4; counted from a happening ("بعد اسبوع من اعمال عنف", a week after violence;
"قبل يومين من الانتخابات") it names no date, except "بعد أربع سنوات من زيارته السابقة" (four years after his
previous visit: the count runs up to now), which dates that last happening (publication − 4). What names
no week or year of its own is decided by its context (`context`): a weekday alone ("وقعت الهجمات السبت")
and a date or month without a year take the tense of the verb that governs
them (past → the latest such day on or before publication, future → the next, present → the nearest); a
weekday followed by its date ("يوم الخميس الموافق 28/10/1436 هـ") is that date; "العام نفسه" takes the year
named before; a Hijri date without a year is of the current Hijri year; «الاثنين» is Monday unless the words
around it make it "the two" («بين الاثنين», «الاثنين معا»).

Events: `event_mentions` gives each resolved point the nearest event trigger of its sentence
(data/lexicons/event_types.yaml; none further than MAX_TRIGGER_GAP characters) and the people and
places of the entities lexicon around it; an anniversary dates what it commemorates ("احتفلتا العام
الماضي بالذكرى الخامسة والسبعين لإقامة العلاقات" → 1948). `events` groups mentions of the same (date,
type) and people or places across articles, folds a coarser date into the finer event it agrees with
("في سبتمبر" → the summit of 13 September 2023), and labels each event. All word lists live in
data/lexicons/ (months.csv, hijri_months.csv, weekdays.csv, number_words.csv, time_units.csv,
relative_time.yaml, event_types.yaml, entities.csv).

`python -m arnews timeline --corpus PATH --out DIR` reads the corpus's clean store (arnews.pipeline: loaded
and cleaned once) and writes DIR/expressions.csv (doc_id,start,end,text,value,precision; offsets into the
clean text) and DIR/events.csv (date,precision,label,label_en,doc_ids,evidence,type,mentions,participants),
on every core; the output does not depend on the number of workers.

The package, by capability: `grammar` (the patterns, compiled from the lexicons), `dates` (date arithmetic),
`readings` (what the tagger hands on), `tagger` (find and resolve), `reference_day` (the article's own day),
`context` (what the words around a date decide), `durations`, `triggers` (event triggers, people and places),
`article` (one article's sentences, triggers and entities by position), `mentions` (a date and its happening,
per article), `events` (grouped across articles), `stage` (a whole clean store), `views` (tables for the
reader), `plot` (the figure), `cli`.
Text is read through the Arabic core (`arnews.arabic`).
"""

from arnews.timeline.cli import CLI_HELP, add_arguments, run
from arnews.timeline.dates import as_date
from arnews.timeline.durations import Duration, durations
from arnews.timeline.events import (
    DOC_SEPARATOR,
    EVENT_COLUMNS,
    EVIDENCE_SEPARATOR,
    MAX_EVIDENCE,
    MAX_PARTICIPANTS,
    events,
)
from arnews.timeline.grammar import Grammar
from arnews.timeline.mentions import (
    LEAD_SENTENCES,
    LOOKAHEAD_SENTENCES,
    MAX_TRIGGER_GAP,
    PERSON_GAP,
    PLACE_LEAD_SENTENCES,
    Mention,
    analyse,
    event_mentions,
)
from arnews.timeline.plot import plot_timeline
from arnews.timeline.reference_day import Cue, Reference
from arnews.timeline.stage import PARALLEL_MIN_BYTES, TimelineResult, run_corpus, timeline, write
from arnews.timeline.tagger import EXPRESSION_COLUMNS, Expression, expressions, reference, reference_date, tag
from arnews.timeline.triggers import EventGrammar, EventType, event_grammar
from arnews.timeline.views import (
    duration_claims,
    event_durations,
    event_table,
    expression_summary,
    neighbouring_events,
    top_events,
)

__all__ = [
    "CLI_HELP", "add_arguments", "run",
    "as_date", "Duration", "durations",
    "DOC_SEPARATOR", "EVENT_COLUMNS", "EVIDENCE_SEPARATOR", "MAX_EVIDENCE", "MAX_PARTICIPANTS", "events",
    "Grammar",
    "LEAD_SENTENCES", "LOOKAHEAD_SENTENCES", "MAX_TRIGGER_GAP", "PERSON_GAP", "PLACE_LEAD_SENTENCES", "Mention",
    "analyse", "event_mentions",
    "plot_timeline",
    "PARALLEL_MIN_BYTES", "TimelineResult", "run_corpus", "timeline", "write",
    "Cue", "Reference",
    "EXPRESSION_COLUMNS", "Expression", "expressions", "reference", "reference_date", "tag",
    "EventGrammar", "EventType", "event_grammar",
    "duration_claims", "event_durations", "event_table", "expression_summary", "neighbouring_events", "top_events",
]
