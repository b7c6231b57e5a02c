"""The paired surveys, designed together: common themes, each asked of staff (2–3 items) and of
customers (1–2 items), in English and Finnish, with the column ids the importer recognises.

Themes from service-climate and linkage research (sources in docs/survey-design.md). Items are
agreement statements on the 5-point scale; the customer outcomes are 0–10 ratings.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import polars as pl


@dataclass(frozen=True)
class Item:
    id: str
    en: str
    fi: str


@dataclass(frozen=True)
class Theme:
    name: str
    name_fi: str
    staff: tuple[Item, ...]
    customers: tuple[Item, ...]
    words: tuple[str, ...]
    """Stems that mark a question on this theme, in English and Finnish (for suggestions)."""


def _theme(name, name_fi, words, staff, customers) -> Theme:
    slug = name.lower().replace(" ", "_")
    return Theme(
        name,
        name_fi,
        tuple(Item(f"ex_{slug}_{i}", en, fi) for i, (en, fi) in enumerate(staff, start=1)),
        tuple(
            Item(f"cx_{slug}" if i == 1 else f"cx_{slug}_{i}", en, fi)
            for i, (en, fi) in enumerate(customers, start=1)
        ),
        words,
    )


THEMES: tuple[Theme, ...] = (
    _theme(
        "Supervisor support",
        "Esihenkilön tuki",
        ("supervisor", "manager", "empowered", "esihenkilö", "esimie"),
        [
            (
                "My supervisor helps me solve problems",
                "Esihenkilöni auttaa minua ratkaisemaan ongelmia",
            ),
            (
                "I get useful feedback from my supervisor",
                "Saan esihenkilöltäni hyödyllistä palautetta",
            ),
        ],
        [
            (
                "Staff were empowered to sort out my issue",
                "Henkilökunnalla oli valtuudet hoitaa asiani",
            )
        ],
    ),
    _theme(
        "Enablement",
        "Työn edellytykset",
        (
            "tools",
            "systems",
            "processes",
            "what they needed",
            "työväline",
            "järjestelm",
            "prosess",
            "tarvittava",
        ),
        [
            (
                "I have the tools and systems to serve customers well",
                "Minulla on työvälineet ja järjestelmät, joilla palvelen asiakkaita hyvin",
            ),
            (
                "Our processes let me work without needless obstacles",
                "Prosessimme antavat minun tehdä työni ilman turhia esteitä",
            ),
        ],
        [
            (
                "Staff had what they needed to help me",
                "Henkilökunnalla oli tarvittava auttaakseen minua",
            )
        ],
    ),
    _theme(
        "Engagement",
        "Työn imu",
        ("proud", "place to work", "motivat", "energ", "ylpe", "työpaikka", "motivoi", "tarmo"),
        [
            ("I am proud to work here", "Olen ylpeä siitä, että työskentelen täällä"),
            (
                "I would recommend this company as a place to work",
                "Suosittelisin tätä yritystä työpaikkana",
            ),
            ("I feel full of energy at work", "Tunnen itseni tarmokkaaksi työssäni"),
        ],
        [("Staff seemed motivated to help", "Henkilökunta vaikutti motivoituneelta auttamaan")],
    ),
    _theme(
        "Customer focus",
        "Asiakaslähtöisyys",
        (
            "customers' needs",
            "customers expect",
            "my needs",
            "asiakkaan tarp",
            "asiakkaat odott",
            "tarpeistani",
        ),
        [
            ("We put customers' needs first", "Asiakkaan tarpeet ovat meillä etusijalla"),
            ("I know what customers expect from us", "Tiedän, mitä asiakkaat odottavat meiltä"),
        ],
        [("Staff cared about my needs", "Henkilökunta välitti tarpeistani")],
    ),
    _theme(
        "Service reliability",
        "Palvelun luotettavuus",
        (
            "promise",
            "right the first",
            "without error",
            "lupaus",
            "lupa",
            "ensimmäisellä",
            "virhee",
        ),
        [
            (
                "We deliver what we promise to customers",
                "Toimitamme asiakkaille sen, mitä lupaamme",
            ),
            ("Work is handed over without errors", "Työ siirtyy eteenpäin ilman virheitä"),
        ],
        [("The service was delivered as promised", "Palvelu toteutui luvatusti")],
    ),
    _theme(
        "Wellbeing",
        "Työhyvinvointi",
        ("workload", "stress", "recover", "kuormit", "stress", "palaudu", "jaksa"),
        [
            ("My workload is manageable", "Työmääräni on kohtuullinen"),
            ("I can recover from the stress of work", "Palaudun työn kuormituksesta"),
        ],
        [
            (
                "Staff seemed calm and unhurried",
                "Henkilökunta vaikutti rauhalliselta ja kiireettömältä",
            )
        ],
    ),
    _theme(
        "Empowerment",
        "Valtuudet",
        ("authority", "decide", "discretion", "valtuu", "päättää", "harkin"),
        [
            (
                "I have the authority to solve customers' problems on the spot",
                "Minulla on valtuudet ratkaista asiakkaan ongelma heti",
            ),
            (
                "I can decide how best to serve a customer",
                "Voin itse päättää, miten palvelen asiakasta parhaiten",
            ),
        ],
        [
            (
                "My issue was solved without being passed around",
                "Asiani ratkaistiin ilman pallottelua",
            )
        ],
    ),
    _theme(
        "Training",
        "Osaaminen",
        ("training", "skills", "knowledge", "koulutu", "osaa", "tieto"),
        [
            (
                "I have received the training I need to serve customers",
                "Olen saanut asiakkaiden palvelemiseen tarvitsemani koulutuksen",
            ),
            ("I know our products and services well", "Tunnen tuotteemme ja palvelumme hyvin"),
        ],
        [
            ("Staff knew what they were talking about", "Henkilökunta tiesi, mistä puhui"),
            ("I got correct answers to my questions", "Sain kysymyksiini oikeat vastaukset"),
        ],
    ),
    _theme(
        "Teamwork",
        "Yhteistyö",
        (
            "team",
            "cooperat",
            "other units",
            "help each other",
            "tiimi",
            "yhteisty",
            "auttavat toisiaan",
        ),
        [
            (
                "Colleagues help each other when it gets busy",
                "Työkaverit auttavat toisiaan kiireen keskellä",
            ),
            (
                "Other units give us the service we need to serve customers",
                "Muut yksiköt palvelevat meitä niin, että voimme palvella asiakkaita",
            ),
        ],
        [("Staff worked well together", "Henkilökunta toimi hyvin yhdessä")],
    ),
    _theme(
        "Communication",
        "Tiedonkulku",
        ("inform", "communicat", "tiedo", "viestin"),
        [
            ("I get the information I need to do my job", "Saan työhöni tarvitsemani tiedot"),
            (
                "Changes are communicated to us in good time",
                "Muutoksista kerrotaan meille hyvissä ajoin",
            ),
        ],
        [("I was kept informed about my matter", "Minulle kerrottiin asiani etenemisestä")],
    ),
    _theme(
        "Recognition",
        "Arvostus",
        ("recogni", "apprecia", "valued", "arvost", "kiitos", "tunnustu"),
        [
            ("Good service is recognised here", "Hyvä palvelu huomataan täällä"),
            ("I feel valued for the work I do", "Koen, että työtäni arvostetaan"),
        ],
        [("Staff treated me as a valued customer", "Minua kohdeltiin arvostettuna asiakkaana")],
    ),
    _theme(
        "Responsiveness",
        "Reagointi",
        ("quick", "prompt", "respond", "wait", "nopea", "ripeä", "odot", "reagoi"),
        [
            (
                "We respond to customers' requests quickly",
                "Reagoimme asiakkaiden pyyntöihin nopeasti",
            ),
            (
                "We have enough staff to serve customers without long waits",
                "Meillä on tarpeeksi henkilökuntaa palvelemaan asiakkaita ilman pitkiä odotuksia",
            ),
        ],
        [
            ("I got service promptly", "Sain palvelua ripeästi"),
            ("I did not have to wait long", "Minun ei tarvinnut odottaa kauan"),
        ],
    ),
)
"""The common themes. The first six are the sample's."""

OUTCOME_ITEMS = (
    Item(
        "satisfaction",
        "Overall, how satisfied are you with the service? (0–10)",
        "Kuinka tyytyväinen olet kaiken kaikkiaan palveluun? (0–10)",
    ),
    Item(
        "recommend",
        "How likely are you to recommend us to a friend or colleague? (0–10)",
        "Kuinka todennäköisesti suosittelisit meitä ystävällesi tai kollegallesi? (0–10)",
    ),
)
"""Every customer is asked these two, on 0–10."""

SCALE_EN = (
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
)
SCALE_FI = (
    "Täysin eri mieltä",
    "Jokseenkin eri mieltä",
    "Ei samaa eikä eri mieltä",
    "Jokseenkin samaa mieltä",
    "Täysin samaa mieltä",
)
AGREE_PROMPT = {
    "en": "How much do you agree with the following?",
    "fi": "Kuinka samaa mieltä olet seuraavista väittämistä?",
}
DONT_KNOW = {"en": "Don't know", "fi": "En osaa sanoa"}
CONTEXT_QUESTIONS = {
    "staff": (
        (
            "unit_id",
            "Which unit (branch, store, team) do you work in?",
            "Missä yksikössä (toimipiste, myymälä, tiimi) työskentelet?",
        ),
        (
            "role",
            "Do you mostly serve customers directly, or support those who do?",
            "Palveletko enimmäkseen asiakkaita suoraan vai tuetko heitä, jotka palvelevat?",
        ),
    ),
    "customers": (
        (
            "unit_id",
            "Which unit (branch, store, team) served you?",
            "Mikä yksikkö (toimipiste, myymälä, tiimi) palveli sinua?",
        ),
        (
            "channel",
            "How were you served: in person, by phone or online?",
            "Miten sinua palveltiin: kasvokkain, puhelimessa vai verkossa?",
        ),
        (
            "segment",
            "Which best describes you as a customer?",
            "Mikä kuvaa sinua asiakkaana parhaiten?",
        ),
    ),
}
"""Asked on both sides so the answers link: the unit on both (the seed's first rule)."""


def theme_by_name(name: str) -> Theme | None:
    return next((t for t in THEMES if name in (t.name, t.name_fi)), None)


def questionnaire(themes: tuple[str, ...] | None = None) -> pl.DataFrame:
    """The paired questionnaire: one row per question, both sides, both languages, with the
    column id to give it in the survey tool (the importer knows these ids)."""
    chosen = [t for t in THEMES if themes is None or t.name in themes]
    rows = [
        {
            "side": side,
            "theme": "",
            "column_id": cid,
            "english": en,
            "finnish": fi,
            "scale": "answer",
        }
        for side, questions in CONTEXT_QUESTIONS.items()
        for cid, en, fi in questions
    ]
    for theme in chosen:
        for side, items in (("staff", theme.staff), ("customers", theme.customers)):
            rows += [
                {
                    "side": side,
                    "theme": theme.name,
                    "column_id": i.id,
                    "english": i.en,
                    "finnish": i.fi,
                    "scale": "1–5 agreement",
                }
                for i in items
            ]
    rows += [
        {
            "side": "customers",
            "theme": "",
            "column_id": i.id,
            "english": i.en,
            "finnish": i.fi,
            "scale": "0–10",
        }
        for i in OUTCOME_ITEMS
    ]
    return pl.DataFrame(rows).sort(
        pl.col("side").replace_strict({"staff": 0, "customers": 1}), maintain_order=True
    )


def theme_map(themes: tuple[str, ...] | None = None) -> pl.DataFrame:
    """The theme map of the contract (theme, side, item, question) for the chosen themes."""
    return (
        questionnaire(themes)
        .filter(pl.col("theme") != "")
        .select(
            "theme",
            pl.col("side").replace_strict({"staff": "employee", "customers": "customer"}),
            pl.col("column_id").alias("item"),
            pl.col("english").alias("question"),
        )
    )


def xlsx(themes: tuple[str, ...] | None = None) -> bytes:
    """The questionnaire and the theme map as one workbook (two sheets)."""
    buffer = io.BytesIO()
    import xlsxwriter  # polars writes XLSX through it

    with xlsxwriter.Workbook(buffer) as book:
        questionnaire(themes).write_excel(book, worksheet="questionnaire", autofit=True)
        theme_map(themes).write_excel(book, worksheet="theme map", autofit=True)
    return buffer.getvalue()


def qualtrics_txt(side: str, language: str = "en", themes: tuple[str, ...] | None = None) -> str:
    """One side's survey in Qualtrics' Advanced Format for import (Survey › Tools › Import):
    context questions as text entry, each theme's items as one agreement matrix, outcomes as
    0–10 single choice; every question and matrix row carries the column id as its export tag."""
    table = questionnaire(themes).filter(pl.col("side") == side)
    text = "english" if language == "en" else "finnish"
    scale = SCALE_EN if language == "en" else SCALE_FI
    lines = ["[[AdvancedFormat]]", ""]
    for cid, question in table.filter(pl.col("scale") == "answer").select("column_id", text).rows():
        lines += ["[[Question:TE:SingleLine]]", f"[[ID:{cid}]]", question, ""]
    for theme in dict.fromkeys(table.filter(pl.col("scale") == "1–5 agreement")["theme"]):
        rows = table.filter(pl.col("theme") == theme).select("column_id", text).rows()
        tag = ("ex_" if side == "staff" else "cx_") + theme.lower().replace(" ", "_")
        lines += ["[[Question:Matrix]]", f"[[ID:{tag}]]"]  # exported as tag_1, tag_2, ...
        lines += [AGREE_PROMPT[language], "", "[[Choices]]"]
        lines += [q for _, q in rows]
        lines += ["[[Answers]]", *scale, DONT_KNOW[language], ""]
    for cid, question in table.filter(pl.col("scale") == "0–10").select("column_id", text).rows():
        lines += [
            "[[Question:MC:SingleAnswer:Horizontal]]",
            f"[[ID:{cid}]]",
            question,
            "[[Choices]]",
        ]
        lines += [str(n) for n in range(11)] + [""]
    return "\n".join(lines)
