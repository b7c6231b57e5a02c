"""The Finnish text of strings.py: the same dicts with the same keys, worded in Finnish."""

from .codes import Caveat, Inactive, Notice, Quadrant

TEXT_FI: dict[str, str] = {
    "app_title": "CX–EX Explorer",
    "tagline": "Missä ja minkä henkilöstökokemuksen osa-alueiden kautta henkilöstön kokemus näkyy "
    "siinä, mitä asiakkaat kokevat?",
    "loading_sample": "Ladataan esimerkkiaineistoa…",
    "building_cube": "Tarkistetaan aineisto ja kootaan tietokuutio…",
    "bootstrapping": "Lasketaan luottamusvälejä yksiköiden uudelleenotannalla…",
    "synthetic_notice": "**Synteettinen aineisto.** {description}",
    "source": "Aineisto",
    "source_sample": "Esimerkki (synteettinen)",
    "source_deployed": "Organisaation aineisto",
    "deployed_caption": "{name}: tietokuutiosta, {staff:,} henkilöstön ja {customers:,} asiakkaan "
    "vastausta vähintään {k} hengen ryhmissä; pienempiä ryhmiä ei näytetä eikä lasketa koskaan.",
    "opening_cube": "Avataan aineistoa…",
    "deployed_broken": "Tämän sovelluksen aineistoa ei voitu avata. Kerro sovelluksen "
    "ylläpitäjälle:",
    "source_upload": "Oma aineisto",
    "sample_caption": "Synteettinen: kuvitteellisia yrityksiä ja yksiköitä, jotka on tuotettu "
    "toistettavalla generaattorilla ja kalibroitu julkaistuun tutkimusnäyttöön (ks. "
    "Aineisto-sivu).",
    "slope_per_star": "{touch}: {slope:+.1f} pistettä arviotähteä kohden",
    "hover_company": "arvio {x}, pisteet {y}",
    "uploader_button": "Valitse tiedosto",
    "uploader_button_many": "Valitse tiedostot",
    "uploader_note": "enintään {mb} Mt tiedostoa kohden • {types}",
    "contract_headers": "sarake,tyyppi,pakollinen,sallitut arvot,merkitys",
    "kind_id": "tunniste",
    "kind_text": "teksti",
    "kind_category": "luokka",
    "kind_int": "kokonaisluku",
    "kind_float": "luku",
    "upload_summary_panel": "{n} yritystä",
    "upload_summary_linkage": "{units} yksikköä, {responses:,} asiakasvastausta",
    "level": "Taso",
    "level_help": "Yksiköt: yksikkötutkimus (henkilöstö- ja asiakaskyselyt "
    "liiketoimintayksiköittäin). Yritykset: vertailupaneeli (työnantaja-arviot ja asiakasindeksi "
    "yrityksittäin).",
    "all": "Kaikki",
    "none_chosen": "Ei yhtään",
    "no_matches": "Ei osumia",
    "problems_more": "… ja {n:,} muuta tässä tiedostossa",
    "industries": "Toimialat",
    "touch": "Kohtaamisstrategia",
    "touch_help": "Paljon kohtaamisia: asiakkaat kohtaavat henkilöstön (hotellit, vähittäiskauppa, "
    "pankit). Vähän kohtaamisia: asiakkaat kohtaavat tuotteen (energia, teollisuus). Yrityksen "
    "oma strategia ohittaa toimialan luokan; voit luokitella uudelleen alempana.",
    "segments": "Asiakassegmentit",
    "channels": "Kanavat",
    "roles": "Henkilöstön rooli",
    "roles_help": "Roolien valinta piilottaa ne yksikköjaksot, joissa jossakin valitussa tai "
    "pois jätetyssä roolissa on vähemmän työntekijöitä kuin pienin ryhmäkoko, jotta mitään pientä "
    "ryhmää ei voi päätellä vähennyslaskulla.",
    "periods": "Jaksot (yksikkötutkimus)",
    "years": "Vuodet (yrityspaneeli)",
    "latest_year": "Viimeisin vuosi ({year})",
    "n_units": "{n:,} yksikköä",
    "n_units_one": "1 yksikkö",
    "n_unit_periods": "{n:,} yksikköjaksoa",
    "n_unit_periods_one": "1 yksikköjakso",
    "years_help": "Ei valintaa: viimeisin vuosi. Useita: yrityskohtainen keskiarvo.",
    "ex_metric": "Henkilöstökokemus (EX)",
    "cx_metric": "Asiakaskokemus (CX)",
    "reclassify": "Kohtaamisluokittelu",
    "reclassify_help": "Punnitse luokittelu itse: siirrä toimialoja ja yrityksiä luokkien paljon "
    "kohtaamisia ja vähän kohtaamisia välillä. Kaikki sivut ja linkki päivittyvät sen mukaan.",
    "high_touch_industries": "Paljon kohtaamisia sisältävät toimialat",
    "companies_to_high": "Paljon kohtaamisia -luokkaan luettavat yritykset",
    "companies_to_low": "Vähän kohtaamisia -luokkaan luettavat yritykset",
    "advanced": "Lisäasetukset",
    "link_key_named": "”{key}” ({label})",  # a setting as a link spells it, and its label
    "link_key": "”{key}”",
    "link_allowed_range": "Arvoksi käy kokonaisluku {low}–{high}.",
    "link_allowed_choices": "Vaihtoehdot: {choices}.",
    "link_allowed_many": "Valitse jokin sen {n} vaihtoehdosta sivupalkissa.",
    "link_notes_intro": "Osaa avaamastasi linkistä ei voitu käyttää; näkymä näyttää loput:",
    "lag": "Viive (jaksoja EX:stä CX:ään)",
    "lag_help": "0 yhdistää kunkin jakson henkilöstökyselyn saman jakson asiakkaisiin, 1 seuraavan "
    "jakson asiakkaisiin. Jos jaksoja on rajattu, pari otetaan mukaan vain, kun sekä sen "
    "henkilöstöjakso että asiakasjakso ovat valittuina.",
    "min_group": "Pienin ryhmäkoko",
    "min_group_help": "Henkilöstön tuloksia ei näytetä eikä käytetä, jos vastaajia on tätä "
    "vähemmän (tavallisesti 5).",
    "reset": "Palauta suodattimet",
    "copy_link": "Linkki tähän näkymään (kopioi se; sama linkki on myös osoiterivillä):",
    "copy_link_upload": "Linkki tähän näkymään (kopioi se; sama linkki on myös osoiterivillä). "
    "Se vie näkymän, ei aineistoasi: ladattu aineisto ei lähde tästä istunnosta, joten linkin "
    "avaajaa pyydetään lataamaan samat vientitiedostot nähdäkseen sen:",
    "link_other_data": "**Linkki on tehty toisella aineistolla.** Se on tehty toisessa "
    "istunnossa ladatulla kyselyaineistolla, eikä ladattu aineisto kulje linkin mukana eikä jää "
    "palvelimelle. Näet nyt {data}. Nähdäksesi tämän näkymän sillä aineistolla lataa samat "
    "vientitiedostot sivulla {page}: linkin valinnat koskevat silloin niitä.",
    "link_data_sample": "synteettisen esimerkkiaineiston (kuvitteellisia yrityksiä ja yksiköitä)",
    "link_data_deployed": "tämän palvelun oman aineiston",
    "sample_marker_here": "Käytössä on synteettinen esimerkkiaineisto, kuvitteellisia yrityksiä "
    "ja yksiköitä, kunnes tuot omat kyselysi tällä sivulla.",
    "sample_marker": "Synteettinen esimerkkiaineisto: kuvitteellisia yrityksiä ja yksiköitä, ei "
    "organisaatiosi aineistoa. Omat kyselysi tuodaan sivulla {page}.",
    "page_overview": "Yleiskuva",
    "page_industries": "Toimialat",
    "page_linkage": "Yhteydet",
    "page_drivers": "Ajurit",
    "page_over_time": "Ajan myötä",
    "page_data": "Aineisto",
    "page_failed": "Tällä sivulla tapahtui virhe (viite {reference}). Kokeile toista näkymää tai "
    "valitse Palauta suodattimet; sovelluksen ylläpitäjä löytää yksityiskohdat lokista tällä "
    "viitteellä.",
    "bad_settings": "Sovelluksen tietosuoja-asetukset eivät ole kelvolliset, joten aineistoa ei "
    "näytetä. Ylläpitäjän tulee tarkistaa salaisuuksien (secrets) [privacy]-osio (vähimmäisarvot "
    "3–50).",
    "hidden_few": "Liian vähän sanottavaksi, koska tietosuojasääntö jättää tästä näkymästä pois "
    "{units} ja {cells}: alle {staff} työntekijän tai {customers} asiakkaan ryhmiä ei koskaan "
    "näytetä.",
    "hidden_few_widen": "Nämä valinnat rajaavat sitä: {filters}. Niitä purkamalla näkyy enemmän.",
    "hidden_few_data": "Mikään suodatin ei rajaa tätä näkymää: tämän aineiston ryhmät ovat "
    "sille liian pieniä.",
    "hidden_line": "Tietosuoja: tästä näkymästä on jätetty pois {units} ja {cells}. Ryhmiä, "
    "joissa on alle {staff} työntekijää tai {customers} "
    "asiakasta, ei koskaan näytetä eikä käytetä, eikä myöskään ryhmiä, jotka voisi paljastaa "
    "vähentämällä kaksi näkymää toisistaan.",
    "caveats": "Tulkitse varoen:",
    "no_estimate": "liian vähän aineistoa (n = {n})",
    "r_with_ci": "r = {r:.2f} [{low:.2f}; {high:.2f}], n = {n}",
    "r_no_interval": "r = {r:.2f}, n = {n} (liian vähän toisistaan riippumattomia pareja "
    "luottamusväliin)",
    "axis_r": "Korrelaatio r (95\u00a0%:n luottamusväli)",
    "empty_data": "Tässä ei ole näytettävää, vaikka kaikki suodattimet ovat auki: tämän "
    "aineiston ryhmistä yksikään ei ylitä tietosuojan vähimmäiskokoa molemmilla puolilla "
    "(henkilöstö ja asiakkaat) riittävän monessa yksikössä tälle sivulle. Useampi vastaaja "
    "yksikköä kohden tai useampi yksikkö täyttää sen.",
    "empty_small": "Tässä ei ole näytettävää, vaikka kaikki suodattimet ovat auki: aineistossa "
    "on {units}, joilla on vastauksia kummaltakin puolelta yli tietosuojarajan, ja se on liian "
    "vähän tälle sivulle. Useampi yksikkö täyttää sen.",
    "forest_undrawn": "Ei piirretty, koska luottamusväliin on liian vähän havaintoja (pelkkä r "
    "näyttäisi varmalta): {rows}.",
    "interval_none": "ei: liian vähän",
    "empty_selection": "Mikään ei vastaa näitä suodattimia. Laajenna valintaa sivupalkissa tai "
    "valitse Palauta suodattimet.",
    "no_linkage": "Tässä aineistossa ei ole yksikkötutkimusta (yksiköt sekä henkilöstö- ja "
    "asiakaskyselyt). Vaihda tasoksi Yritykset tai tuo yksikkötutkimus Aineisto-sivulla.",
    "no_panel": "Tämä näkymä vertaa monia yrityksiä (yrityspaneeli: kunkin yrityksen "
    "työnantaja-arvio ja asiakasindeksi vuosittain, companies.csv), eikä tässä aineistossa ole "
    "sellaista. Sen yksiköt ovat yksikkötason sivuilla: {pages}. Paneelin voi lisätä "
    "Aineisto-sivulla.",
    "not_causation": "Korrelaatio ei ole syy-yhteys: vaikutus voi kulkea kumpaankin suuntaan, ja "
    "jokin muu tekijä voi vaikuttaa molempiin.",
    "overview_question": "Näkyykö henkilöstön kokemus asiakkaiden kokemuksessa vahvemmin siellä, "
    "missä asiakkaat kohtaavat henkilöstöä?",
    "level_units": "Yksikkötaso: {units} {companies}, EX = {ex}, CX = {cx}.",
    "business_units": "{n:,} liiketoimintayksikköä",
    "business_units_one": "1 liiketoimintayksikkö",
    "in_companies": "{n:,} yrityksessä",
    "in_companies_one": "1 yrityksessä",
    "level_companies": "Yritystaso: {companies} yritystä, työnantaja-arvio × asiakasindeksi, "
    "{years}.",
    "high_touch": "Paljon kohtaamisia",
    "low_touch": "Vähän kohtaamisia",
    "class_hidden": "Piilotettu kohtaamisstrategian suodattimella.",
    "class_absent_units": "Tässä näkymässä ei ole tämän luokan yksiköitä.",
    "class_absent_companies": "Tässä näkymässä ei ole tämän luokan yrityksiä.",
    "overview_one_class": "{touch} on {shown}, joten toinen luokka on piilotettu: tämä sivu "
    "vertaa kahta luokkaa. Valitse {touch}: {both}, niin näet vertailun.",
    "difference_one_class_units": "Testattavaa eroa ei ole: tässä näkymässä on vain yhden "
    "kohtaamisluokan yksiköitä.",
    "difference_one_class_companies": "Testattavaa eroa ei ole: tässä näkymässä on vain yhden "
    "kohtaamisluokan yrityksiä.",
    "difference_unknown": "Eroa ei voi testata: toisessa ryhmässä on liian vähän havaintoja.",
    "primary_overview": "Tämän sivun ainoa vertailu: onko henkilöstön ja asiakkaiden kokemuksen "
    "välinen yhteys vahvempi yrityksissä, joissa on paljon kohtaamisia, kuin yrityksissä, joissa "
    "niitä on vähän? Näyttönä ovat yritykset, eivät yksiköt: yrityksen yksiköillä on sama "
    "strategia.",
    "primary_overview_one_company": "Tämän sivun ainoa vertailu, onko henkilöstön ja asiakkaiden "
    "kokemuksen välinen yhteys vahvempi yrityksissä, joissa on paljon kohtaamisia, kuin "
    "yrityksissä, joissa niitä on vähän, tarvitsee kummankinlaisia yrityksiä. Tässä aineistossa "
    "on yksi yritys, {company}: sivu näyttää yhteyden sen yksiköiden välillä, mutta ei voi "
    "kertoa, miten kohtaamisstrategia sitä muuttaa.",
    "other_level_units": "Yritystaso vastaa samaan kysymykseen toisella aineistolla "
    "(yrityspaneeli, toimialoittain), joten sen vastaus voi olla toinen.",
    "other_level_companies": "Yksikkötaso vastaa samaan kysymykseen toisella aineistolla "
    "(yksikkötutkimuksen yksiköt, yrityksittäin), joten sen vastaus voi olla toinen.",
    "primary_overview_companies": "Tämän sivun ainoa vertailu: onko henkilöstön ja asiakkaiden "
    "kokemuksen välinen yhteys vahvempi yrityksissä, joissa on paljon kohtaamisia, kuin "
    "yrityksissä, joissa niitä on vähän? Näyttönä ovat toimialat, eivät yritykset: toimialan "
    "yrityksillä on toimialan oma yhteys ja useimmiten sama strategia.",
    "touch_clear": "**Selvä ero**: kun verrataan {high} yritystä, joissa on paljon kohtaamisia, ja "
    "{low} yritystä, joissa niitä on vähän, yhteys on vahvempi niissä, joissa kohtaamisia on "
    "{stronger}. Pelkkä sattuma jakaisi yritykset näin vain harvoin.",
    "word_high": "paljon",
    "word_low": "vähän",
    "touch_cannot": "**Tämä aineisto ei voi osoittaa eroa**: {high} paljon ja {low} vähän "
    "kohtaamisia sisältävää yritystä voidaan jakaa kahteen luokkaan vain {deals:,} tavalla, "
    "joten suurimmankin eron p-arvo olisi parhaimmillaan {smallest}. Selvä vastaus vaatii "
    "useampia yrityksiä kumpaankin luokkaan (vähintään neljä).",
    "touch_unclear": "**Näillä tiedoilla ryhmiä ei voi erottaa toisistaan**: kun verrataan {high} "
    "yritystä, joissa on paljon kohtaamisia, ja {low} yritystä, joissa niitä on vähän, näin suuri "
    "tai suurempi ero {chance}: liian usein, jotta eroa voisi sanoa selväksi (siihen "
    "tarvittaisiin alle 5 %).",
    "chance_deals": "syntyy pelkästä sattumasta {share} niistä tavoista, joilla yritykset "
    "voisivat jakautua kahteen luokkaan (p {p})",
    "chance_deals_industries": "syntyy pelkästä sattumasta {share} niistä tavoista, joilla "
    "toimialat voisivat jakautua kahteen luokkaan (p {p})",
    "chance_model": "syntyisi pelkästä sattumasta todennäköisyydellä {share} (p {p}, "
    "monitasomallista, jossa yksiköt ovat yritysten sisällä)",
    "exploratory": "*Kartoittava tulos (suodattimet poikkeavat oletusnäkymästä, ja näkymiä voi "
    "kokeilla monia, joten pidä tässä näkyvää eroa tarkistettavana vihjeenä, ei löydöksenä):*",
    "these_companies": "Tulos kuvaa vain näitä {high} paljon ja {low} vähän kohtaamisia "
    "sisältävää yritystä, ei niiden toimialoja yleisesti: siihen tarvittaisiin vähintään 4 "
    "yritystä kumpaankin luokkaan.",
    "touch_clear_industries": "**Selvä ero**: kun verrataan {high} yritystä, joissa on paljon "
    "kohtaamisia ({industries_high}), ja {low} yritystä, joissa niitä on vähän "
    "({industries_low}), yhteys on vahvempi niissä, joissa kohtaamisia on {stronger}. "
    "Pelkkä sattuma jakaisi toimialat näin vain harvoin.",
    "touch_unclear_industries": "**Näillä tiedoilla ryhmiä ei voi erottaa toisistaan**: kun "
    "verrataan {high} yritystä, joissa on paljon kohtaamisia ({industries_high}), ja "
    "{low} yritystä, joissa niitä on vähän ({industries_low}), näin suuri tai suurempi ero "
    "{chance}: liian usein, jotta eroa voisi sanoa selväksi (siihen tarvittaisiin alle 5 %).",
    "touch_cannot_industries": "**Tämä aineisto ei voi osoittaa eroa**: {high} paljon ja {low} "
    "vähän kohtaamisia sisältävää yritystä jakautuvat toimialoille näin: paljon kohtaamisia "
    "{industries_high}, vähän kohtaamisia {industries_low}. Ne voidaan jakaa kahteen luokkaan "
    "vain {deals:,} tavalla, joten suurimmankin eron p-arvo olisi parhaimmillaan {smallest}. "
    "Saman toimialan yrityksillä on sama yhteys ja yleensä sama luokka, joten selvä vastaus "
    "vaatii useampia toimialoja kumpaankin luokkaan (vähintään neljä).",
    "these_industries": "Paljon kohtaamisia -luokassa on {high} ja vähän kohtaamisia "
    "-luokassa {low}, joten tulos kuvaa vain näitä toimialoja, ei kohtaamisluokkia yleisesti "
    "(siihen tarvitaan vähintään 4 toimialaa kumpaankin luokkaan).",
    "n_industries": "{n} toimialaa",
    "n_industries_one": "1 toimiala",
    "method_exact_industries": "Satunnaistamistesti toimialatasolla: saman toimialan "
    "yrityksillä on toimialan oma yhteys ja, ellei niitä ole siirretty, sen kohtaamisluokka, "
    "joten luokat jaettiin uudelleen {n} toimialaryhmälle (toimiala, jolla on yrityksiä "
    "kummassakin luokassa, lasketaan kummassakin kerran) kaikilla {deals:,} mahdollisella "
    "tavalla; havaittu kulmakertoimien ero ({diff:+.2f} CX-pistettä EX-pistettä kohden, "
    "suhteutettuna epävarmuuteensa) saavutettiin tai ylitettiin osuudessa p {p} jaoista. "
    "Yrityksiä ei lasketa toisistaan riippumattomiksi havainnoiksi (Aineisto-sivu: Menetelmät §1).",
    "method_random_industries": "Satunnaistamistesti toimialatasolla: saman toimialan "
    "yrityksillä on toimialan oma yhteys ja, ellei niitä ole siirretty, sen kohtaamisluokka, "
    "joten luokat jaettiin uudelleen {n} toimialaryhmälle (toimiala, jolla on yrityksiä "
    "kummassakin luokassa, lasketaan kummassakin kerran) satunnaisesti {deals:,} kertaa; havaittu "
    "kulmakertoimien ero ({diff:+.2f} CX-pistettä EX-pistettä kohden, suhteutettuna "
    "epävarmuuteensa) saavutettiin tai ylitettiin osuudessa p {p} jaoista "
    "(Aineisto-sivu: Menetelmät §1).",
    "how_tested": "Miten tämä testattiin",
    "how_worked_out": "Miten tämä laskettiin",
    "reliability_title": "Kuinka tarkkoja yksiköiden henkilöstökeskiarvot ovat",
    "method_exact": "Satunnaistamistesti yritystasolla: {n} yrityksen kohtaamisluokat jaettiin "
    "uudelleen kaikilla {deals:,} mahdollisella tavalla; havaittu kulmakertoimien ero ({diff:+.2f} "
    "CX-pistettä EX-pistettä kohden, suhteutettuna epävarmuuteensa) saavutettiin tai ylitettiin "
    "osuudessa p {p} jaoista. Yksiköitä ei lasketa toisistaan riippumattomiksi havainnoiksi "
    "(Aineisto-sivu: Menetelmät §1).",
    "method_random": "Satunnaistamistesti yritystasolla: {n} yrityksen kohtaamisluokat jaettiin "
    "uudelleen satunnaisesti {deals:,} kertaa; havaittu kulmakertoimien ero ({diff:+.2f} "
    "CX-pistettä EX-pistettä kohden, suhteutettuna epävarmuuteensa) saavutettiin tai ylitettiin "
    "osuudessa p {p} jaoista (Aineisto-sivu: Menetelmät §1).",
    "method_multilevel": "Monitasomalli (yksiköt {n} yrityksen sisällä, kullakin yrityksellä oma "
    "taso ja kulmakerroin): paljon kohtaamisia sisältävien yritysten EX-kulmakerroin on "
    "{diff:+.2f} CX-pistettä EX-pistettä kohden jyrkempi (95 %:n luottamusväli {lo:+.2f} … "
    "{hi:+.2f}, p {p}, t-jakauma vapausastein yritysten määrä − 4; Aineisto-sivu: Menetelmät §1).",
    "companies_fisher": "Vertailun vuoksi: jos jokainen yritys laskettaisiin toisistaan "
    "riippumattomaksi havainnoksi (Fisherin z), tulos olisi p {p}, mikä on liian optimistista, "
    "kun saman toimialan yrityksillä on toimialan oma yhteys.",
    "units_fisher": "Vertailun vuoksi: jos jokainen yksikkö laskettaisiin toisistaan "
    "riippumattomaksi havainnoksi (Fisherin z), tulos olisi p {p}, mikä on aivan liian "
    "optimistista, kun yksiköt kuuluvat vain muutamaan yritykseen.",
    "channel_title_one": "Yhteys kanavittain",
    "channel_title": "Johtuuko ero kanavajakaumasta?",
    "channel_caption": "Jos luokat kohtaavat asiakkaansa eri kanavissa (kummankin luokan oma "
    "kanavajakauma alla) ja yhteys vaihtelee kanavittain, kohtaamisluokkien ero voi olla "
    "naamioitu kanavajakauman ero. Ero kunkin kanavan sisällä kulmakertoimena (montako "
    "CX-pistettä liittyy yhteen henkilöstöpisteeseen; r vertailun vuoksi):",
    "channel_caption_absent": "Kohtaamisluokkien ero kanavittain vaatii molemmat luokat, ja "
    "tämän näkymän aineistossa on vain yksiköitä, joissa kohtaamisia on {shown}. Niiden yhteys "
    "kunkin kanavan sisällä kulmakertoimena (montako CX-pistettä liittyy yhteen "
    "henkilöstöpisteeseen; r vertailun vuoksi):",
    "channel_caption_one": "Kohtaamisluokkien ero kanavittain vaatii molemmat luokat, ja "
    "kohtaamisstrategian suodatin näyttää vain luokan, jossa kohtaamisia on {shown}. Sen "
    "yksiköiden yhteys kunkin kanavan sisällä kulmakertoimena (montako CX-pistettä liittyy "
    "yhteen henkilöstöpisteeseen; r vertailun vuoksi):",
    "channel_points": "Tässä kukin yksikkö lasketaan kerran jaksoa kohden (piste yksikköä ja "
    "jaksoa kohden), kun yllä olevat kortit ja sivu Yhteydet käyttävät kunkin yksikön "
    "keskiarvoa sen jaksojen yli: kanavan r eroaa tässä siksi niiden r:stä.",
    "channel_adjusted_clear": "Kun kanavajakauma vakioidaan samaksi molemmille luokille, "
    "kulmakertoimien ero on {adjusted:+.2f} (kummankin luokan omalla jakaumalla: {crude:+.2f}) ja "
    "edelleen selvä (satunnaistaminen yritystasolla, p {p}): kanavajakauma ei selitä eroa pois.",
    "channel_adjusted_unclear": "Kun kanavajakauma vakioidaan samaksi molemmille luokille, "
    "kulmakertoimien ero on {adjusted:+.2f} (kummankin luokan omalla jakaumalla: {crude:+.2f}), "
    "eikä sitä voi erottaa sattumasta (satunnaistaminen yritystasolla, p {p}): osa "
    "kohtaamisluokkien erosta voi johtua siitä, missä kanavassa asiakkaat kohtaavat henkilöstön, "
    "eikä itse strategiasta.",
    "column_slope_high": "Kulmakerroin, paljon kohtaamisia",
    "column_slope_low": "Kulmakerroin, vähän kohtaamisia",
    "column_channel": "Kanava",
    "column_share": "Osuus asiakasvastauksista",
    "column_own_share": "{touch}: osuus luokan asiakasvastauksista",
    "column_gap": "Kulmakertoimien ero (paljon − vähän)",
    "reliability_line": "Kuinka paljon satunnaisvaihtelua yksiköiden henkilöstökeskiarvoissa "
    "({ex}) on? "
    "Reliabiliteetti ICC(2) (ja sen 95 %:n väli): {icc2}; ICC(1) = {icc1:.2f} on se osuus "
    "henkilöstövastausten vaihtelusta, joka on yksiköiden välistä; noin {size:.0f} vastausta "
    "yksikköä kohden.",
    "reliability_low": "Jos reliabiliteetti on alle 0,70, henkilöstökeskiarvojen satunnaisvaihtelu "
    "heikentää kaikkia tämän sivun korrelaatioita; siitä korjattuna (vaimenemiskorjaus) yhteys "
    "olisi noin r = {high:.2f} (paljon kohtaamisia) ja r = {low:.2f} (vähän kohtaamisia).",
    "reliability_low_one": "Jos reliabiliteetti on alle 0,70, henkilöstökeskiarvojen "
    "satunnaisvaihtelu heikentää kaikkia tämän sivun korrelaatioita; siitä korjattuna "
    "(vaimenemiskorjaus) yhteys olisi noin r = {r:.2f} ({touch}).",
    "references": "Julkaistu tutkimus vertailukohtana",
    "references_caption": "Viitearvot julkaistusta tutkimuksesta; tämän "
    "sovelluksen luvut yllä perustuvat tarkastelemaasi aineistoon.",
    "industries_title": "Toimialat: työnantaja-arviot ja asiakastyytyväisyys",
    "industries_caption": "Jokainen piste on yritys ({years}). Viivat: pienimmän neliösumman "
    "sovite kohtaamisluokittain. Siirrä toimialoja tai yrityksiä kohtaamisluokasta toiseen "
    "sivupalkissa (Kohtaamisluokittelu): alla olevat korrelaatiot päivittyvät heti.",
    "primary_industries": "Tämä sivu kuvailee eikä testaa: miten työnantaja-arviot ja "
    "asiakaspisteet kulkevat yhdessä kullakin toimialalla ja miten uudelleenluokittelu muuttaa "
    "kahta kohtaamisluokkaa (Yleiskuva-sivu testaa kohtaamisluokkien eron tällä tasolla).",
    "axis_rating": "Henkilöstön arvio (1–5, työnantaja-arviosivustojen tapaan)",
    "axis_score": "Asiakaspisteet (0–100, ACSI-tyyliin)",
    "forest_industry": "Korrelaatio toimialoittain (95 %:n luottamusväli)",
    "forest_industry_none": "Millään toimialalla ei ole tarpeeksi yrityksiä omaan korrelaatioon "
    "(kukin tarvitsee vähintään 3).",
    "reclass_effect": "Kohtaamisluokittelun vaikutus",
    "as_published": "Toimialan oletusluokka (kuten julkaistu)",
    "as_classified": "Strategiat ja oma uudelleenluokittelusi huomioiden",
    "as_strategies": "Yritysten omat strategiat huomioiden",
    "column_class": "Luokittelu",
    "column_high": "Paljon kohtaamisia",
    "column_low": "Vähän kohtaamisia",
    "linkage_title": "Yhteydet: mitkä henkilöstön teemat kulkevat yhdessä minkäkin asiakasteeman "
    "kanssa",
    "linkage_caption": "Yksikkötaso: jokainen solu on henkilöstöteeman ja asiakasteeman välinen "
    "korrelaatio yksiköiden välillä. * merkitsee soluja, jotka pysyvät merkitsevinä "
    "Benjamini–Hochberg-korjauksen jälkeen, kun testattavia pareja on {tests}.",
    "linkage_caption_phone": "Yksikkötaso: {tests} henkilöstö- ja asiakasteeman parista "
    "vahvimmat {shown}, kukin korrelaatio yksiköiden välillä. *Selvä* merkitsee paria, joka "
    "pysyy merkitsevänä Benjamini–Hochberg-korjauksen jälkeen, kun testattavia pareja on "
    "{tests}. Leveämmällä näytöllä näkyvät kaikki parit ruudukkona.",
    "axis_ex_theme": "Henkilöstöteema (EX)",
    "axis_cx_theme": "Asiakasteema tai tulosmittari (CX)",
    "pick_ex": "Henkilöstöteema",
    "pick_cx": "Asiakasteema tai tulosmittari",
    "cell_scatter": "Yksiköt: {ex} (henkilöstö) × {cx} (asiakkaat)",
    "axis_staff_mean": "Henkilöstön keskiarvo (1–5)",
    "axis_customer_mean": "Asiakkaiden keskiarvo ({low}–{high})",
    "inside_outside": "Sama teema sisältä ja ulkoa",
    "inside_outside_caption": "Henkilöstön ja asiakkaiden keskiarvo teemoittain (väittämät 1–5) "
    "valituissa yksiköissä.",
    "staff_view": "Henkilöstön näkemys",
    "customer_view": "Asiakkaiden näkemys",
    "axis_theme_mean": "Keskiarvo (1–5)",
    "compare_splits": "EX–CX-korrelaatio asiakassegmenteittäin, kanavittain ja henkilöstön "
    "rooleittain ({ex} × {cx}: sivupalkin pari)",
    "by_segment": "asiakassegmentti",
    "by_channel": "kanava",
    "by_role": "henkilöstön rooli",
    "primary_linkage": "Tämän sivun ainoa vertailu: mitkä henkilöstöteemat kulkevat yhdessä "
    "minkäkin asiakasteeman kanssa yksiköiden välillä (lämpökartta, testattu kokonaisuutena). "
    "Alla olevat jaottelut ovat kartoittavia.",
    "splits_caption": "Kartoittava: eroaako yhteys asiakassegmenttien, kanavien tai roolien "
    "välillä? Kutakin paria verrataan niissä yksiköissä, joissa on molemmat ryhmät, "
    "kulmakertoimella (montako CX-pistettä liittyy yhteen henkilöstöpisteeseen; r heikkenee, jos "
    "yksikössä on vähän jonkin ryhmän asiakkaita, kulmakerroin ei). Samat yksiköt ovat mukana "
    "molemmissa ryhmissä, ja saman yrityksen yksiköt muistuttavat toisiaan, joten "
    "luottamusvälit lasketaan ottamalla uudelleen ensin yrityksiä ja sitten niiden kokonaisia "
    "yksiköitä, ja p-arvot korjataan yhdessä (Benjamini–Hochberg) tämän taulukon vertailuille.",
    "splits_caption_one": "Kartoittava: eroaako yhteys asiakassegmenttien, kanavien tai "
    "roolien välillä? Kutakin paria verrataan niissä yksiköissä, joissa on molemmat ryhmät, "
    "kulmakertoimella (montako CX-pistettä liittyy yhteen henkilöstöpisteeseen; r heikkenee, jos "
    "yksikössä on vähän jonkin ryhmän asiakkaita, kulmakerroin ei). Samat yksiköt ovat mukana "
    "molemmissa ryhmissä, joten luottamusväli lasketaan jättämällä kukin yksikkö vuorollaan "
    "pois molemmista ryhmistä, ja p-arvot korjataan yhdessä (Benjamini–Hochberg) tämän "
    "taulukon vertailuille.",
    "splits_absent": "Eivät ole kaaviossa: {groups}. Missään tämän näkymän yksikössä ei ole "
    "niiltä tarpeeksi vastauksia näytettäväksi (alle {staff} henkilön tai {customers} asiakkaan "
    "ryhmiä ei koskaan näytetä).",
    "reliability_themes": "Kuinka luotettavia henkilöstöteemojen keskiarvot ovat yksiköiden "
    "välillä (ICC(2) ja sen 95 %:n väli; alle 0,70 satunnaisvaihtelu heikentää niiden "
    "korrelaatioita): {themes}.",
    "reliability_pair_none": "Tämän teeman henkilöstökeskiarvot eroavat yksiköiden välillä "
    "enintään sen verran kuin satunnaisvaihtelu yksin saisi aikaan (ICC(2) enintään 0): niiden "
    "korrelaatiot kertovat vähän, eikä niitä voi korjata.",
    "not_estimable": "ei arvioitavissa",
    "reliability_pair": "Tämän teeman henkilöstökeskiarvoissa on paljon satunnaisvaihtelua (ICC(2) "
    "= {icc2:.2f}): siitä korjattuna (vaimenemiskorjaus) korrelaatio olisi noin r = {r:.2f}.",
    "column_split": "Jaottelu",
    "column_pair": "Ryhmät",
    "column_difference": "Kulmakertoimien ero",
    "column_units": "Yksiköt",
    "column_ci": "95 %:n väli (ennen korjausta)",
    "column_p_adjusted": "p (korjattu)",
    "column_reading": "Tulkinta",
    "split_clear": "selvä ero",
    "split_unclear": "ei selvää eroa",
    "split_unknown": "liian vähän yksiköitä vertailuun",
    "drivers_title": "Ajurit: mitkä henkilöstöteemat merkitsevät eniten mittarille {cx}",
    "drivers_caption": "Suhteelliset painot (Johnson): kunkin teeman osuus selitetystä vaihtelusta "
    "{n} yksikössä (R² = {r2:.2f}), 95 %:n harhakorjatut bootstrap-luottamusvälit. Kyse on "
    "osuuksista, ei syy-vaikutuksista. Jos teeman vaikutusta ei voi erottaa keskimmäisen teeman "
    "vaikutuksesta, sen nelikenttäsijainti on ”ei erotettavissa”.",
    "axis_share": "Osuus selitetystä vaihtelusta (%)",
    "drivers_few_units": "Vain ensivaikutelma: {n} yksikköä, kun ajurien painot ja järjestys "
    "vakiintuvat vasta noin 150 yksiköllä. Pidä alla olevaa järjestystä kysymyksenä, johon "
    "tuleva aineisto vastaa, ei vastauksena.",
    "primary_drivers": "Tämän sivun ainoa kysymys: mitkä henkilöstöteemat kantavat asiakastulosta "
    "eniten ja mitä niistä kannattaa kehittää ensin.",
    "top_clear": "**{theme} on tärkein ajuri**: se oli ensimmäisenä kaikissa uskottavissa "
    "yksiköiden uudelleenotannoissa ({p:.0%} otannoista).",
    "top_tie": "**Tärkein ajuri ei ole varma**: teemat {themes} olivat kukin ensimmäisenä osassa "
    "yksiköiden uudelleenotantoja ({p}). Teema nimetään tärkeimmäksi ajuriksi vain, kun se on "
    "ensimmäisenä lähes kaikissa (vähintään 97,5 %:ssa): pidä näitä jaetulla ensimmäisellä "
    "sijalla ja ensimmäistä niistä todennäköisempänä.",
    "top_tie_rest": "Muut teemat olivat ensimmäisenä lopuissa uudelleenotannoissa ({rest}).",
    "and": "ja",
    "dominance_differs": "Toinen menetelmä (yleinen dominanssi) järjestää teemat {themes} eri "
    "tavalla: niiden järjestys on epävarma.",
    "column_rank_range": "Vaikutuksen uskottavat sijat",
    "column_p_top": "Todennäköisyys olla suurin vaikutus (%)",
    "column_dominance": "Dominanssi (%)",
    "priority_title": "Priorisointinelikenttä: vaikutus × henkilöstön nykyinen arvio",
    "axis_impact": "Vaikutus (% selitetystä vaihtelusta)",
    "axis_score_now": "Henkilöstön nykyinen arvio (1–5)",
    "ranked": "Kehityskohteet järjestyksessä (vaikutus × parantamisen varaa)",
    "ranked_read": "Sarakkeiden lukuohje. Vaikutus: teeman osuus siitä, minkä henkilöstöteemat "
    "yhdessä selittävät asiakastuloksesta. Henkilöstön arvio: miten henkilöstö arvioi teeman "
    "nyt. Vaikutuksen uskottavat sijat: sijat, jotka sen vaikutus saa 95 %:ssa yksiköiden "
    "uudelleenotannoista. Todennäköisyys olla suurin vaikutus: kuinka usein se oli niissä "
    "ensimmäinen. Dominanssi: sen osuus toisella menetelmällä (yleinen dominanssi), jolla "
    "Vaikutus tarkistetaan; lähekkäiset luvut tarkoittavat, että menetelmät ovat samaa mieltä. "
    "Prioriteetti: Vaikutus kertaa kehitysvara eli asteikon osuus henkilöstön arvion yläpuolella "
    "(sijojen järjestys).",
    "column_rank": "Sija",
    "column_theme": "Teema",
    "column_impact": "Vaikutus (%)",
    "column_score": "Henkilöstön arvio",
    "column_quadrant": "Nelikenttä",
    "column_priority": "Prioriteetti (vaikutus × varaa)",
    "rank_without_develop": "Tässä näkymässä yksikään teema ei ole kohdassa Kehitä ensin. "
    "{top} on järjestyksessä ensimmäinen, koska sen vaikutus kertaa sen parantamisen vara "
    "asteikolla on suurin, ja nelikentässä se on kohdassa {quadrant}. Harmaan teeman vaikutusta "
    "ei voi erottaa keskimmäisen teeman vaikutuksesta, joten nelikenttä ei sijoita sitä, vaikka "
    "henkilöstö arvioisi sen matalaksi.",
    "rank_beside_matrix": "{top} on sijalla 1, vaikka nelikenttä ei sijoita sitä kohtaan Kehitä "
    "ensin: sen vaikutus on niin suuri, että sen jäljellä oleva kehitysvara asteikolla painaa "
    "enemmän kuin teeman {develop}, jonka henkilöstö arvioi teemojen keskiarvoa heikommaksi. "
    "Molemmat ovat ehdokkaita: sijat järjestävät teemat vaikutuksen ja jäljellä olevan "
    "kehitysvaran tulon mukaan, nelikenttä sen mukaan, missä kukin on muihin verrattuna.",
    "time_title": "Ajan myötä: kulkeeko EX CX:n edellä vai sen perässä?",
    "time_caption": "Peräkkäisten jaksojen parit yksiköiden sisällä ({pairs:,} paria {units:,} "
    "yksikössä), kukin arvo vähennettynä jaksonsa keskiarvolla yksiköiden yli: se, mikä liikuttaa "
    "kaikkia yksiköitä yhtä aikaa, ei ole yhden yksikön johtamista. ”Yksiköiden sisällä” poistaa "
    "lisäksi kunkin yksikön keskitason, joten yksiköiden väliset pysyvät erot eivät voi näyttää "
    "ajoitukselta.",
    "time_caption_few": "Peräkkäisten jaksojen parit yksiköiden sisällä ({pairs:,} paria "
    "{units:,} yksikössä), kukin arvo vähennettynä jaksonsa keskiarvolla yksiköiden yli. Kun "
    "yksiköllä on vain yksi pari, molemmat rivit vertaavat yksiköitä toisiinsa: yksiköissä, "
    "joiden henkilöstö vastaa korkeammin, myös asiakkaat vastaavat usein korkeammin, "
    "kummassa järjestyksessä tahansa, joten kumpikaan rivi ei kerro, kumpi muuttuu ensin.",
    "primary_time": "Tämän sivun ainoa vertailu: muuttuuko henkilöstökokemus yksiköiden sisällä "
    "ennen asiakaskokemusta vai sen jälkeen? Luottamusvälit lasketaan uudelleenotannalla ensin "
    "yrityksistä ja sitten niiden yksiköistä, koska saman yksikön jaksot ja saman yrityksen "
    "yksiköt liikkuvat yhdessä.",
    "primary_time_one": "Tämän sivun ainoa vertailu: muuttuuko henkilöstökokemus yksiköiden "
    "sisällä ennen asiakaskokemusta vai sen jälkeen? Luottamusvälit lasketaan uudelleenotannalla "
    "yrityksen yksiköistä, koska saman yksikön jaksot liikkuvat yhdessä.",
    "ex_leads": "EX nyt → CX seuraavalla jaksolla",
    "cx_leads": "CX nyt → EX seuraavalla jaksolla",
    "pooled": "Kaikki parit",
    "within": "Yksiköiden sisällä",
    "lead_verdict_ex": "Yksiköiden sisällä EX kulkee CX:n edellä: yhteys EX:stä nyt CX:ään "
    "seuraavalla jaksolla on vahvempi kuin CX:stä nyt EX:ään seuraavalla jaksolla; "
    "korrelaatioiden (r) ero on {diff:+.2f} (95 %:n väli "
    "{low:+.2f} … {high:+.2f}, {resampled}).",
    "resampled_companies": "uudelleenotanta yrityksistä ja niiden yksiköistä",
    "resampled_units": "uudelleenotanta yrityksen yksiköistä",
    "lead_verdict_cx": "Yksiköiden sisällä CX kulkee EX:n edellä: yhteys CX:stä nyt EX:ään "
    "seuraavalla jaksolla on vahvempi kuin EX:stä nyt CX:ään seuraavalla jaksolla (EX:stä CX:ään "
    "miinus CX:stä EX:ään: korrelaatioiden (r) ero on {diff:+.2f}, 95 %:n väli {low:+.2f} … "
    "{high:+.2f}).",
    "lead_verdict_none": "Yksiköiden sisällä kumpikaan ei selvästi kulje edellä: yhteys EX:stä "
    "nyt CX:ään seuraavalla jaksolla miinus yhteys CX:stä nyt EX:ään seuraavalla jaksolla; "
    "korrelaatioiden (r) ero on {diff:+.2f} (95 %:n väli {low:+.2f} … {high:+.2f}).",
    "trend_title": "Molemmat puolet jaksoittain",
    "trend_caption": "Kumpikin akseli kattaa neljänneksen asteikostaan (EX 1–5, CX mitatulla "
    "asteikolla), joten yhtä suuret korkeudet tarkoittavat yhtä suuria osuuksia asteikosta; "
    "pienet heilahtelut eivät ole trendejä.",
    "outcome_satisfaction": "Tyytyväisyys",
    "outcome_recommend": "Suositteluhalukkuus",
    "metric_all": "Kaikki teemat",
    "axis_period": "Jakso",
    "axis_ex_mean": "Henkilöstön keskiarvo, EX ({low}–{high})",
    "axis_cx_mean": "Asiakkaiden keskiarvo, CX ({low}–{high})",
    "data_title": "Aineisto",
    "data_contract": "Aineiston vaatimukset",
    "method_title": "Menetelmät: mitä kukin päätelmä tarkoittaa",
    "method_caption": "Analyytikolle, joka haluaa tietää, mitä päätelmän takana on: kustakin "
    "menetelmä, oletus, jonka varassa se on, lähde ja se, kuinka usein se väittää jotain, mitä ei "
    "ole (mitattu simuloimalla). Sivujen menetelmähuomautukset viittaavat tänne. Kustakin "
    "ensin tiivistelmä suomeksi, sen alla koko selostus englanniksi.",
    "method_opening": "Mistä analyysit alkavat",
    "method_in_full": "Koko selostus testeineen ja lähteineen (englanniksi):",
    "data_contract_caption": "Aineisto on joukko tiedostoja, jotka on nimetty taulujensa mukaan "
    "(CSV, XLSX tai Parquet). Tarvitaan: industries sekä companies (yrityspaneeli) ja/tai units, "
    "employee_responses, customer_responses ja theme_map (yksikkötutkimus).",
    "templates": "Lataa esimerkkitiedostot (kelvollinen aineisto)",
    "strength_expected": "**Yhteys on {band}**: {where}, joissa henkilöstön kokemus on parempi, "
    "saavat yleensä myös asiakkailta paremmat arviot.",
    "strength_reversed": "**Yhteys on {band} mutta käänteinen**: {where}, joissa henkilöstön "
    "kokemus on parempi, saavat yleensä asiakkailta heikommat arviot.",
    "strength_expected_weak": "**Yhteys on {band}**: {where}, joissa henkilöstön kokemus on "
    "parempi, saavat vain hieman muita useammin myös asiakkailta paremmat arviot.",
    "strength_reversed_weak": "**Yhteys on {band} mutta käänteinen**: {where}, joissa "
    "henkilöstön kokemus on parempi, saavat vain hieman muita useammin asiakkailta heikommat "
    "arviot.",
    "strength_none": "**Yhteyttä ei juuri ole**: kun vertailtavina ovat {where}, henkilöstö- ja "
    "asiakaskokemus vaihtelevat lähes toisistaan riippumatta.",
    "strength_unclear": "**Emme pysty sanomaan, onko yhteyttä**: kun vertailtavina ovat {where}, "
    "aineisto sopii yhtä hyvin siihen, ettei yhteyttä ole, kuin todelliseen yhteyteen.",
    "strength_unknown": "Aineisto ei riitä johtopäätökseen.",
    "strength_few": "Liian vähän havaintoja johtopäätökseen (n = {n}): yhteydestä voi sanoa "
    "jotain vasta, kun havaintoja on vähintään {least}.",
    "band_weak": "heikko",
    "band_moderate": "kohtalainen",
    "band_strong": "vahva",
    "quadrant_develop_first": "suuri vaikutus,<br>matala arvio",
    "quadrant_keep_strong": "suuri vaikutus,<br>korkea arvio",
    "quadrant_watch": "pienempi vaikutus,<br>matala arvio",
    "quadrant_maintain": "pienempi vaikutus,<br>korkea arvio",
    "quadrants_read": "Vaaka-akseli: miten henkilöstö arvioi teeman nyt (pisteviiva: keskiarvo). "
    "Pystyakseli: kuinka suuren osan asiakastuloksesta teema kantaa (pisteviiva: keskimmäinen "
    "teema). Kehitä ensin: teemat, jotka kantavat suuren osan asiakastuloksesta ja joissa "
    "henkilöstön arvio on matala; niistä kannattaa aloittaa (yhteys ei todista, että niiden "
    "parantaminen liikuttaa asiakkaita). Harmaa: teema, jonka vaikutusta ei tällä aineistolla "
    "voi erottaa keskimmäisen teeman vaikutuksesta.",
    "present": "Esitystila",
    "present_help": "Suuri teksti, sivupalkki piilossa ja suodattimet yhdellä rivillä ylhäällä: "
    "videotykkiä varten. Tila tallentuu linkkiin (present=true).",
    "present_moves": "siirrot kohtaamisluokkien välillä: {n}",
    "page_breaks": "Poikkeamat",
    "breaks_title": "Missä sääntö ei päde: ketkä poikkeavat EX–CX-suoralta",
    "breaks_caption": "Henkilöstö- ja asiakaskokemus eivät ole sama asia: yritys voi "
    "tarkoituksella tuottaa erinomaista asiakaskokemusta heikosta henkilöstökokemuksesta "
    "huolimatta. Tässä ovat ne yritykset tai yksiköt, jotka ovat suoralta kauempana kuin muiden "
    "hajonta sallii (kukin on testattu ilman sitä sovitettua suoraa vasten, ja tulos on korjattu "
    "sillä, että jokainen piste testataan): käy ne läpi ennen kuin oletat yhteyden pätevän.",
    "breaks_weighted": "Yksikölle, jolla on vähän vastauksia, sallitaan enemmän hajontaa: sen "
    "keskiarvot perustuvat harvempiin ihmisiin, joten suora ja kunkin yksikön testi painottavat "
    "sitä sen mukaan, kuinka paljon sen koko sallii sen poiketa.",
    "breaks_found": "Suoralta poikkeaa {n}/{of} {counted}. {kinds}.",
    "breaks_found_one": "Suoralta poikkeaa 1/{of} {counted}. {kinds}.",
    "breaks_none": "Kaikki {what} ({of}) pysyvät suoran lähellä sattuman sallimissa rajoissa: "
    "tämä aineisto ei näytä poikkeamia (harvoista pisteistä vain suuren poikkeaman erottaa "
    "sattumasta).",
    "breaks_elsewhere": "Toisella tasolla suoralta poikkeaa {n}/{of} {counted}: valitse "
    "tasoksi {option} nähdäksesi ne.",
    "breaks_follow": "Noudattaa kaavaa",
    "breaks_line": "Suora (sovitettu)",
    "break_high_cx_low_ex": "Korkea CX, matala EX",
    "break_low_cx_high_ex": "Matala CX, korkea EX",
    "break_above": "Suoran yläpuolella",
    "break_below": "Suoran alapuolella",
    "breaks_axis_cx_units": "Asiakkaiden keskiarvo (CX, {low}–{high})",
    "breaks_axis_ex_companies": "Työnantaja-arvio (1–5)",
    "breaks_axis_cx_companies": "Asiakasindeksi (0–100)",
    "breaks_column_ex": "EX",
    "breaks_column_cx": "CX",
    "breaks_column_expected": "Suoran mukainen odotettu CX",
    "breaks_column_mix": "Asiakkaat kanavittain",
    "breaks_read": "Korkea CX, matala EX (suoran yläpuolella, EX näiden pisteiden mediaania "
    "matalampi): asiakkaita palvellaan hyvin, vaikka henkilöstön kokemus on heikompi "
    "(tarkoituksella tai toistaiseksi). Matala CX, korkea EX (suoran alapuolella, EX mediaania "
    "korkeampi): henkilöstöllä menee hyvin, mutta asiakkaat eivät huomaa sitä. Suoran ylä- tai "
    "alapuolella: poikkeaa suoralta, mutta EX on mediaanin toisella puolella, joten vain CX on "
    "epätavallinen sen EX:ään nähden.",
    "breaks_read_units": "Jos kokonainen yritys poikkeaa suoralta, se näkyy useana sen yksikkönä: "
    "vaihda tasoksi Yritykset, niin näet sen yhtenä pisteenä.",
    "column_unit": "Yksikkö",
    "column_company": "Yritys",
    "channel_in-person": "kasvokkain",
    "channel_phone": "puhelin",
    "channel_digital": "digitaalinen",
    "page_surveys": "Omat kyselyt",
    "surveys_title": "Omat kyselyt: tuo vientitiedostot tai suunnittele kyselypari",
    "surveys_caption": "Tuo henkilöstökysely ja asiakaskysely sellaisina kuin kyselytyökalusi ne "
    "vie, tai aloita yhteisten teemojen ympärille rakennetuista parikyselyistä. Tiedostot pysyvät "
    "tämän istunnon muistissa: mitään ei tallenneta levylle.",
    "import_tab": "Tuo kyselyjen vientitiedostot",
    "kit_tab": "Suunnittele kyselyt",
    "import_help": "Pudota tähän yksi henkilöstökyselyn ja yksi asiakaskyselyn vientitiedosto: "
    "Qualtrics, SurveyMonkey, Microsoft Forms, Google Forms, Webropol tai mikä tahansa taulukko, "
    "jossa on yksi otsikkorivi, tai SPSS (.sav). Muoto tunnistetaan, minkä jälkeen tarkistat, "
    "miten sarakkeet kohdistuvat.",
    "import_staff_file": "Henkilöstökyselyn vientitiedosto",
    "import_customer_file": "Asiakaskyselyn vientitiedosto",
    "import_more": "Valinnainen: yksikköluettelo tai edellisellä kerralla tallennettu kohdistus",
    "import_units_file": "Yksikköluettelo (unit_id, company, industry, region)",
    "import_mapping_file": "Tallennettu kohdistus (.json)",
    "import_in_use": "Käytössä oleva tuonti, {staff} ja {customers}: korjaa sen kohdistusta alla "
    "ja paina uudelleen Käytä tätä aineistoa, tai pudota yllä muut vientitiedostot.",
    "import_waiting": "Aloita pudottamalla molemmat vientitiedostot. Mitään ei analysoida ennen "
    "kuin molemmat on tuotu.",
    "import_reading": "Luetaan vientitiedostoa…",
    "import_unreadable": "Tiedostoa ei voitu lukea:",
    "import_choices_kept": "Aiemmille tiedostoille tekemäsi valinnat on säilytetty näille "
    "(uusille sarakkeille on tehty uudet ehdotukset); tarkista ne alta.",
    "import_saved_used": "Tallentamasi kohdistus on otettu käyttöön; tarkista se alta.",
    "import_company": "Kenen aineisto",
    "import_company_name": "Yritys",
    "import_our_company": "Oma yritys",
    "import_our_industry": "Oma toimiala",
    "import_industry": "Toimiala",
    "import_mapping": "Sarakkeiden kohdistus",
    "import_staff": "Henkilöstön vientitiedosto",
    "import_customers": "Asiakkaiden vientitiedosto",
    "import_one_value": "(yksi arvo koko tiedostolle)",
    "import_value_for": "Kaikkien vastausten {field}",
    "import_field_unit": "Yksikkö",
    "import_field_period": "Jakso",
    "import_field_role": "Henkilöstön rooli",
    "import_field_segment": "Asiakassegmentti",
    "import_field_channel": "Kanava",
    "import_from_date": "Päivämäärä: neljännes",
    "import_from_date_help": "Kunkin vastauksen päivämäärästä tulee sen vuosineljännes, "
    "esimerkiksi 2024-Q3: jakso, johon vastaus lasketaan.",
    "import_answer": "Vastaus",
    "import_role_word": "Rooli",
    "import_role_word_help": "Tyhjäksi jätettynä vastaus on rooli omin sanoin.",
    "import_channel_word": "Kanava",
    "import_column": "Sarake",
    "import_question": "Kysymys",
    "import_use": "Käyttö",
    "import_theme": "Teema",
    "import_reverse": "Käänteinen väittämä",
    "import_scale": "Asteikko",
    "import_swipe": "Puhelimessa taulukko jatkuu oikealle: pyyhkäise sitä sivuttain, niin näet "
    "sarakkeet {columns}.",
    "import_answers": "Vastaukset lukuina",
    "import_number": "Luku",
    "import_unread": "Ei vielä tulkittu: {answers}. Anna kullekin sen arvo asteikolla tai valitse "
    "”Ei vastausta”; tuonti odottaa, kunnes jokainen vastaus on tulkittu.",
    "import_answers_edit": "Miten vastaukset muunnetaan luvuiksi",
    "import_label": "Nimike",
    "import_no_answer": "Ei vastausta",
    "import_not_used": "Ei käytössä (luetteloitu, ei poistettu):",
    "unused_context": "jäi pois, kun sen kenttään valittiin toinen sarake",
    "unused_empty": "viennissä ei ole siihen vastauksia",
    "unused_many": "yli {n} erilaista vastausta: vapaata tekstiä, päivämääriä tai tunnisteita",
    "unused_not_scale": "vastaukset eivät ole 1–5-samanmielisyyttä eivätkä 0–10-arvioita "
    "({answers})",
    "unused_no_theme": "kysymykseen ei sopinut mikään yhteisistä teemoista: ota se käyttöön "
    "valitsemalla '{use}' ja kirjoita teeman nimi",
    "unused_chosen": "asetettu taulukossa pois käytöstä",
    "import_numbered": "(sarake {n})",
    "import_preview": "Esikatselu ja tarkistus",
    "import_download_mapping": "Lataa tämä kohdistus (.json)",
    "import_ready": "Kaikki tarkistukset läpäisty: {units} yksikköä, {staff:,} henkilöstö- ja "
    "{customers:,} asiakasvastausta, {themes} yhteistä teemaa.",
    "import_ready_but": "Ennen kuin käytät aineistoa, katso mitä jäi pois tai vaatii huomiota:",
    "import_use_data": "Käytä tätä aineistoa",
    "import_table": "{words}, {rows} (dokumentoidussa rakenteessa nimellä {name})",
    "table_employee_responses": "Henkilöstön vastaukset",
    "table_customer_responses": "Asiakkaiden vastaukset",
    "table_theme_map": "Teemat ja niiden kysymykset",
    "table_units": "Yksiköt",
    "table_industries": "Toimialat ja niiden kohtaamisluokka",
    "n_rows": "{n:,} riviä",
    "n_rows_one": "1 rivi",
    "kit_help": "Valitse yhteiset teemat; kustakin kysytään henkilöstöltä (2–3 väittämää) ja "
    "asiakkailta (1–2) englanniksi ja suomeksi, sarakkeiden tunnisteilla, jotka tuontitoiminto "
    "tunnistaa.",
    "kit_themes": "Yhteiset teemat",
    "kit_side": "Kysely",
    "kit_side_staff": "henkilöstö",
    "kit_side_customers": "asiakkaat",
    "kit_scale_answer": "vastaus",
    "kit_scale_agreement": "1–5 samaa mieltä",
    "kit_column_id": "Sarakkeen tunniste",
    "kit_xlsx": "Kyselylomake ja teemakartta (.xlsx)",
    "kit_csv": "Kyselylomake (.csv)",
    "kit_language": "Qualtrics-tiedoston kieli",
    "kit_qualtrics_staff": "Henkilöstökysely Qualtricsiin (.txt)",
    "kit_qualtrics_customers": "Asiakaskysely Qualtricsiin (.txt)",
    "kit_rules": "**Toteuta kyselyt samaan aikaan.** Pidä molemmat kyselyt auki samoina viikkoina, "
    "jotta henkilöstön ja asiakkaiden vastaukset kuvaavat samaa jaksoa. **Kysy yksikkö "
    "molemmissa**: yhteys muodostetaan yksikkö kerrallaan. **Pidä henkilöstöryhmät vähintään "
    "viiden hengen kokoisina**: pienempiä ryhmiä ei koskaan näytetä. **Varaudu digitaalisiin "
    "kohtaamisiin**: noin puolet asiakaskohtaamisista on digitaalisia, joten kysy kanava ja "
    "tarkastele yhteyttä kanavittain. Tutkimus ja lähteet alla: tiivistelmä suomeksi, koko "
    "teksti englanniksi.",
    "upload": "Tuo omat tiedostot",
    "upload_help": "Pudota aineistosi tiedostot tähän (CSV, XLSX tai Parquet sekä valinnainen "
    "manifest.json). Ne tarkistetaan yhdessä, eikä mitään käytetä ennen kuin kaikki tarkistukset "
    "menevät läpi. Jos pudotat myöhemmin korjatun tiedoston, se korvaa samannimisen tiedoston. "
    "Henkilöstön tiedot eivät koskaan poistu tästä istunnosta.",
    "validating": "Tarkistetaan {files}…",
    "checked_bad": "Tarkistettu {files}: {problems}",
    "checked_ok": "Tarkistettu {files}: kaikki tarkistukset läpäisty",
    "n_files": "{n} tiedostoa",
    "n_files_one": "1 tiedosto",
    "n_problems": "{n} ongelmaa",
    "n_chosen": "{n} valittu",
    "n_problems_one": "1 ongelma",
    "import_failed": "Näitä vientitiedostoja ei voi vielä käyttää: {problems}. Useimmat korjataan "
    "yllä olevassa kohdistuksessa (sarakkeen käyttö, teema tai vastaukset, mistä jakso "
    "saadaan); vastauksissa itsessään oleva ongelma korjataan tiedostossa: pudota korjattu "
    "vientitiedosto yllä sen paikalle, niin valintasi säilyvät.",
    "upload_failed": "Näitä tiedostoja ei voi vielä käyttää: {problems}. Korjaa ne ja pudota "
    "korjatut tiedostot tähän; samanniminen tiedosto korvaa yllä olevan.",
    "upload_ok": "Kaikki tarkistukset läpäisty: {summary}. Sivupalkin Aineisto-valinta näyttää nyt "
    "tuomasi aineiston.",
    "upload_notes": "Huomiot",
    "download_view": "Lataa tämän näkymän taustalla olevat koosteet (CSV)",
    "download_view_is": "Tiedostossa on vain tämä näkymä: {view}.",
    "download_caption": "Yksi rivi kutakin {what} kohden: luvut, joita tämän näkymän tilastot "
    "käyttävät, pyöristettyinä aineiston tarkkuuteen. Pienintä ryhmäkokoa pienempien "
    "henkilöstöryhmien koosteet eivät ole mukana. Tiedosto on kirjoitettu suomenkieliselle "
    "taulukkolaskennalle (desimaalipilkku, kentät puolipisteellä erotettuina).",
    "download_none": "Tässä aineistossa ei ole tietoja tällä tasolla, joten ladattavaa ei ole.",
    "per_unit": "yksikköä",
    "per_company": "yritystä",
    "file_size_kb": "{kb:,.1f} kt",
    "n_bytes": "{n} tavua",
    "n_bytes_one": "1 tavu",
    "column_size": "Koko",
    "clear_upload": "Poista nämä tiedostot",
    "staged_files": "Tässä latauksessa on {files} (pudota lisää tai korjattuja tiedostoja yllä):",
    "column_file": "Tiedosto",
    "column_column": "Sarake",
    "column_problem": "Ongelma",
    "column_rows": "Rivit (esimerkkejä)",
    "column_finding": "Löydös",
    "column_value": "Arvo",
    "column_basis": "Peruste",
    "column_year": "Vuosi",
    "industries_with_units": "Yksikkötason tiedot (yksikkötutkimus) ovat {n}/{total} toimialalta: "
    "{names}.",
    "hover_priority": "%{text}: henkilöstön arvio %{x:.2f}, vaikutus %{y:.1f} %<extra></extra>",
    "r_and_n": ": r = {r:.2f}; n = {n}",
    "interval": "{} … {}",
    "chart_numbers": "Kaavion luvut",
    "column_group": "Ryhmä",
    "column_industry": "Toimiala",
    "column_interval_95": "95 %:n luottamusväli",
    "column_period": "Jakso",
    "import_use_item": "teeman väittämä",
    "import_use_satisfaction": "tyytyväisyys",
    "import_use_recommend": "suosittelu",
    "import_use_not_used": "ei käytössä",
    "views": "Nimetyt näkymät",
    "views_name": "Nimeä tämä näkymä",
    "views_hint": "esim. Yksikkömme nyt",
    "views_save": "Tallenna tämä näkymä",
    "views_full": "{n} näkymää tallennettu: tallenna olemassa olevalla nimellä korvataksesi sen.",
    "views_last": "Tallennetut näkymät kulkevat tämän näkymän linkissä ja osoiterivillä: "
    "uudelleenlataus säilyttää ne, ja linkin avaaja saa ne myös.",
    "views_open": "Avaa näkymä",
    "views_links": "Kunkin näkymän oma linkki (kopioi hiiren oikealla):",
    "views_default": "Näkymä {n}",
    "report_dataset": "Aineisto",
    "report_made": "Laadittu",
    "report_link": "Linkki tähän näkymään",
    "report_download": "Lataa tämä näkymä raporttina (HTML)",
    "report_help": "Yksi tiedosto, joka aukeaa ilman verkkoyhteyttä missä tahansa selaimessa, ja "
    "kaaviot toimivat siinä yhä; tulosta se selaimesta PDF:ksi.",
    "actions_title": "Toimenpidelista",
    "actions_dataset": "Aineisto",
    "actions_theme": "Teema",
    "actions_why": "Peruste",
    "actions_owner": "Vastuuhenkilö",
    "actions_due": "Määräaika",
    "actions_notes": "Muistiinpanot",
    "actions_why_template": "vaikutus {impact} % (95 %:n luottamusväli {low}–{high} %), "
    "henkilöstön arvio {score} / 5, {quadrant}",
    "actions_impact": "Vaikutus %",
    "actions_impact_low": "95 %:n luottamusvälin alaraja",
    "actions_impact_high": "95 %:n luottamusvälin yläraja",
    "actions_score": "Henkilöstön arvio (1–5)",
    "actions_help": "Valitse kehityskohteet, joihin tartutaan. Kukin säilyttää perusteensa "
    "(vaikutus luottamusväleineen ja henkilöstön nykyinen arvio); anna sille vastuuhenkilö, "
    "määräaika ja muistiinpanot. Lista säilyy, kun siirryt sivulta toiselle.",
    "actions_pick": "Lisättävät kehityskohteet",
    "actions_pick_hint": "Valitse teemat",
    "actions_add": "Lisää toimenpidelistaan",
    "actions_no_estimate": "Teemalle {theme} ei ole arviota tässä näkymässä, joten sitä ei "
    "lisätty.",
    "actions_empty": "Toimenpidelista on tyhjä: valitse kehityskohteet yltä.",
    "actions_load": "Tuo tallennettu toimenpidelista (.json)",
    "actions_bad_file": "Tämä tiedosto ei ole tämän sovelluksen tallentama toimenpidelista:",
    "views_bad_link": "Tämän linkin näkymiä ei voitu lukea (katkesiko linkki?); niitä ei lisätty.",
    "actions_bad_link": "Linkin toimenpidelistaa ei voitu lukea, joten lista alkaa tyhjänä.",
    "actions_remove": "Poista",
    "actions_download_md": "Markdown",
    "actions_download_csv": "CSV",
    "actions_download_json": "Tiedosto myöhempää latausta varten (.json)",
    "actions_too_long": "Lista on liian pitkä linkkiin: lataa tiedosto, niin voit tuoda sen "
    "myöhemmin uudelleen.",
    "page_compare": "Vertaa näkymiä",
    "compare_title": "Vertaa kahta näkymää",
    "compare_caption": "Kaksi nimettyä näkymää rinnakkain: henkilöstön ja asiakkaiden kokemuksen "
    "yhteys kummassakin ja niiden ero. Tallenna ensin näkymät sivupalkissa (Nimetyt näkymät).",
    "compare_none": "Nimettyjä näkymiä ei vielä ole. Valitse suodattimet ja tallenna näkymä "
    "sivupalkissa (Nimetyt näkymät); vertaa sitä täällä nykyiseen näkymään tai toiseen "
    "tallennettuun.",
    "compare_now": "Nykyinen näkymä",
    "compare_first": "Ensimmäinen näkymä",
    "compare_second": "Toinen näkymä",
    "compare_level": "Molempia näkymiä verrataan ensimmäisen tasolla: {level}.",
    "compare_all": "Kaikki",
    "compare_group": "Ryhmä",
    "compare_splits_elsewhere": "Nämä näkymät eroavat tässä: {splits}. Tämä sivu vertaa "
    "yhteyden voimakkuutta (r) kunkin näkymän kaikissa yksiköissä. Sivu {page} vertaa tällaisia "
    "ryhmiä suoraan, kulmakertoimella niissä yksiköissä, joissa on molemmat, mihin r ei yllä: "
    "r heikkenee, jos yksikössä on vähän jonkin ryhmän asiakkaita tai henkilöstöä. Tulkinnat "
    "voivat erota; näiden ryhmien välisessä erossa käytä sivun {page} tulkintaa.",
    "compare_difference": "Ero (toinen − ensimmäinen)",
    "compare_interval": "Eron 95 %:n luottamusväli",
    "compare_clear": "**Näkymät eroavat**: henkilöstö- ja asiakaskokemuksen korrelaatio on "
    "selvästi suurempi näkymässä {higher} kuin näkymässä {lower} (vertailtavina {where}; ero "
    "{difference:.2f}, 95 %:n luottamusväli {ci_low:.2f} … {ci_high:.2f}).",
    "compare_unclear": "**Näkymiä ei voi erottaa toisistaan**: ero ({difference:+.2f}, 95 %:n "
    "luottamusväli {ci_low:+.2f} … {ci_high:+.2f}) voi olla sattumaa (vertailtavina {where}).",
    "compare_unknown": "Yrityksiä tai yksiköitä on liian vähän, jotta eron epävarmuutta voisi "
    "arvioida: näkymiä ei voi verrata.",
    "compare_method": "Näkymissä on yleensä samoja yrityksiä, joten ne eivät ole toisistaan "
    "riippumattomia otoksia. Kukin näkymien {companies} yrityksestä jätetään vuorollaan pois "
    "molemmista näkymistä yhtä aikaa (parittainen jackknife); luottamusväli on ero ± t × sen "
    "keskivirhe yritysten yli. Tuhannessa simuloidussa aineistossa, joissa todellista eroa ei "
    "ollut, se ilmoitti erosta noin 5 kertaa sadasta (Aineisto-sivu: Menetelmät §10).",
    "compare_group_absent": "ei kummassakaan näkymässä",
    "compare_row_one_company": "näkymässä vain yksi yritys",
    "compare_group_one_view": "vain toisessa näkymässä",
    "compare_one_company": "{view} perustuu yhden yrityksen yksiköihin. Väli jättää kunkin "
    "yrityksen vuorollaan pois, eikä ilman tätä yhtä näkymästä jää mitään, joten eron "
    "epävarmuutta ei voi arvioida: lisää näkymään toimialoja tai yrityksiä, niin voit verrata.",
    "compare_method_units": "Näkymissä on samoja yksiköitä, joten ne eivät ole toisistaan "
    "riippumattomia otoksia. Aineistossa on yksi yritys, joten kukin näkymien {units} "
    "yksiköstä jätetään vuorollaan pois molemmista näkymistä yhtä aikaa (parittainen jackknife "
    "yksiköiden yli); luottamusväli on ero ± t × sen keskivirhe yksiköiden yli. Tuhannessa "
    "simuloidussa yhden yrityksen aineistossa, joissa todellista eroa ei ollut, se ilmoitti "
    "erosta noin 5 kertaa sadasta (Aineisto-sivu: Menetelmät §10).",
    "heatmap_words": "**{clear}/{tests} teemaparista näyttää selvän yhteyden** (selvän silloinkin, "
    "kun kaikkien testaaminen otetaan huomioon). Vahvin pari, suurin {tests} joukosta ja siksi "
    "luultavasti hieman yliarvioitu, on {ex} (henkilöstö) ja {cx} (asiakkaat).",
    "heatmap_top_unclear": "Sen r = {r} ei ole selvä, kun kaikki {tests} kokeiltua paria "
    "otetaan huomioon: tällä aineistolla se voi olla sattumaa.",
    "heatmap_clear": "selvä",
    "heatmap_unclear": "ei selvä",
    "heatmap_clear_column": "Selvä yhteys",
    "lead_plain_ex": "**Henkilöstökokemuksen muutokset tulevat ensin**: yksiköiden sisällä "
    "henkilöstön kokemuksen muutokset edeltävät asiakkaiden kokemuksen muutoksia enemmän kuin "
    "toisin päin (ajoitus, ei todiste syystä).",
    "lead_plain_cx": "**Asiakaskokemuksen muutokset tulevat ensin**: yksiköiden sisällä "
    "asiakkaiden kokemuksen muutokset edeltävät henkilöstön kokemuksen muutoksia enemmän kuin "
    "toisin päin (ajoitus, ei todiste syystä).",
    "time_no_pairs": "Kumpi muuttuu ensin -vertailu muodostaa parit peräkkäisistä jaksoista, "
    "joten se tarvitsee vähintään kaksi peräkkäistä jaksoa, eikä valituissa jaksoissa "
    "({periods}) ole niitä. Valitse peräkkäisiä jaksoja (tai tyhjennä jaksosuodatin); kunkin "
    "jakson keskiarvot ovat alla.",
    "lead_plain_few_periods": "**Tästä näkymästä ei näe, kumpi muuttuu ensin**: se vertaa "
    "jokaista yksikköä itseensä, ja siihen yksiköllä pitää olla vähintään kaksi peräkkäisten "
    "jaksojen paria. Tässä sellaisia yksiköitä on alle neljä. Valitse useampia jaksoja (tai "
    "tyhjennä jaksosuodatin). Alla olevat rivit vertaavat yksiköitä vain toisiinsa.",
    "lead_plain_few_periods_data": "**Tästä aineistosta ei näe, kumpi muuttuu ensin**: se "
    "vertaa jokaista yksikköä itseensä vähintään kahden peräkkäisen jaksoparin yli, ja "
    "aineistossa on {count} jaksoa ({periods}). Siihen tarvitaan kolme peräkkäistä jaksoa; siihen "
    "asti alla olevat rivit vertaavat yksiköitä vain toisiinsa.",
    "lead_plain_none": "**Emme voi sanoa, kumpi muuttuu ensin**: yksiköiden sisällä kumpikaan, "
    "henkilöstön tai asiakkaiden kokemus, ei tällä aineistolla selvästi muutu ennen toista.",
    "splits_differ": "**Yhteys eroaa ryhmien välillä {n}/{of} vertailussa**: {pairs}. Pidä näitä "
    "tarkistettavina vihjeinä: tämä osa sivusta on kartoittava.",
    "splits_same": "**Mikään ryhmä ei eroa selvästi**: yhdessäkään {of} segmenttien, kanavien tai "
    "roolien vertailusta yhteys ei ole selvästi vahvempi toisessa ryhmässä.",
    "signin_needed": "Tämä sovellus näyttää organisaation omia kyselyaineistoja: kirjaudu sisään "
    "nähdäksesi ne.",
    "signin": "Kirjaudu sisään",
    "signin_denied": "Olet kirjautunut, mutta tämän sovelluksen aineisto on jaettu vain tietyille "
    "organisaatioille, eikä sähköpostiosoitteesi kuulu niihin. Kysy sovelluksen ylläpitäjältä.",
    "signout": "Kirjaudu ulos",
    "compare_filters_idle": "Sivupalkin suodattimet eivät muuta tässä mitään, kun molemmat "
    "näkymät ovat tallennettuja: valitse toiseksi ”{now}”, niin voit verrata asettamiasi "
    "suodattimia.",
    "compare_same": "Valitse vertailuun kaksi eri näkymää.",
    "compare_levels_differ": "Ensimmäinen näkymä on {first} ja toinen {second}: yksiköiden "
    "välinen yhteys ja yritysten välinen yhteys eivät ole sama mittari, joten niitä ei verrata. "
    "Valitse kaksi saman tason näkymää.",
    "level_on_units": "yksikkötasolla",
    "level_on_companies": "yritystasolla",
    "actions_private": "Tämä sovellus on yksityinen: toimenpidelistaa ei liitetä linkkeihin "
    "(vastuuhenkilöt ja muistiinpanot kulkisivat niissä selväkielisinä). Lataa tiedosto, niin voit "
    "tuoda listan myöhemmin uudelleen.",
    "actions_in_link": "Näkymän linkki sisältää tämän listan vastuuhenkilöineen ja "
    "muistiinpanoineen: jaa se vain niille, jotka saavat nähdä ne.",
    "actions_bad_edit": "Muutosta teemaan {theme} ei tallennettu: teksti on liian pitkä.",
    "code_in-person": "kasvokkain",
    "code_phone": "puhelin",
    "code_digital": "digitaalinen",
    "code_customer-facing": "asiakasrajapinta",
    "code_back-office": "taustatoiminnot",
    "language": "Language · Kieli",
    "level_word_units": "yksiköt",
    "level_counted_units": "yksiköstä",
    "level_counted_companies": "yrityksestä",
    "level_word_companies": "yritykset",
    "option_units": "Yksiköt",
    "option_companies": "Yritykset",
    "option_both": "Molemmat",
    "option_high": "Paljon kohtaamisia",
    "option_low": "Vähän kohtaamisia",
}

CAVEATS_FI: dict[Caveat, str] = {
    Caveat.EMPTY: "millään rivillä ei ole molempia arvoja, joten korreloitavaa ei ole",
    Caveat.TOO_FEW: "alle 4 paria (tai korrelaatio puuttuu): liian vähän aineistoa luottamusväliin "
    "tai vertailuun",
    Caveat.ZERO_VARIANCE: "toisella muuttujista on sama arvo joka rivillä, joten korrelaatiota ei "
    "ole määritelty",
    Caveat.SMALL_SAMPLE: "alle 30 yksikköä tai yritystä: luottamusväli on leveä ja estimaatti "
    "epävakaa",
    Caveat.EMPTY_SELECTION: "mikään ei vastaa nykyisiä suodattimia",
    Caveat.SUPPRESSED: "osa yksikköjaksoista on piilotettu: henkilöstövastaajia on vähemmän kuin "
    "pienin ryhmäkoko",
    Caveat.THIN_UNITS: "vähän henkilöstövastaajia yksikköä kohden: yksikkökeskiarvoissa on paljon "
    "satunnaisvaihtelua ja r on vaimentunut",
    Caveat.COLLINEAR: "kaksi tai useampi henkilöstöteema korreloi (lähes) täydellisesti: niiden "
    "painot ovat epävakaita",
    Caveat.REPEATED_UNITS: "jaksoparit tulevat samoista yksiköistä, joten luottamusvälit lasketaan "
    "kokonaisten yksiköiden uudelleenotannalla",
    Caveat.FEW_COMPANIES: "alle 4 yritystä luokassa: tulos kuvaa näitä yrityksiä, ei niiden "
    "toimialoja yleisesti",
    Caveat.FEW_FOR_DRIVERS: "alle 150 yksikköä: ajurien painot ja sijat ovat epävakaita; pidä "
    "niitä suuntaa antavina",
    Caveat.FEW_FOR_BREAKS: "alle 10 pistettä: liian vähän, jotta mitään pistettä voisi testata "
    "suoraa vasten",
    Caveat.FEW_PERIODS: "alle 4 yksikköä, joilla on vähintään kaksi peräkkäisten jaksojen paria: "
    "yksikköä ei voi verrata itseensä, joten sitä, kumpi puoli muuttuu ensin, ei voi kysyä",
}

QUADRANTS_FI: dict[Quadrant, str] = {
    Quadrant.DEVELOP_FIRST: "kehitä ensin",
    Quadrant.KEEP_STRONG: "pidä vahvana",
    Quadrant.WATCH: "seuraa",
    Quadrant.MAINTAIN: "ylläpidä",
    Quadrant.NOT_SEPARABLE: "ei erotettavissa",
}

NOTICES_FI: dict[Notice, str] = {
    Notice.BAD_LINK_VALUE: "Arvo ”{value}” ohitettiin kohdassa {subject}: se ei kelpaa tälle "
    "aineistolle.",
    Notice.BAD_MODE_VALUE: "Arvo ”{value}” ohitettiin kohdassa {subject}: se ei ole sen arvoja.",
    Notice.REPEATED_LINK_VALUE: "Arvo ”{value}” ohitettiin kohdassa {subject}: linkki antaa "
    "sille useamman arvon, ja viimeinen on voimassa.",
    Notice.UNKNOWN_LINK_KEY: "Kohta ”{subject}” ohitettiin: sovelluksessa ei ole sen nimistä "
    "asetusta.",
    Notice.UNKNOWN_LINK_KEY_NEAR: "Kohta ”{subject}” ohitettiin: sovelluksessa ei ole sen "
    "nimistä asetusta. Tarkoititko {value}?",
    Notice.BELOW_FLOOR: "Arvo ”{value}” ohitettiin kohdassa {subject}: sovelluksen ylläpitäjän "
    "asettamaa vähimmäiskokoa pienempiä ryhmiä ei koskaan näytetä; linkki voi nostaa "
    "vähimmäiskokoa mutta ei laskea sitä.",
    Notice.MOVE_ALREADY: "{subject} kuuluu jo kohtaamisluokkaan {value}: siirto ei muuta mitään.",
    Notice.MOVE_ABSENT: "{subject}: ei tietoja tällä tasolla, joten siirto ei muuta tässä mitään.",
    Notice.MOVE_CONFLICT: "{subject} on molemmissa luetteloissa: se luetaan kohtaamisluokkaan "
    "{value}.",
    Notice.NO_UNIT_DATA: "Ei yksikkötason tietoja: {subject}. Yksikkötutkimus kattaa toimialat "
    "{value}: valitse jokin niistä tai vaihda tasoksi Yritykset.",
    Notice.TOUCH_EXCLUDES: "{subject}: tässä ei ole yksiköitä eikä yrityksiä kohtaamisluokassa "
    "{value}. Valitse Kohtaamisstrategia-kohdasta Molemmat tai siirrä se toiseen luokkaan "
    "Kohtaamisluokittelu-kohdassa.",
}

INACTIVE_FI: dict[Inactive, str] = {
    Inactive.UNITS_ONLY: "Yksikkötason suodattimet: tämä sivu näyttää yritykset.",
    Inactive.COMPANIES_ONLY: "Yritystason suodatin: tämä sivu näyttää yksiköt.",
    Inactive.LEVEL_FIXED: "Tämä sivu näyttää aina {level}.",
    Inactive.OWN_LAG: "Tämä sivu muodostaa peräkkäisten jaksojen parit itse.",
    Inactive.EVERY_THEME: "Tämä sivu käyttää kaikkia henkilöstöteemoja yhtä aikaa.",
}

REFERENCES_FI: dict[str, tuple[str, str, str]] = {
    # key: (finding, value, basis)
    "high_touch": (
        "Yritystaso, paljon kohtaamisia sisältävät toimialat",
        "r ≈ 0,31 (R² = 0,096; n = 125)",
        "Työnantaja-arviot vs. ACSI-asiakasindeksi, 345 yhdysvaltalaista yritystä",
    ),
    "low_touch": (
        "Yritystaso, vähän kohtaamisia sisältävät toimialat",
        "r ≈ 0,23 (R² = 0,051; n = 220)",
        "Sama tutkimus",
    ),
    "split_test": (
        "Onko paljon ja vähän kohtaamisia sisältävien toimialojen ero merkitsevä?",
        "Ei: Fisherin z-testi p = {p:.2f}",
        "Laskettu tässä julkaistuista R²- ja n-arvoista",
    ),
    "per_star": (
        "Asiakasindeksin muutos työnantaja-arvion tähteä kohden",
        "+1,3 pistettä kaikkiaan; +3,2 aloilla, joilla on paljon asiakaskontakteja",
        "Työnantaja-arviotutkimus (arviot vs. asiakastyytyväisyys)",
    ),
    "unit_level": (
        "Yksikkötaso, henkilöstö- vs. asiakasmittarit",
        "r ≈ 0,3 (meta-analyysi)",
        "Henkilöstön ja asiakkaiden yhteyttä liiketoimintayksiköissä tarkastellut tutkimus",
    ),
}
