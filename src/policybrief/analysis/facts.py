"""Key figures (numbers with what they count) and the timeline (absolute and relative dates, resolved)."""

from __future__ import annotations

import math
import re
from datetime import date, timedelta

from ..brief import Figure, Sentence, TimelineEntry
from .prose import paired_quotes

WORD_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12,
    "a thousand": 1000, "one": 1, "a million": 1e6, "half a million": 5e5, "a billion": 1e9,
}
_SCALES = {"hundred": 1e2, "hundred thousand": 1e5, "thousand": 1e3, "million": 1e6, "billion": 1e9,
           "trillion": 1e12, "m": 1e6, "bn": 1e9, "k": 1e3}
_MEASURES = r"km|kilometres|kilometers|miles|metres|meters|tonnes|tons|hectares|square kilometres|sq km"
_CURRENCIES = {"$": "USD", "US$": "USD", "$US": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_TIME_UNITS = r"(years?|months?|weeks?|days?|hours?|minutes?|decades?|centur(y|ies))"
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]
_MONTH_RE = r"(January|February|March|April|May|June|July|August|September|October|November|December|" \
            r"Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
_NUMBER = (
    r"(?P<cur>US\$|\$US|[$€£¥])?\s?"  # "$US10", as Australian and New Zealand outlets write it
    # Thousands grouped by commas, or by spaces as many outlets write them ("1 000 troops", "3\u202f100").
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?!\d)|\d+(?:\.\d+)?|"
    + "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len, reverse=True))
    # "some 400km away", "the 19th round"
    + r")(?:-(?P<num2>\w+))?(?:(?P<glued>km|kms|kg|kgs)\b|(?<=\d)(?P<ord>st|nd|rd|th)\b)?"
    r"(?:\s?(?P<scale>hundred(?: thousand)?|thousand|million|billion|trillion|bn|m|k)\b)?"
    r"(?P<pct>\s?(?:%|per ?cent|percent))?"
)
_TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
_HYPHENED_SCALES = {"thousand", "million", "billion", "trillion"}
_GROUPING = re.compile(r"[, \u00a0\u2009\u202f]")
_FIGURE = re.compile(rf"(?<![\w,.\-/:])(?:{_NUMBER})(?![\w/]|,\d|\.\d)(?=(?P<rest>[^.;:!?]{{0,80}}))", re.IGNORECASE)
_CLOCK = re.compile(r"(:\d\d|\s*(a\.m\.|p\.m\.|am\b|pm\b|o['’]clock|GMT|UTC))", re.IGNORECASE)
_RELATIVE_TIME = re.compile(rf"\s*{_TIME_UNITS}\s+(ago|earlier|later|after|before|previously|since)\b", re.IGNORECASE)
# Words before a number that make it a count of what was named earlier ("put the figure as high as 150,000")
_QUANTIFIED = re.compile(r"\b(as high as|as many as|up to|some|about|nearly|almost|approximately|roughly|over|"
                         r"more than|fewer than|less than|at least|around|close to|upwards of|an estimated|numbering|"
                         r"totall?ing|numbered|estimated at|put at|(ceiling|total|strength|force|contingent|toll|"
                         r"tally|figure|number|cap) of|"
                         # "killing seven and injuring 20": who a casualty verb counts
                         r"kill(ed|ing)|wound(ed|ing)|injur(ed|ing)|arrest(ed|ing)|detain(ed|ing)|abduct(ed|ing)|"
                         r"kidnapp(ed|ing)|displac(ed|ing)|evacuat(ed|ing)|vot(ed|ing)|margin of|aged|age of|"
                         # "death tolls exceeding 300", "increasing it to 5000": a count that grew or fell to it
                         r"exceed(s|ed|ing)?|surpass(es|ed|ing)?|(reach|increas|rais|reduc|cut|lower|ris|rose|fell|"
                         r"dropp)\w*( it| them)? to)$")
_STOP_WORDS = re.compile(
    r"(?<![\w-])(of|in|on|at|by|for|from|to|with|and|or|but|that|which|who|were|was|are|is|have|has|had|as|since|"
    r"during|across|after|before|while|including|resulting|said|according|will|would|could|can|may|had|be|been)(?![\w-])"
)


def find_figures(sentences: list[Sentence]) -> list[Figure]:
    figures: list[Figure] = []
    seen: set[tuple[float, str]] = set()
    for s in sentences:
        last: tuple[Figure, int] | None = None
        for m in _FIGURE.finditer(s.text):
            figure = _figure(m, s, last)
            if figure:
                last = (figure, m.end("num"))
            if figure and (figure.value, figure.evidence) not in seen:
                if figure.what in ("others", "more") and figures and figures[-1].evidence == s.id:
                    figure.what = f"{figures[-1].what} ({figure.what})"  # "three ISIS operatives ... 14 others"
                seen.add((figure.value, figure.evidence))
                figures.append(figure)
    return figures


# What joins a number to the figure just before it, which names what both count: "2,500 troops in Iraq and another
# 900 in Syria", "reduced from 2,000 to 500", "three were killed and 31 were injured"
_JOINED = re.compile(r"\s(and|to|or|versus)(\s+(another|a further|only|just|some|about|nearly|over))?\s*$", re.I)
# Votes: "voted 130 to impeach", "124 in favor, with 24 against"
_VOTES = re.compile(r"\s*(in favou?r|against)\b", re.IGNORECASE)


def _figure(m: re.Match[str], s: Sentence, last: tuple[Figure, int] | None = None) -> Figure | None:
    raw, rest = m["num"], m["rest"] or ""
    lower = raw.lower()
    if lower in WORD_NUMBERS:
        if raw[0].isupper() and m.start() != 0:
            return None  # a capitalised number word mid-sentence is part of a name ("Group of Seven")
        value = float(WORD_NUMBERS[lower])
        if lower in _TENS and m["num2"] and WORD_NUMBERS.get(m["num2"].lower(), 10) < 10:
            value += WORD_NUMBERS[m["num2"].lower()]  # "eighty-eight"
    else:
        value = float(_GROUPING.sub("", raw))
        if _is_year(raw, value, s.text, m) or _is_date_day(s.text, m):
            return None
    if m["ord"] and re.match(r"\s+([A-Z]|centur|millenni)", rest):
        return None  # "the 102nd Military Base", "12th Apr", "the 19th century": a name, a date, an era
    # "40-million people", "R500-million": a scale joined by a hyphen, as some outlets write it
    scale = m["scale"] or (m["num2"] if m["num2"] and m["num2"].lower() in _HYPHENED_SCALES else None)
    if scale:
        value *= _SCALES[scale.lower()]
    if not math.isfinite(value) or value > 1e15:
        return None  # a serial number or a digit string, not a quantity
    if _CLOCK.match(s.text, m.end()):
        return None
    # "30 years ago", "in the 40 years since", "12 hours later": the time elapsed is a figure as written, and the
    # timeline dates the event; "for nine months" is a duration and counted as any other
    relative = _RELATIVE_TIME.match(rest)
    if relative and not re.search(r"\b(for|over|within|during|lasting)\s+$", s.text[:m.start()]):
        what = " ".join(relative[0].split()).lower()
    else:  # "a 1,200-km (745-mile) cable": after "745-mile", the bracket closes before the noun
        what = _counted(rest.lstrip(") ") if m["num2"] else rest)
    if lower == "one" and (not re.match(r"\s+[a-z]", rest) or _ONE_COUNTS_NOTHING.match(rest)
                           or not m["num2"] and re.search(r"\b(no|the|any|every)\s+$", s.text[:m.start()], re.I)):
        return None  # "one of his associates", "no one else", "the one they will get", "one might think"
    if _DESIGNATOR.search(s.text, 0, m.start()) or (s.text[m.start() - 1:m.start()] == "[" and rest[:1] == "]"):
        return None  # "Article 5", "Resolution No. 77", a note marker "[8]": a name or a reference, not a count
    if not what and not (m["cur"] or m["pct"]) and (age := _AGE_OF.search(s.text[:m.start()])) \
            and (rest.startswith(",") or not rest.strip()) and 1 <= value < 120:
        what = f"age of {age['name']}"  # "Khaleda Zia, 78, was freed": a person's age, set off by commas
    if (votes := _VOTES.match(rest)) and not (m["cur"] or m["pct"]):
        what = f"votes {votes[1].lower()}"
    bare = not what and not (m["cur"] or m["pct"] or m["glued"])
    if bare and (part := re.match(r"\s*(out )?of (?!(1[89]|20)\d\d\b)(\d[\d,]*) ([a-z].*)", rest)):
        what = f"of {part[3]} {_counted(part[4])}"  # "124 of 156 people arrested", "15 of 50 seats"
    elif bare and last and len((between := s.text[last[1]:m.start()]).split()) <= 8 and _JOINED.search(between):
        what = last[0].what
    if bare and not what:
        before = s.text[:m.start()].split()[-6:]
        # "injured over 2,700 in 2025", "withdrew almost 2,000 of its \"peacekeepers\"", "a troop ceiling of 17,000";
        # a number in millions or grouped in thousands is a count whatever precedes it ("a prewar population of
        # 23 million", "followed by the PUK's 409,548")
        if not (scale or _GROUPING.search(raw) or _QUANTIFIED.search(" ".join(before))):
            return None
        what = "… " + " ".join(before)  # "put the figure as high as 150,000": the count is named earlier
    unit = _CURRENCIES.get(m["cur"] or "") or ("percent" if m["pct"] else None)
    measure = re.match(rf"({_MEASURES})\b\s*(.*)", what)
    if m["glued"]:
        unit, what = ("km", "distance") if m["glued"].lower().startswith("km") else ("kg", "weight")
    elif m["num2"] and m["num2"].isalpha() and scale != m["num2"]:
        unit = unit or m["num2"].lower()  # "a 1,000-km front line", "a nine-member council"
    elif measure:
        unit, what = measure[1], measure[2] or "distance"
    return Figure(value=value, unit=unit, what=what or ("money" if unit not in (None, "percent") else "share"),
                  text=m.group(0).strip(), evidence=s.id)


# "one" as a pronoun: "one another", "no one else", "one might think", "one cannot speak of"; or in a phrase that
# counts nothing: "one thing is certain", "on one hand"
_ONE_COUNTS_NOTHING = re.compile(r"\s+(of|another|else|thing|hand|(might|may|can|cannot|could|would|should|must|will|"
                                 r"needs?|has|is|was|looks|sees|finds)\b)")
_DESIGNATOR = re.compile(r"\b(Articles?|Section|Chapter|Paragraph|Clause|Resolution|Protocol|Amendment|No\.)\s*$")
_AGE_OF = re.compile(r"(?<![\w’'])(?P<name>(?-i:[A-Z])[\w’'.-]+(?: (?-i:[A-Z])[\w’'.-]+){0,3}), $")


def _counted(rest: str) -> str:
    """The noun phrase after a number: '2,500 US military personnel are stationed' -> 'US military personnel'."""
    rest = rest.strip(" -–")
    if re.match(r"(of|among)\s+(them|whom|which|whose)\b", rest):
        return "of them"
    rest = re.sub(r"^(of|among)\s+(the|its|their|his|her|\w+['’]s)\s+", "", rest).lstrip("\"“‘'")
    # "a 1,200-km (745-mile) cable", "600 or so forces": a conversion or a hedge before the noun
    rest = re.sub(r"^(\([^()]{0,40}\)|or so|or more|odd)\s*(?=[a-z])", "", rest)
    cut = _STOP_WORDS.search(rest)
    phrase = rest[: cut.start()] if cut else rest
    phrase = re.split(r"[,()\"“”]", phrase)[0].strip()
    words = phrase.split()[:6]
    return " ".join(words)


def _is_year(raw: str, value: float, text: str, m: re.Match[str]) -> bool:
    if not raw.isdigit() or not 1800 <= value <= 2100 or m["cur"] or m["pct"]:
        return False
    after = text[m.end("num"):m.end("num") + 12].lower()
    return not re.match(r"\s+(troops|soldiers|people|fighters|personnel|civilians|refugees|km|kilometres|miles)",
                        after)


def _is_date_day(text: str, m: re.Match[str]) -> bool:
    before = text[max(0, m.start() - 12):m.start()]
    after = text[m.end("num"):m.end("num") + 12]
    return bool(re.search(rf"{_MONTH_RE}\s*$", before) or re.match(rf"{ORDINAL}\s+(of\s+)?{_MONTH_RE}", after))


ORDINAL = "(?:st|nd|rd|th)?"  # "25th August 2023", "August 25th, 2023"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY_RE = "|".join(day.capitalize() for day in _WEEKDAYS)
_ABSOLUTE = re.compile(
    rf"\b(?:(?P<day1>\d{{1,2}}){ORDINAL}\s+)?(?P<month>{_MONTH_RE})\s*(?:(?P<day2>\d{{1,2}}){ORDINAL},?\s*)?"
    r"(?P<year>(?:19|20)\d\d)\b"
    r"|\b(?P<iso>(?:19|20)\d\d-\d\d-\d\d)\b"
    r"|\b(?P<decade>(?:19|20)\d0s)\b"
    r"|\b(?P<bare>(?:19|20)\d\d)\b(?![-–]\d|,\d)"
)
_RELATIVE = re.compile(
    rf"\b(?P<n>\d+|{'|'.join(WORD_NUMBERS)}|a|an)\s+(?P<unit>years?|months?|weeks?|days?|decades?)\s+"
    r"(?P<dir>ago|earlier|later|after|before|previously|since)\b"
    r"|\b(?P<rel>last|next|this|past|coming)\s+(?P<unit2>year|month|week|weekend|decade)\b"
    r"|\b(?P<day>yesterday|today|tomorrow)\b"
    rf"|\b(?P<wrel>on|last|this|next)?\s*(?P<weekday>(?-i:{_WEEKDAY_RE}))\b",
    re.IGNORECASE,
)
# "in June", "by March 15", "the October 1 celebrations" (after "the", only with its day: "the May government")
_MONTH_ONLY = re.compile(
    rf"\b(?:(?P<qual>[Ee]arly|[Ll]ate|[Mm]id-?|[Ll]ast|[Tt]his|[Nn]ext|[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom|[Tt]hrough|[Oo]n|[Bb]etween|"
    rf"[Oo]f|[Bb]efore|[Aa]fter|[Ff]or|[Tt]he(?=\s+{_MONTH_RE}\s+\d)|(?:{_WEEKDAY_RE}),(?=\s+\d))\s+)"
    rf"(?:(?P<day1>\d{{1,2}}){ORDINAL}\s+)?(?P<month>{_MONTH_RE})(?:\s+(?P<day2>\d{{1,2}}){ORDINAL})?"
    r"(?P<yrel>\s+(?:last|this|next) year)?\b(?!,?\s+(?:19|20)\d\d)(?!-)"
)
# "The September 11 deadline for troop withdrawal is still months away": a date still to come
_FUTURE = re.compile(r"\b(will|is to|are to|is due|are due|scheduled|planned|expected|due to|next|likely to|"
                     r"set to|upcoming|ahead of|until|to (delay|extend|postpone|complete|hold)|"
                     r"(days|weeks|months) away|approaching|looming)\b", re.I)
_PAST = re.compile(r"\b(was|were|had|did|ago|last|earlier|previously)\b", re.I)
# "had agreed that India would complete the withdrawal by May 10", "demanded that the troops leave by March 15":
# a deadline set in the past falls after it; so does any "by" date in a clause that is not in the past tense
_DEADLINE = re.compile(r"\b(would|will|must|should|deadline|demand\w*|order\w*|ask\w*|request\w*)\b", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:—–]\s|\s(but|while|whereas|after|before|and then)\s")


def find_timeline(sentences: list[Sentence], published: date | None) -> list[TimelineEntry]:
    """Dated events in article order; relative dates resolved against the publication date when known."""
    entries: list[TimelineEntry] = []
    latest = _latest_date(sentences)
    narrative: int | None = None  # the last year the story itself named: what "two years later" counts from
    for s in sentences:
        taken: list[tuple[int, int]] = []
        for m in _ABSOLUTE.finditer(s.text):
            taken.append(m.span())
            when, iso = _absolute(m)
            entries.append(TimelineEntry(when=when, what=_what(s.text, m), date=iso, evidence=s.id))
        for m in _MONTH_ONLY.finditer(s.text):
            if any(a <= m.start("month") < b for a, b in taken):
                continue
            taken.append(m.span())
            when, iso = _month_only(m, s.text, published or latest)
            entries.append(TimelineEntry(when=when, what=_what(s.text, m), date=iso, evidence=s.id))
        for m in _RELATIVE.finditer(s.text):
            # "on Friday, 25th August" is one date, the weekday's day
            if any(a <= m.start("weekday" if m["weekday"] else 0) < b for a, b in taken):
                continue
            when, iso = _resolve(m, published, latest, _last_year(s.text[:m.start()], narrative))
            entries.append(TimelineEntry(when=when, what=_what(s.text, m), date=iso, evidence=s.id))
        narrative = _last_year(s.text, narrative)
    unique = {(e.when, e.evidence): e for e in entries}
    # "opened talks in June and committed funds for the years 2024 to 2027": the bare year is the month's
    months = {(e.evidence, e.date[:4]) for e in unique.values() if e.date and len(e.date) > 4}
    return sorted((e for e in unique.values() if not (e.date and len(e.date) == 4 and (e.evidence, e.date) in months)),
                  key=_chronological)


def _chronological(entry: TimelineEntry) -> str:
    """Dated entries by date (an approximate one by its first year); undated ones last, in article order."""
    year = re.search(r"\b(1[89]|20)\d\d\b", entry.date or entry.when)
    return (entry.date or year.group(0)) if year else "9999"


def _absolute(m: re.Match[str]) -> tuple[str, str | None]:
    if m["iso"]:
        return m["iso"], m["iso"]
    if m["decade"]:
        return m["decade"], None
    if m["bare"]:
        return m["bare"], m["bare"]
    month = _month_number(m["month"])
    day = m["day1"] or m["day2"]
    iso = f"{m['year']}-{month:02d}" + (f"-{int(day):02d}" if day else "")
    return m.group(0).strip().rstrip(","), iso


def _month_only(m: re.Match[str], text: str, anchor: date | None) -> tuple[str, str | None]:
    """ "late November" in an article of December 2024 is November 2024; "on January 9" it will be is 2025."""
    phrase = m.group(0)
    if m["qual"] and m["qual"].lower() in ("in", "on", "of", "by", "until", "from", "through", "since", "before",
                                           "after", "between", "the"):
        phrase = phrase[len(m["qual"]):].strip()
    if anchor is None:
        return phrase, None
    month = _month_number(m["month"])
    qual = (m["qual"] or "").lower()
    clause = clause_at(text, m.start())  # "will meet him on Friday, 25th August": the weekday's clause
    future = qual == "next" or (qual != "last" and bool(_FUTURE.search(clause)) and not _PAST.search(clause)) or (
        qual in ("by", "until") and bool(_DEADLINE.search(clause))) or (qual == "by" and not _PAST.search(clause))
    year = anchor.year
    if m["yrel"]:  # "September last year"
        year += {"last": -1, "this": 0, "next": 1}[m["yrel"].split()[0]]
    elif future and month < anchor.month:
        year += 1
    elif not future and month > anchor.month:
        year -= 1
    day = m["day1"] or m["day2"]
    iso = f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")
    return f"{phrase} [{iso}]", iso


def clause_at(text: str, at: int) -> str:
    """The clause around position `at`: a sentence can report a past event and a future plan side by side."""
    bounds = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(text)), len(text) + 1]
    start = max(b for b in bounds if b <= at)
    end = min(b for b in bounds if b > at)
    return text[start:end]


def _month_number(name: str) -> int:
    key = name.lower().rstrip(".")[:3]
    return next(i + 1 for i, full in enumerate(_MONTHS) if full.startswith(key))


def _latest_date(sentences: list[Sentence]) -> date | None:
    years = []
    for s in sentences:
        for m in _ABSOLUTE.finditer(s.text):
            year = m["year"] or m["bare"] or (m["iso"] or "")[:4]
            if year:
                month = _month_number(m["month"]) if m["month"] else 1
                years.append(date(int(year), month, 1))
    return max(years) if years else None


def _last_year(text: str, current: int | None) -> int | None:
    years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", text)]
    return years[-1] if years else current


def _resolve(m: re.Match[str], published: date | None, latest: date | None,
             narrative: int | None = None) -> tuple[str, str | None]:
    phrase = m.group(0)
    if m["n"]:
        n = 1 if m["n"].lower() in ("a", "an") else int(WORD_NUMBERS.get(m["n"].lower(), m["n"]))
        unit = m["unit"].lower().rstrip("s")
        direction = m["dir"].lower()
        years = {"year": n, "decade": 10 * n}.get(unit)
        if direction in ("later", "earlier", "before", "previously"):
            # "Twenty years later", "two years earlier": counted from the year the story has just named, not
            # from the day of publication; without one they stay unresolved.
            if years is None or narrative is None:
                return phrase, None
            year = narrative + (years if direction == "later" else -years)
            return f"{phrase} [{year}]", str(year)
        # "four years ago", "eight months after Assad fled" (said of now): the event lies before publication.
        if unit == "month" and published:
            month0 = published.year * 12 + published.month - 1 - n
            iso = f"{month0 // 12}-{month0 % 12 + 1:02d}"
            return f"{phrase} [{iso}]", iso
        if years is None:
            return _anchored(phrase, published), None
        year = (published.year if published else 0) - years
        if published:
            return f"{phrase} [{year}]", str(year)
        if latest:
            # With no publication date the article was written at or after its latest date, so the
            # event lies between that anchor and a year later: say both years rather than guess one.
            low = latest.year - years
            return f"{phrase} [c. {low}–{low + 1}; publication date unknown]", None
        return phrase, None
    if m["weekday"] and published:
        # News names the day of the week for the days just before publication ("agreed Wednesday"),
        # and after it only with "next".
        target = _WEEKDAYS.index(m["weekday"].lower())
        back = (published.weekday() - target) % 7
        day = published - timedelta(days=back) if (m["wrel"] or "").lower() != "next" else \
            published + timedelta(days=(target - published.weekday()) % 7 or 7)
        return f"{phrase.strip()} [{day.isoformat()}]", day.isoformat()
    if m["rel"] and published:
        unit = m["unit2"].lower()
        offset = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(m["rel"].lower(), 0)
        if unit == "year":
            return f"{phrase} [{published.year + offset}]", str(published.year + offset)
        if unit == "month":
            month0 = published.month - 1 + offset
            iso = f"{published.year + month0 // 12}-{month0 % 12 + 1:02d}"
            return f"{phrase} [{iso}]", iso
    return _anchored(phrase, published), None


def _anchored(phrase: str, published: date | None) -> str:
    return f"{phrase} [around {published.isoformat()}]" if published else phrase


def _what(text: str, m: re.Match[str]) -> str:
    """The clause around a date, short enough for a timeline row."""
    if len(text.split()) <= 28:
        return text
    # Cut at word boundaries in the text itself, so "September.”" keeps its stop and quote where they stand.
    starts = [w.start() for w in re.finditer(r"\S+", text[: m.start()])][-12:]
    ends = [m.end() + w.end() for w in re.finditer(r"\S+", text[m.end():])][:15]
    start = starts[0] if len(starts) == 12 else 0
    end = ends[13] if len(ends) > 14 else len(text)
    return paired_quotes(("… " if start else "") + text[start:end] + (" …" if end < len(text) else ""))
