"""Problems (errors.py) in Finnish: the words around a problem, and every `what` cxlib writes;
and the notes a load or an import leaves beside its result (NOTE_TEMPLATES, note()).

cxlib words a problem's `what` in English, often with values inside (a column, a file, a
count). TEMPLATES holds each such text with its values as `{}`; translate() finds the template
a text was made from and puts the same values, unchanged, into the Finnish one. A text no
template matches (a reader's or pydantic's own message) stays English.
"""

from __future__ import annotations

import re
import string
from functools import cache

# --- the frame: words errors.py puts around each problem ---------------------------------------
COLUMN = "sarake '{column}': {what}"
ONE_ROW = "1 rivi"
ROWS = "{count} riviä"
FOR_EXAMPLE = ", esimerkiksi "
ROW_LABELS = {"row": "rivi", "record": "tietue"}
ONE_PROBLEM = "Aineistoa ei voitu ladata: 1 ongelma."
PROBLEMS = "Aineistoa ei voitu ladata: {count} ongelmaa."

# A problem's `file` is a file name (user data, kept) or one of these words cxlib uses instead.
FILE_LABELS = {
    "linkage study": "yksikkötutkimus",
    "mapping": "kohdistus",
    "the two exports": "kaksi vientitiedostoa",
    "action list file": "toimenpidelistan tiedosto",
    "action list in the link": "linkin toimenpidelista",
    "views in the link": "linkin näkymät",
}
# files.py names a missing table's file by its accepted names: "units.csv or units.xlsx or ...".
_ALTERNATIVE_NAMES = re.compile(r"[\w-]+\.\w+(?: or [\w-]+\.\w+)+")

# The import's context fields as the mapping step names them (Jakso, not 'period').
FIELDS_FI = {
    "unit": "yksikkö",
    "period": "jakso",
    "role": "henkilöstön rooli",
    "segment": "asiakassegmentti",
    "channel": "kanava",
}
_FIELD_TEMPLATES = {
    **{
        f"the mapping takes {field} from a column the export does not have": (
            f"kohdistus hakee kentän {word} sarakkeesta, jota vientitiedostossa ei ole"
        )
        for field, word in FIELDS_FI.items()
    },
    **{
        f"the mapping does not say where {field} comes from: pick a column, or give one value "
        "for the whole file": (
            f"kohdistuksesta ei selviä, mistä {word} saadaan: valitse sarake tai anna yksi arvo "
            "koko tiedostolle"
        )
        for field, word in FIELDS_FI.items()
    },
}

# The customer outcomes as the mapping step names them ('suositteluhalukkuus', not 'recommend').
OUTCOMES_FI = {"satisfaction": "tyytyväisyys", "recommend": "suositteluhalukkuus"}
_OUTCOME_TEMPLATES = {
    **{
        f"no column is mapped as '{outcome}' (0–10): every customer is asked it; map the "
        "question that asks it": (
            f"yhtäkään saraketta ei ole kohdistettu mittariin {word} (0–10): se kysytään "
            "jokaiselta asiakkaalta; kohdista sarake, jossa sitä kysytään"
        )
        for outcome, word in OUTCOMES_FI.items()
    },
    **{
        f"'{outcome}' is asked once: another column is already mapped to it": (
            f"{word.capitalize()} kysytään vain kerran: siihen on jo kohdistettu toinen sarake"
        )
        for outcome, word in OUTCOMES_FI.items()
    },
    **{
        f"'{outcome}' is rated 0–10, this column {{}}–{{}}: number its answers from 0 to 10 "
        "under 'How answers read as numbers' (the lowest 0, the highest 10)": (
            f"{word.capitalize()} arvioidaan asteikolla 0–10, tämä sarake asteikolla {{}}–{{}}: "
            "anna sen vastauksille luvut 0–10 kohdassa 'Miten vastaukset muunnetaan luvuiksi' "
            "(alin 0, ylin 10)"
        )
        for outcome, word in OUTCOMES_FI.items()
    },
}

# --- every `what`: English template (values as {}) -> Finnish template -------------------------
TEMPLATES = {
    **_FIELD_TEMPLATES,
    **_OUTCOME_TEMPLATES,
    # readers.py: reading a table
    "the file is empty": "tiedosto on tyhjä",
    # files.py: a file no table reads, said beside a failed load
    "not read: no table has this name (the tables: {}; the endings: {})": (
        "ei luettu: tämä ei ole minkään taulun nimi (taulut: {}; tiedostopäätteet: {})"
    ),
    "unsupported file type '{}' (use .csv, .xlsx or .parquet)": (
        "tiedostotyyppiä '{}' ei tueta (käytä muotoa .csv, .xlsx tai .parquet)"
    ),
    "could not be read as {}: {}": "tiedostoa ei voitu lukea {}-tiedostona: {}",
    "the workbook has no cells: put the table on a sheet": (
        "työkirjassa ei ole yhtään solua: tallenna taulukko jollekin välilehdelle"
    ),
    "the file is named .xlsx but is not an Excel workbook: if it is a CSV or text export, name "
    "it .csv": (
        "tiedoston nimi päättyy .xlsx, mutta se ei ole Excel-työkirja: jos se on CSV- tai "
        "tekstivienti, anna sille pääte .csv"
    ),
    "the workbook is password-protected, or an old Excel file (.xls): save it again as an .xlsx "
    "workbook without a password": (
        "työkirja on suojattu salasanalla tai se on vanha Excel-tiedosto (.xls): tallenna se "
        "uudelleen .xlsx-työkirjana ilman salasanaa"
    ),
    "dates the importer cannot read (it reads dates such as 2024-03-31, 3/31/2024 and "
    "31.3.2024, with or without a time): correct them, or take the period from another column": (
        "päivämääriä, joita tuonti ei osaa lukea (se lukee muotoja 2024-03-31, 3/31/2024 ja "
        "31.3.2024, kellonajan kanssa tai ilman): korjaa ne tai ota jakso toisesta sarakkeesta"
    ),
    "the mapping takes response ids from a column the export does not have": (
        "vastaavuus ottaa vastausten tunnisteet sarakkeesta, jota tiedostossa ei ole"
    ),
    "could not be read as {}: reading it needs more than {} MB of memory, far more than its size "
    "on disk (cells far from the data, or much repeated text)": "tiedostoa ei voitu lukea "
    "{}-tiedostona: sen lukeminen vaatisi yli {} Mt muistia, paljon enemmän kuin sen koko "
    "levyllä (soluja kaukana tiedoista tai paljon toistuvaa tekstiä)",
    "could not be read as {}: reading it takes over {} s": "tiedostoa ei voitu lukea "
    "{}-tiedostona: sen lukeminen kestäisi yli {} s",
    "could not be read as {}: the reader broke off on it (the file is damaged, or not what its "
    "name says)": "tiedostoa ei voitu lukea {}-tiedostona: lukija keskeytyi (tiedosto on "
    "vaurioitunut tai ei ole sitä, mitä sen nimi kertoo)",
    "column names appear more than once: {}": "sarakkeiden nimiä esiintyy useammin kuin kerran: {}",
    "the file has a header but no data rows": "tiedostossa on otsikkorivi mutta ei tietorivejä",
    "the file has {} columns; a table may have at most {}": (
        "tiedostossa on {} saraketta; taulussa saa olla enintään {}"
    ),
    "the workbook unpacks to more than {}": "työkirja on purettuna yli {}",
    # validation.py: columns and values
    "missing column (the file has: {})": "sarake puuttuu (tiedoston sarakkeet: {})",
    "holds {}, not text or numbers: store it as text": (
        "sisältää tyyppiä {}, ei tekstiä eikä lukuja: tallenna se tekstinä"
    ),
    "unknown theme item: theme_map names this item but the file has no such column": (
        "tuntematon teeman väittämä: theme_map nimeää tämän väittämän, mutta tiedostossa ei ole "
        "sellaista saraketta"
    ),
    "theme_map uses a standard column as a theme item": (
        "theme_map käyttää vakiosaraketta teeman väittämänä"
    ),
    "missing value": "arvo puuttuu",
    "wrong type: not a number": "väärä tyyppi: ei luku",
    "wrong type: not a whole number": "väärä tyyppi: ei kokonaisluku",
    "value out of range (allowed {})": "arvo sallitun välin ulkopuolella (sallittu {})",
    "unknown value (allowed: {})": "tuntematon arvo (sallitut: {})",
    "duplicate id: the same {} appears on more than one row": (
        "toistuva tunniste: sama sarakkeen {} arvo esiintyy useammalla kuin yhdellä rivillä"
    ),
    "duplicate key: the same {} appears on more than one row": (
        "toistuva avain: sama sarakkeiden {} arvoyhdistelmä esiintyy useammalla kuin yhdellä "
        "rivillä"
    ),
    "unknown {} (not in {})": "tuntematon {} (ei tiedostossa {})",
    "the same {} has more than one {}": (
        "samalla sarakkeen {} arvolla on useampi kuin yksi sarakkeen {} arvo"
    ),
    # files.py: which files make a dataset
    "no such folder": "kansiota ei ole",
    "a file: give the dataset's folder": "tiedosto: anna aineiston kansio",
    "a built cube folder, not a dataset folder": "valmis kuutiokansio, ei aineiston kansio",
    "no Parquet files found for {}{}": "taululle {} ei löytynyt Parquet-tiedostoja{}",
    "more than one file for the table {}": "taululle {} on useampi kuin yksi tiedosto",
    "both {} and the folder {}/ of Parquet files: keep one": (
        "sekä {} että Parquet-tiedostojen kansio {}/: säilytä vain toinen"
    ),
    "empty: give a glob of Parquet files or a folder": (
        "tyhjä: anna Parquet-tiedostojen hakulauseke (glob) tai kansio"
    ),
    "missing file: industries are required": "tiedosto puuttuu: toimialat ovat pakollisia",
    "missing file: the linkage study needs units, employee_responses, customer_responses and "
    "theme_map together": (
        "tiedosto puuttuu: yksikkötutkimus tarvitsee tiedostot units, employee_responses, "
        "customer_responses ja theme_map yhdessä"
    ),
    "missing file: a dataset needs the company panel, the linkage study, or both": (
        "tiedosto puuttuu: aineistoon tarvitaan yrityspaneeli, yksikkötutkimus tai molemmat"
    ),
    "larger than {} KB": "suurempi kuin {} kt",
    "not a valid manifest: {}": "manifest-tiedosto ei ole kelvollinen: {}",
    # dataset.py: the theme map and the study's size (limits.study_problems after "too large: ")
    "not a valid theme map: {}": "teemakartta ei ole kelvollinen: {}",
    "not a valid theme map: no theme has both an employee item and a customer item (staff "
    "themes: {}; customer themes: {})": (
        "teemakartta ei ole kelvollinen: millään teemalla ei ole sekä henkilöstön että "
        "asiakkaiden kysymystä (henkilöstön teemat: {}; asiakkaiden teemat: {})"
    ),
    "too large: {}": "liian suuri: {}",
    "too large: {} survey periods; the explorer serves at most {}": (
        "liian suuri: {} kyselyjaksoa; sovellus käsittelee enintään {}"
    ),
    "too large: {} customer segments; the explorer serves at most {}": (
        "liian suuri: {} asiakassegmenttiä; sovellus käsittelee enintään {}"
    ),
    "too large: {} industries; the explorer serves at most {}": (
        "liian suuri: {} toimialaa; sovellus käsittelee enintään {}"
    ),
    "too large: {} staff roles; the explorer serves at most {}": (
        "liian suuri: {} henkilöstön roolia; sovellus käsittelee enintään {}"
    ),
    "too large: {} units × {} periods × {} grid columns is more than the explorer holds in "
    "memory ({} cells): fewer periods or segments": (
        "liian suuri: {} yksikköä × {} jaksoa × {} taulukon saraketta on enemmän kuin sovellus "
        "pystyy pitämään muistissa ({} solua): vähennä jaksoja tai segmenttejä"
    ),
    # exports.py: reading a survey export
    "unsupported file type '{}' (use .csv, .tsv, .xlsx or .sav)": (
        "tiedostotyyppiä '{}' ei tueta (käytä muotoa .csv, .tsv, .xlsx tai .sav)"
    ),
    "could not be read: {}": "tiedostoa ei voitu lukea: {}",
    "the file has {} columns; an export may have at most {}": (
        "tiedostossa on {} saraketta; vientitiedostossa saa olla enintään {}"
    ),
    "the file has {} variables; an export may have at most {}": (
        "tiedostossa on {} muuttujaa; vientitiedostossa saa olla enintään {}"
    ),
    "the file has no rows": "tiedostossa ei ole rivejä",
    # Finnish names the tool first: "Qualtrics: otsikkorivejä 3" reads right for 1 row too.
    "the file has its header ({} rows for {}) but no responses": (
        "tiedostossa on vain otsikko ({1}: otsikkorivejä {0}) eikä yhtään vastausta"
    ),
    "the file has variables but no responses": "tiedostossa on muuttujia mutta ei vastauksia",
    # importer.py: applying a mapping
    "mapping version {}; this version of the app reads 1": (
        "kohdistuksen versio {}; tämä sovelluksen versio lukee versiota 1"
    ),
    "not a valid mapping: {}": "kohdistus ei ole kelvollinen: {}",
    "the mapping takes {} from a column the export does not have": (
        "kohdistus hakee kentän {} sarakkeesta, jota vientitiedostossa ei ole"
    ),
    "the mapping does not say where {} comes from: pick a column, or give one value for the "
    "whole file": (
        "kohdistuksesta ei selviä, mistä kenttä {} saadaan: valitse sarake tai anna yksi arvo "
        "koko tiedostolle"
    ),
    "the mapping names a column the export does not have": (
        "kohdistus nimeää sarakkeen, jota vientitiedostossa ei ole"
    ),
    "a theme item needs its theme (or mark it not used)": (
        "teeman väittämälle tarvitaan teema (tai merkitse se: ei käytössä)"
    ),
    "a theme item on a {}–{} scale: theme items are answered on 1–5 (mark it not used, or "
    "recode it in the survey tool)": (
        "teeman väittämä asteikolla {}–{}: teemojen väittämiin vastataan asteikolla 1–5 "
        "(merkitse se: ei käytössä, tai koodaa se uudelleen kyselytyökalussa)"
    ),
    "'{}' is a customer outcome, not a staff question": (
        "'{}' on asiakkaiden tulosmittari, ei henkilöstön kysymys"
    ),
    "'{}' is asked once: another column is already mapped to it": (
        "'{}' kysytään vain kerran: siihen on jo kohdistettu toinen sarake"
    ),
    "'{}' is rated 0–10, this column {}–{}: number its answers from 0 to 10 under 'How "
    "answers read as numbers' (the lowest 0, the highest 10)": (
        "'{}' arvioidaan asteikolla 0–10, tämä sarake asteikolla {}–{}: anna sen vastauksille "
        "luvut 0–10 kohdassa 'Miten vastaukset muunnetaan luvuiksi' (alin 0, ylin 10)"
    ),
    "no unit has staff and customer answers in the same period, so nothing links them (staff "
    "periods: {}; customer periods: {}): name the periods the same way in both, e.g. 2024-Q1": (
        "yhdelläkään yksiköllä ei ole henkilöstön ja asiakkaiden vastauksia samalta jaksolta, "
        "joten mikään ei yhdistä niitä (henkilöstön jaksot: {}; asiakkaiden jaksot: {}): nimeä "
        "jaksot samalla tavalla molemmissa, esim. 2024-Q1"
    ),
    "no unit is named in both exports, so nothing links them: check the unit columns": (
        "yhtäkään yksikköä ei ole nimetty molemmissa vientitiedostoissa, joten mikään ei yhdistä "
        "niitä: tarkista yksikkösarakkeet"
    ),
    "no column is mapped as a theme item: give each statement the theme it measures": (
        "yhtäkään saraketta ei ole kohdistettu teeman väittämäksi: anna jokaiselle väittämälle "
        "teema, jota se mittaa"
    ),
    "no column is mapped as '{}' (0–10): every customer is asked it; map the question that "
    "asks it": (
        "yhtäkään saraketta ei ole kohdistettu mittariin '{}' (0–10): se kysytään jokaiselta "
        "asiakkaalta; kohdista sarake, jossa sitä kysytään"
    ),
    "answers the mapping cannot turn into numbers (add them to its answer table, as a number "
    "or as no answer)": (
        "vastauksia, joita kohdistus ei osaa muuttaa luvuiksi (lisää ne sen vastaustaulukkoon "
        "lukuna tai tyhjänä vastauksena)"
    ),
    # actions.py: a saved action list (file or link); the ValueErrors its parse() raises
    "not a valid action list: {}": "toimenpidelista ei ole kelvollinen: {}",
    "not an action list": "ei toimenpidelista",
    "not an action list (not JSON)": "ei toimenpidelista (ei JSON-muotoa)",
    "not an action list (not UTF-8 text)": "ei toimenpidelista (ei UTF-8-tekstiä)",
    "the token is damaged (copy the whole link)": "linkin koodi on vioittunut (kopioi koko linkki)",
    "expected the bytes of a file": "odotettiin tiedoston sisältöä tavuina",
    "the file is larger than {} kB": "tiedosto on suurempi kuin {} kt",
    "not views: {}": "ei näkymiä: {}",
    "the token is empty": "linkin koodi on tyhjä",
    "the token is not an action list (wrong length or characters)": (
        "linkin koodi ei ole toimenpidelista (väärä pituus tai vääriä merkkejä)"
    ),
    "the token unpacks to more than {} kB": "linkin koodi on purettuna yli {} kt",
    "the token is cut short (copy the whole link)": (
        "linkin koodi on katkennut (kopioi koko linkki)"
    ),
    "the token is not an action list": "linkin koodi ei ole toimenpidelista",
    "unknown fields {}": "tuntemattomia kenttiä: {}",
    "an action in the token has unknown fields": (
        "linkin koodin toimenpiteessä on tuntemattomia kenttiä"
    ),
    "version {} is not supported: this app reads version 1 (was it saved by a newer app?)": (
        "versiota {} ei tueta: tämä sovellus lukee versiota 1 (tallennettiinko se uudemmalla "
        "sovelluksella?)"
    ),
    # cubefile.py: opening a cube folder
    "cells refer to units or periods the cube does not have": (
        "solut viittaavat yksiköihin tai jaksoihin, joita kuutiossa ei ole"
    ),
    "cube format version {}; this cxlib reads {}": (
        "kuution tiedostomuodon versio {}; tämä cxlib lukee versiota {}"
    ),
    "keys outside the cube's vocabulary: {}": "avaimia kuution sanaston ulkopuolelta: {}",
    "larger than {} MB": "suurempi kuin {} Mt",
    "empty values in: {}": "tyhjiä arvoja sarakkeissa: {}",
    "every unit's industry needs one row here, with touch high or low": (
        "jokaisen yksikön toimialalla on oltava tässä rivi, kohtaamisluokkana high tai low"
    ),
    "missing columns: {}": "sarakkeita puuttuu: {}",
    "not a valid cube description: a side has no items": (
        "kuution kuvaus ei kelpaa: toisella puolella ei ole väittämiä"
    ),
    "missing file of the cube folder": "kuutiokansiosta puuttuu tiedosto",
    "not a cube description (format is not {})": "ei kuution kuvaus (muoto ei ole {})",
    "not a cube folder: no {}": "ei kuutiokansio: {} puuttuu",
    "not a readable Parquet file: {}": "Parquet-tiedostoa ei voi lukea: {}",
    "not a valid cube description: {}": "kuution kuvaus ei kelpaa: {}",
    "not a valid cube description: no {}": "kuution kuvaus ei kelpaa: {} puuttuu",
    "not valid JSON: {}": "ei kelvollista JSONia: {}",
    "{} cells where {} says {}: a damaged or replaced file": (
        "{} solua, vaikka {} kertoo {}: vaurioitunut tai vaihdettu tiedosto"
    ),
    # merging.py: parts of a study merged
    "the parts differ in their {}: build every part of a study with the same theme map and "
    "minimums": (
        "osat eroavat näiltä osin: {}; rakenna tutkimuksen kaikki osat samalla teemakartalla ja "
        "samoilla vähimmäismäärillä"
    ),
    "the parts share unit-periods (a unit's responses of one period split between them): merge "
    "such parts before sealing (cxlib.cube.merge_cubes), or split the study by company, unit or "
    "period": (
        "osilla on yhteisiä yksikkö-jaksoja (yksikön saman jakson vastaukset jakautuvat niiden "
        "kesken): yhdistä tällaiset osat ennen sinetöintiä (cxlib.cube.merge_cubes) tai jaa "
        "tutkimus yrityksen, yksikön tai jakson mukaan"
    ),
    "the parts' {} tables have different columns": "osien {}-tauluissa on eri sarakkeet",
    "{} described differently by two parts: {}": "kaksi osaa kuvaa eri tavoin: {}: {}",
    "unit codes are not 0, 1, 2, ... in order": (
        "yksikkökoodit eivät ole järjestyksessä 0, 1, 2, ..."
    ),
    # sealing.py: a cube that is not sealed
    "{} cells have no {} column: the cube is not sealed": (
        "{}-soluista puuttuu sarake {}: kuutiota ei ole sinetöity"
    ),
    "{} {} cells hold fewer than {} people": "{} {}-solussa on alle {} henkilöä",
    "{} {} cells hold sums without people": "{} {}-solussa on summia ilman henkilöitä",
    "cells repeat a key (unit, period and the rest): {}": (
        "solut toistavat avaimen (yksikkö, jakso ja muut): {}"
    ),
    "the response files could not be read together: {}": (
        "vastaustiedostoja ei voitu lukea yhdessä: {}"
    ),
    "{} cells whose block does not include their own atom": (
        "{}-soluja, joiden lohkoon solu itse ei kuulu"
    ),
    # warehouse.py: responses checked in SQL
    "no Parquet files found for {}": "Parquet-tiedostoja ei löytynyt taululle {}",
    "{} is missing": "{} puuttuu",
    "unit_id is not in the units table": "unit_id ei ole yksikkötaulussa",
    "channel is not one of {}": "kanava ei ole mikään näistä: {}",
    "{} is not a whole number from {} to {}": "{} ei ole kokonaisluku väliltä {}–{}",
}

# --- notes: what a load or an import did or left out, said beside it (not problems) ----------
NOTE_TEMPLATES = {
    # importer.py
    "themes written in more than one way are read as one: {}": (
        "eri tavoin kirjoitetut teemat luetaan yhdeksi: {}"
    ),
    "units written in more than one way are read as one: {}": (
        "eri tavoin kirjoitetut yksiköt luetaan yhdeksi: {}"
    ),
    "units written in more than one way are read as different units (correct the spelling "
    "in the export if they are one): {}": (
        "eri tavoin kirjoitetut yksiköt luetaan eri yksiköiksi (korjaa kirjoitusasu "
        "vientitiedostoon, jos ne ovat sama yksikkö): {}"
    ),
    "units only in the staff export (their answers are linked to no customer answers): {}": (
        "yksiköt vain henkilöstön vientitiedostossa (niiden vastauksia ei yhdistetä "
        "asiakasvastauksiin): {}"
    ),
    "'{}' has its answers numbered {}–{} on a 0–10 scale: its lowest answer is usually 0 and "
    "its highest 10 (check them under 'How answers read as numbers')": (
        "sarakkeen '{}' vastaukset on numeroitu {}–{} asteikolla 0–10: alimman vastauksen luku "
        "on yleensä 0 ja ylimmän 10 (tarkista ne kohdassa 'Miten vastaukset muunnetaan luvuiksi')"
    ),
    "periods only in the staff export (their answers are linked to no customer answers; "
    "write a period alike in both): {}": (
        "jaksot vain henkilöstön vientitiedostossa (niiden vastauksia ei yhdistetä "
        "asiakasvastauksiin; kirjoita jakso samoin molempiin): {}"
    ),
    "periods only in the customer export (their answers are linked to no staff answers; "
    "write a period alike in both): {}": (
        "jaksot vain asiakkaiden vientitiedostossa (niiden vastauksia ei yhdistetä "
        "henkilöstön vastauksiin; kirjoita jakso samoin molempiin): {}"
    ),
    "units only in the customer export (their answers are linked to no staff answers): {}": (
        "yksiköt vain asiakkaiden vientitiedostossa (niiden vastauksia ei yhdistetä "
        "henkilöstön vastauksiin): {}"
    ),
    "the header is on row {}: the rows above it are not read": (
        "otsikkorivi on rivillä {}: sen yläpuolisia rivejä ei lueta"
    ),
    # readers.py
    "columns separated by {}": "sarakkeet erotettu merkillä {}",
    "read the sheet {}: the sheets before it are empty ({})": (
        "luettu välilehti {}: sitä edeltävät välilehdet ovat tyhjiä ({})"
    ),
    "read as {} (its byte-order mark says so)": "luettu {}-muodossa (tiedoston BOM-merkki kertoo)",
    "some characters are not UTF-8; read as Windows-1252 (Excel's default)": (
        "osa merkeistä ei ole UTF-8-merkkejä; luettu Windows-1252-merkistönä (Excelin oletus)"
    ),
    "skipped an empty row ({})": "ohitettu tyhjä rivi ({})",
    "skipped {} empty rows ({})": "ohitettu {} tyhjää riviä ({})",
    "skipped an empty record ({})": "ohitettu tyhjä tietue ({})",
    "skipped {} empty records ({})": "ohitettu {} tyhjää tietuetta ({})",
    "dropped {} NUL characters (the file may be damaged)": (
        "poistettu {} NUL-merkkiä (tiedosto voi olla vaurioitunut)"
    ),
    # files.py, dataset.py
    "ignored files that match no table: {}": "ohitetut tiedostot (eivät vastaa mitään taulua): {}",
    "columns not in the theme map, not used: {}": (
        "sarakkeet, joita teemakartassa ei ole, jätettiin käyttämättä: {}"
    ),
    # importer.py
    "{} of {} staff responses left out: 'don't know' or no answer on a theme item or outcome "
    "(the means here need every item answered)": (
        "{} / {} henkilöstön vastausta jätettiin pois: ”en osaa sanoa” tai vastaamatta jokin "
        "teeman väittämä tai tulosmittari (keskiarvot edellyttävät vastausta jokaiseen väittämään)"
    ),
    "{} of {} customer responses left out: 'don't know' or no answer on a theme item or "
    "outcome (the means here need every item answered)": (
        "{} / {} asiakkaiden vastausta jätettiin pois: ”en osaa sanoa” tai vastaamatta jokin "
        "teeman väittämä tai tulosmittari (keskiarvot edellyttävät vastausta jokaiseen väittämään)"
    ),
    "responses left out for one question only, kept if it is marked not used: {}": (
        "vain yhden kysymyksen vuoksi pois jätettyjä vastauksia, jotka säilyvät, jos kysymys "
        "merkitään käyttämättömäksi: {}"
    ),
    # exports.py: what an export is, and what reading it did
    "Qualtrics header with 2 rows, not 3 (the question-text row is missing)": (
        "Qualtricsin otsikossa on 2 riviä, ei 3 (kysymystekstien rivi puuttuu)"
    ),
    "SurveyMonkey header with 1 row, not 2": "SurveyMonkeyn otsikossa on 1 rivi, ei 2",
    "columns {} have no title; named by place": (
        "sarakkeilla {} ei ole otsikkoa; nimetty paikan mukaan"
    ),
    "column {} has no title; named by its place": (
        "sarakkeella {} ei ole otsikkoa; nimetty paikan mukaan"
    ),
    "titles used more than once, told apart by their column number: {}": (
        "useammin kuin kerran käytetyt otsikot erotettu sarakenumerolla: {}"
    ),
    "SPSS data file, {} variables, 1 response": "SPSS-datatiedosto, {} muuttujaa, 1 vastaus",
    "SPSS data file, {} variables, {} responses": "SPSS-datatiedosto, {} muuttujaa, {} vastausta",
    "Spreadsheet (Webropol or similar) export, 1 header row, 1 response": (
        "taulukko (Webropol tai vastaava), 1 otsikkorivi, 1 vastaus"
    ),
    "{} export, 1 header row, 1 response": "{}-vienti, 1 otsikkorivi, 1 vastaus",
    "{} export, {} header rows, 1 response": "{}-vienti, {} otsikkoriviä, 1 vastaus",
    "Spreadsheet (Webropol or similar) export, 1 header row, {} responses": (
        "taulukko (Webropol tai vastaava), 1 otsikkorivi, {} vastausta"
    ),
    "{} export, 1 header row, {} responses": "{}-vienti, 1 otsikkorivi, {} vastausta",
    "{} export, {} header rows, {} responses": "{}-vienti, {} otsikkoriviä, {} vastausta",
}


def placeholders(template: str) -> int:
    """How many replacement fields a template has ({} and {0} alike)."""
    return sum(1 for _, name, _, _ in string.Formatter().parse(template) if name is not None)


@cache
def _patterns(notes: bool = False) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each English template as an anchored regex, the most specific first: longest literal
    text, then fewest fields ("too large: {} staff roles; ..." before "too large: {}")."""

    def specificity(english: str) -> tuple[int, int]:
        return (-len(english.replace("{}", "")), english.count("{}"))

    table = NOTE_TEMPLATES if notes else TEMPLATES
    return tuple(
        (re.compile("(.+?)".join(map(re.escape, english.split("{}"))), re.DOTALL), finnish)
        for english, finnish in sorted(table.items(), key=lambda kv: specificity(kv[0]))
    )


_ENGLISH_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")


def _value(text: str) -> str:
    """A value kept as it is, but a count cxlib wrote with English thousands ('12,345')
    spaced the Finnish way ('12 345'): a comma there reads as a decimal one."""
    return text.replace(",", "\u00a0") if _ENGLISH_THOUSANDS.fullmatch(text) else text


def translate(what: str, notes: bool = False) -> str:
    """`what` in Finnish, its values (what the fields matched) kept as they are; a text no
    template matches comes back unchanged."""
    for pattern, finnish in _patterns(notes):
        match = pattern.fullmatch(what)
        if match:
            return finnish.format(*map(_value, match.groups()))
    return what


def note(text: str) -> str:
    """A note in Finnish; a note about one file ('staff.csv: columns separated by ';'') keeps
    the file's name and says the rest in Finnish."""
    whole = translate(text, notes=True)
    if whole != text or ": " not in text:
        return whole
    file, _, what = text.partition(": ")
    return f"{file}: {translate(what, notes=True)}"


def file_label(file: str) -> str:
    """A problem's file in Finnish: cxlib's own words for it translated, file names kept."""
    if file in FILE_LABELS:
        return FILE_LABELS[file]
    if _ALTERNATIVE_NAMES.fullmatch(file):
        return file.replace(" or ", " tai ")
    return file
