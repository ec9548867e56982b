"""Writes the hard personal-data sets (Tests/ParleyCoreTests/Fixtures/triage/pii-hard-*.jsonl).

Issue 17: the detector has to hold span precision >= 0.97 and recall >= 0.95 on a held-out set of
real customer-care posts to brands on X. The held-out evaluation named the failure modes, and these
sets are written to measure each of them: e-mail addresses spelt out ("jane dot doe at gmail dot
com", "(at)", "[dot]", "arroba"), cue words in German, French, Spanish, Portuguese, Italian and
Dutch, record locators in lower case, phone numbers in every national and international format,
whole addresses ("Flat 3, 12 High Street, London SW1A 1AA"; "Hauptstraße 12, 10115 Berlin"), and,
for precision, the brand's own support addresses and the look-alikes that must never be a hit:
model numbers, prices, dates and times, flight numbers, quantities, versions, years, promo codes.

Every message is written here for Parley (templates by hand, values from a seeded generator), so the
sets may ship with the repo. Templates are split once between the two sets (per language and per
kind of template), so tuning the detector on dev never sees a test phrasing.

Span conventions are those of make_pii_sets.py and of the runtime: a span covers the value only,
never its cue word or a "#", "n°", ":" in front of it ("order #12345678" -> "12345678"); a phone
span starts at its "+", "00" or "(" ; an address span is the whole address a person would mask, from
"Flat 3," or the house number (or, abroad, the street name) to the postcode or the town after it,
never a leading "to" / "at" / "au"; a spelt-out e-mail address is one span from the first letter of
the local part to the end of the top-level domain.

brand_domain: the domain of the brand the post is addressed to, when the desk has configured it,
else null. The brand's own role addresses (help@, support@, kundenservice@ ... at that domain or a
subdomain of it) are never personal data, configured or not: with null the detector has to infer
the domain from the @handle. A customer's own address is personal data even at the brand's domain
family (a Gmail user's address in a post to @gmail, an orange.fr address in a post to @Orange_France).

Usage: python3 Scripts/train/make_pii_hard_sets.py   (standard library only, deterministic)
Spans are UTF-16 offsets, end exclusive, as the runtime reports them.
"""

import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_pii_sets import group, iban, luhn_complete  # noqa: E402  (the shared number helpers)

OUT = "Tests/ParleyCoreTests/Fixtures/triage"
SEED = 20250117
PII_ROWS, LOOK_ROWS = 240, 160  # per set: 40% of the messages hold no personal data

LANGS = ["en", "de", "fr", "es", "pt", "it", "nl"]

# Role local parts of a brand's public addresses; score_pii.py configures these for rows that
# name their brand_domain, as a desk would list its support addresses.
ROLE_LOCALS = {
    "en": ["help", "support", "care", "customercare", "customerservice", "hello", "refunds", "privacy", "noreply", "no-reply", "contact"],
    "de": ["kundenservice", "service", "hilfe", "info", "datenschutz", "noreply"],
    "fr": ["serviceclient", "service.client", "contact", "relation.client", "sav", "noreply"],
    "es": ["atencionalcliente", "clientes", "ayuda", "reclamaciones", "noreply"],
    "pt": ["apoio.cliente", "apoiocliente", "ajuda", "reclamacoes", "sac", "noreply"],
    "it": ["assistenza", "servizio.clienti", "info", "reclami", "noreply"],
    "nl": ["klantenservice", "service", "contact", "klachten", "noreply"],
}
ROLE_SUBDOMAINS = ["mail", "e", "info", "news"]

# (handle, domain, sector, domain inferable from the handle, customers' mail domains at the brand)
BRANDS = {
    "en": [
        ("Delta", "delta.com", "air", True, ()), ("united", "united.com", "air", True, ()),
        ("British_Airways", "britishairways.com", "air", True, ()), ("easyJet", "easyjet.com", "air", True, ()),
        ("Ryanair", "ryanair.com", "air", True, ()), ("AmericanAir", "aa.com", "air", False, ()),
        ("VirginAtlantic", "virginatlantic.com", "air", True, ()),
        ("AmazonHelp", "amazon.com", "shop", True, ()), ("asos_heretohelp", "asos.com", "shop", True, ()),
        ("Argos", "argos.co.uk", "shop", True, ()), ("BestBuySupport", "bestbuy.com", "shop", True, ()),
        ("currysuk", "currys.co.uk", "shop", True, ()), ("Walmart", "walmart.com", "shop", True, ()),
        ("UPSHelp", "ups.com", "ship", True, ()), ("FedExHelp", "fedex.com", "ship", True, ()),
        ("RoyalMail", "royalmail.com", "ship", True, ()), ("DPD_UK", "dpd.co.uk", "ship", True, ()),
        ("USPSHelp", "usps.com", "ship", True, ()), ("evri", "evri.com", "ship", True, ()),
        ("VodafoneUK", "vodafone.co.uk", "tel", True, ()), ("ATTHelp", "att.com", "tel", True, ()),
        ("TMobileHelp", "t-mobile.com", "tel", False, ()), ("bt_uk", "bt.com", "tel", True, ("btinternet.com",)),
        ("virginmedia", "virginmedia.com", "tel", True, ("virginmedia.com",)),
        ("Monzo", "monzo.com", "bank", True, ()), ("AskAmex", "americanexpress.com", "bank", False, ()),
        ("BankofAmerica", "bankofamerica.com", "bank", True, ()), ("Revolut", "revolut.com", "bank", True, ()),
        ("gmail", "google.com", "mail", False, ("gmail.com", "googlemail.com")),
        ("Outlook", "microsoft.com", "mail", False, ("outlook.com", "hotmail.com", "live.co.uk")),
        ("YahooCare", "yahoo.com", "mail", True, ("yahoo.com", "yahoo.co.uk")),
        ("AppleSupport", "apple.com", "mail", True, ("icloud.com", "me.com")),
        ("ProtonMail", "proton.me", "mail", True, ("proton.me", "protonmail.com")),
    ],
    "de": [
        ("lufthansa", "lufthansa.com", "air", True, ()), ("eurowings", "eurowings.com", "air", True, ()),
        ("DB_Bahn", "bahn.de", "air", True, ()),
        ("zalando", "zalando.de", "shop", True, ()), ("MediaMarkt_DE", "mediamarkt.de", "shop", True, ()),
        ("OTTO_de", "otto.de", "shop", True, ()),
        ("DHLPaket", "dhl.de", "ship", True, ()), ("DPD_de", "dpd.de", "ship", True, ()), ("Hermes_Paket", "hermesworld.com", "ship", False, ()),
        ("Telekom_hilft", "telekom.de", "tel", True, ("t-online.de",)), ("o2de", "o2online.de", "tel", True, ()),
        ("VodafoneDE", "vodafone.de", "tel", True, ()),
        ("N26", "n26.com", "bank", True, ()), ("ING_Deutschland", "ing.de", "bank", True, ()),
        ("WEBDE", "web.de", "mail", True, ("web.de",)), ("GMX_de", "gmx.net", "mail", True, ("gmx.de", "gmx.net")),
    ],
    "fr": [
        ("airfrance", "airfrance.fr", "air", True, ()), ("SNCFVoyageurs", "sncf.com", "air", True, ()),
        ("Fnac", "fnac.com", "shop", True, ()), ("Decathlon", "decathlon.fr", "shop", True, ()), ("Cdiscount", "cdiscount.com", "shop", True, ()),
        ("laposte", "laposte.fr", "ship", True, ("laposte.net",)), ("Colissimo", "colissimo.fr", "ship", True, ()),
        ("Chronopost", "chronopost.fr", "ship", True, ()),
        ("Orange_France", "orange.fr", "tel", True, ("orange.fr", "wanadoo.fr")), ("free", "free.fr", "tel", True, ("free.fr",)),
        ("SFR", "sfr.fr", "tel", True, ("sfr.fr",)), ("bouyguestelecom", "bouyguestelecom.fr", "tel", True, ()),
        ("BNPParibas", "bnpparibas.com", "bank", True, ()),
    ],
    "es": [
        ("Iberia", "iberia.com", "air", True, ()), ("vueling", "vueling.com", "air", True, ()), ("Renfe", "renfe.com", "air", True, ()),
        ("elcorteingles", "elcorteingles.es", "shop", True, ()), ("ZARA", "zara.com", "shop", True, ()), ("PcComponentes", "pccomponentes.com", "shop", True, ()),
        ("Correos", "correos.es", "ship", True, ()), ("SEUR", "seur.com", "ship", True, ()),
        ("movistar_es", "movistar.es", "tel", True, ("movistar.es", "telefonica.net")), ("vodafone_es", "vodafone.es", "tel", True, ()),
        ("BBVA", "bbva.es", "bank", True, ()), ("bancosantander", "santander.es", "bank", False, ()),
        ("gmail", "google.com", "mail", False, ("gmail.com",)),
    ],
    "pt": [
        ("TAPAirPortugal", "flytap.com", "air", False, ()), ("LATAM_BRA", "latam.com", "air", True, ()),
        ("Worten", "worten.pt", "shop", True, ()), ("mercadolivre", "mercadolivre.com.br", "shop", True, ()),
        ("CTT_Correios", "ctt.pt", "ship", True, ()), ("correiosbr", "correios.com.br", "ship", True, ()),
        ("MEOpt", "meo.pt", "tel", True, ("sapo.pt",)), ("NOSPortugal", "nos.pt", "tel", True, ()),
        ("vodafonept", "vodafone.pt", "tel", True, ()), ("nubank", "nubank.com.br", "bank", True, ()),
        ("UOL", "uol.com.br", "mail", True, ("uol.com.br",)),
    ],
    "it": [
        ("ITAAirways", "ita-airways.com", "air", False, ()), ("FSNews_it", "trenitalia.com", "air", False, ()),
        ("Unieuro", "unieuro.it", "shop", True, ()), ("AmazonIT", "amazon.it", "shop", True, ()),
        ("PosteNews", "poste.it", "ship", True, ()), ("BRT_Corriere", "brt.it", "ship", True, ()),
        ("TIM_Official", "tim.it", "tel", True, ("tim.it", "alice.it")), ("WINDTRE", "windtre.it", "tel", True, ()),
        ("iliad_italia", "iliad.it", "tel", True, ()), ("intesasanpaolo", "intesasanpaolo.com", "bank", True, ()),
        ("Libero_Mail", "libero.it", "mail", True, ("libero.it",)),
    ],
    "nl": [
        ("KLM", "klm.com", "air", True, ()), ("transavia", "transavia.com", "air", True, ()), ("NS_online", "ns.nl", "air", True, ()),
        ("bol", "bol.com", "shop", True, ()), ("Coolblue", "coolblue.nl", "shop", True, ()),
        ("PostNL", "postnl.nl", "ship", True, ()), ("DHLParcel_NL", "dhlparcel.nl", "ship", True, ()),
        ("KPN", "kpn.com", "tel", True, ("kpnmail.nl", "planet.nl")), ("ZiggoWebcare", "ziggo.nl", "tel", True, ("ziggo.nl",)),
        ("ING_Nederland", "ing.nl", "bank", True, ()), ("Rabobank", "rabobank.nl", "bank", True, ()),
    ],
}

NAMES = {
    "en": (["jane", "omar", "priya", "sam", "tom", "chloe", "kenji", "fatima", "liam", "emma", "noah", "grace"],
           ["doe", "haddad", "sharma", "okafor", "reed", "martin", "tanaka", "khan", "walsh", "evans", "brooks", "patel"]),
    "de": (["lukas", "anna", "jonas", "lea", "felix", "marie", "tobias", "sophie"], ["mueller", "schmidt", "schneider", "fischer", "weber", "wagner", "becker", "hoffmann"]),
    "fr": (["jean", "camille", "lucas", "chloe", "hugo", "manon", "theo", "ines"], ["dupont", "martin", "bernard", "dubois", "moreau", "lefebvre", "roux", "girard"]),
    "es": (["lucia", "javier", "carmen", "pablo", "sofia", "alvaro", "marta", "diego"], ["garcia", "fernandez", "lopez", "martinez", "sanchez", "romero", "navarro", "ruiz"]),
    "pt": (["joao", "ana", "tiago", "beatriz", "rafael", "mariana", "pedro", "ines"], ["silva", "santos", "ferreira", "pereira", "costa", "oliveira", "rodrigues", "sousa"]),
    "it": (["marco", "giulia", "luca", "chiara", "matteo", "sara", "andrea", "elena"], ["rossi", "russo", "ferrari", "esposito", "bianchi", "romano", "colombo", "ricci"]),
    "nl": (["jan", "sanne", "daan", "femke", "bram", "lotte", "sem", "iris"], ["devries", "jansen", "bakker", "visser", "smit", "meijer", "mulder", "bos"]),
}
MAIL_DOMAINS = {
    "en": ["gmail.com", "yahoo.co.uk", "outlook.com", "hotmail.com", "icloud.com", "proton.me", "aol.com", "btinternet.com", "live.co.uk", "me.com", "sky.com", "comcast.net"],
    "de": ["gmail.com", "web.de", "gmx.de", "gmx.net", "t-online.de", "outlook.de", "posteo.de", "freenet.de", "mailbox.org"],
    "fr": ["gmail.com", "orange.fr", "free.fr", "laposte.net", "hotmail.fr", "yahoo.fr", "sfr.fr", "wanadoo.fr"],
    "es": ["gmail.com", "hotmail.es", "yahoo.es", "outlook.es", "telefonica.net", "icloud.com"],
    "pt": ["gmail.com", "sapo.pt", "hotmail.com", "outlook.pt", "uol.com.br", "bol.com.br", "yahoo.com.br"],
    "it": ["gmail.com", "libero.it", "virgilio.it", "alice.it", "hotmail.it", "tiscali.it", "yahoo.it"],
    "nl": ["gmail.com", "ziggo.nl", "kpnmail.nl", "hotmail.nl", "live.nl", "outlook.com", "xs4all.nl", "planet.nl"],
}
# How the "@" and the "." of a spelt-out address are said, besides the English (at) and [dot].
SPOKEN = {"de": ("ät", "punkt"), "fr": ("arobase", "point"), "es": ("arroba", "punto"), "pt": ("arroba", "ponto"),
          "it": ("chiocciola", "punto"), "nl": ("apenstaartje", "punt")}

UK_STREETS = ["High", "Station", "Church", "Mill", "Victoria", "Park", "Queen", "King", "Elm", "Maple", "Baker", "Oak", "Old Kent",
              "New Cross", "Great Western", "West End", "Abbey", "Chapel", "Green", "London"]
UK_SUFFIXES = ["Street", "St", "Road", "Rd", "Lane", "Avenue", "Ave", "Close", "Drive", "Way", "Court", "Terrace", "Crescent", "Gardens", "Place", "Grove"]
UK_TOWNS = [("London", "SW1A 1AA"), ("London", "NW1 6XE"), ("London", "EC1A 1BB"), ("Manchester", "M1 1AE"), ("Leeds", "LS1 4DY"),
            ("Bristol", "BS8 1TH"), ("Birmingham", "B33 8TH"), ("Croydon", "CR2 6XH"), ("Glasgow", "G1 1XQ"), ("Edinburgh", "EH1 1YZ"),
            ("Cardiff", "CF10 1EP"), ("Sheffield", "S1 2HE"), ("Milton Keynes", "MK9 3HE")]
US_PLACES = [("Austin", "TX", "787"), ("Denver", "CO", "802"), ("Portland", "OR", "972"), ("Chicago", "IL", "606"), ("Brooklyn", "NY", "112"),
             ("San Diego", "CA", "921"), ("Seattle", "WA", "981"), ("Atlanta", "GA", "303")]
US_STREETS = ["Elm", "Maple", "Oak", "Pine", "Cedar", "Washington", "Lincoln", "Sunset", "Lake", "Hill", "Park", "Martin Luther King"]
US_SUFFIXES = ["St", "Street", "Ave", "Avenue", "Blvd", "Dr", "Rd", "Ln", "Ct", "Pl", "Way", "Pkwy"]
DE_STREETS = ["Hauptstraße", "Bahnhofstr.", "Lindenallee", "Goethestraße", "Schillerweg", "Berliner Straße", "Kirchgasse", "Ringstraße",
              "Am Markt", "Friedrichstraße", "Gartenstr.", "Mozartweg"]
DE_TOWNS = [("10115", "Berlin"), ("80331", "München"), ("50667", "Köln"), ("20095", "Hamburg"), ("60311", "Frankfurt am Main"),
            ("04109", "Leipzig"), ("70173", "Stuttgart"), ("01067", "Dresden")]
FR_STREETS = ["rue de la Paix", "avenue Jean Jaurès", "boulevard Voltaire", "rue des Lilas", "rue Victor Hugo", "allée des Tilleuls",
              "place de la République", "rue du Général Leclerc", "bd Haussmann", "chemin des Vignes", "impasse des Roses"]
FR_TOWNS = [("75002", "Paris"), ("69007", "Lyon"), ("13001", "Marseille"), ("31000", "Toulouse"), ("59000", "Lille"), ("33000", "Bordeaux"),
            ("44000", "Nantes"), ("67000", "Strasbourg")]
ES_STREETS = ["Calle Mayor", "C/ Gran Vía", "Avenida de la Constitución", "Paseo de Gracia", "Calle de Alcalá", "Avda. Diagonal",
              "Calle Sierpes", "Plaza Mayor", "Calle del Carmen"]
ES_TOWNS = [("28013", "Madrid"), ("08007", "Barcelona"), ("41004", "Sevilla"), ("46002", "Valencia"), ("29015", "Málaga"), ("48001", "Bilbao")]
PT_STREETS = ["Rua Augusta", "Rua de Santa Catarina", "Av. da Liberdade", "Rua do Ouro", "Avenida da Boavista", "Rua das Flores", "Travessa do Carmo"]
PT_TOWNS = [("1100-053", "Lisboa"), ("4000-443", "Porto"), ("1250-140", "Lisboa"), ("3000-150", "Coimbra"), ("4700-424", "Braga")]
BR_STREETS = ["Rua Oscar Freire", "Av. Paulista", "Rua das Laranjeiras", "Rua Augusta"]
BR_TOWNS = [("São Paulo - SP", "01310-200"), ("Rio de Janeiro - RJ", "22240-003"), ("Belo Horizonte - MG", "30140-071")]
IT_STREETS = ["Via Roma", "Via Garibaldi", "Corso Buenos Aires", "Piazza Navona", "Viale Europa", "Via Dante", "Via del Corso", "Corso Vittorio Emanuele II"]
IT_TOWNS = [("00184", "Roma", "RM"), ("10122", "Torino", "TO"), ("20124", "Milano", "MI"), ("50126", "Firenze", "FI"), ("80134", "Napoli", "NA"),
            ("40121", "Bologna", "BO")]
NL_STREETS = ["Kerkstraat", "Dorpsstraat", "Prinsengracht", "Damrak", "Laan van Meerdervoort", "Stationsweg", "Molenweg", "Oudegracht"]
NL_TOWNS = [("1017 GL", "Amsterdam"), ("3431 AB", "Nieuwegein"), ("2517 AN", "Den Haag"), ("3511 AL", "Utrecht"), ("3011 AD", "Rotterdam"), ("5611 EM", "Eindhoven")]

FLIGHT_CODES = ["DL", "BA", "LH", "AF", "IB", "KL", "TP", "AZ", "U2", "FR", "VY", "UA", "AA", "LX", "EW", "HV", "VS"]
MODELS = ["SM-G991B", "iPhone 13", "RTX 3080", "Galaxy S23 Ultra", "PS5 CFI-1216A", "KD-55X80L", "MacBook Pro A2338", "Dyson V15",
          "XPS 15 9530", "ThinkPad T14 Gen 3", "WAN28281GB", "Miele G 7310 SC", "AirPods Pro 2", "Fritz!Box 7590", "Pixel 8 Pro",
          "iPhone 15 Pro Max 256GB", "Series 9 45mm", "Roomba j7+", "QE55Q80C", "OLED55C34LA", "Xbox Series X", "Switch OLED",
          "HP LaserJet M209dwe", "Canon EOS R50", "Sonos Era 100", "Galaxy A54 5G", "Redmi Note 13 Pro 5G", "iPad Air M1", "RTX 4070 Ti"]
PROMOS = ["SAVE20", "WELCOME15", "XMAS25", "SPRING-2025", "BF2024", "FREESHIP", "EXTRA10", "STUDENT15", "NEWYOU30", "SUMMER24", "BLACKFRIDAY"]
EMOJI = ["😡", "🙄", "😤", "📦", "✈️", "🙏", "😭", "🤬", "👎", "💀", "😩", "🤦‍♀️", "🔥", "😒", "🥲", ""]


def luhn_valid(digits):
    return len(digits) > 1 and luhn_complete(digits[:-1]) == digits


def ups_check(body):
    """UPS 1Z check digit over the 15 characters after "1Z" (letters count (ord - 'A' + 2) mod 10)."""
    total = 0
    for i, c in enumerate(body):
        v = int(c) if c.isdigit() else (ord(c) - ord("A") + 2) % 10
        total += v * 2 if i % 2 == 1 else v
    return str((10 - total % 10) % 10)


assert ups_check("999AA1012345678") == "4"  # the published example 1Z999AA10123456784


def u16(s):
    return len(s.encode("utf-16-le")) // 2


def u16_slice(s, start, end):
    return s.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


def only_digits(s):
    return "".join(c for c in s if c.isdigit())


class Values:
    """Seeded values; `lang` and `brand` are set for each message before its template is filled."""

    def __init__(self, rng):
        self.r = rng
        self.lang = "en"
        self.brand = None

    def pick(self, *options):
        return self.r.choice(options)

    def d(self, n):
        return str(self.r.randint(1, 9)) + "".join(str(self.r.randint(0, 9)) for _ in range(n - 1))

    def z(self, n):  # may start with 0
        return "".join(str(self.r.randint(0, 9)) for _ in range(n))

    def letters(self, n, alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ"):
        return "".join(self.r.choice(alphabet) for _ in range(n))

    def no_luhn(self, make):
        """A value whose digits are not, by chance, a valid card number."""
        while True:
            v = make()
            if not (13 <= len(only_digits(v)) <= 19 and luhn_valid(only_digits(v))):
                return v

    # ---- personal data -------------------------------------------------------------------

    def _local(self, first, last):
        r = self.r
        return r.choice([f"{first}.{last}", f"{first}{last}{r.randint(1, 99)}", f"{first}_{last}", f"{first[0]}{last}",
                         f"{first}.{last}{r.randint(1970, 2005)}", f"{first}+{r.choice(['orders', 'shop', 'travel'])}",
                         f"{first}-{last}", f"{first.capitalize()}.{last.capitalize()}", f"{last}.{first}", f"{first}{last[0]}{r.randint(10, 99)}"])

    def _person(self):
        firsts, lasts = NAMES[self.lang]
        return self.r.choice(firsts), self.r.choice(lasts)

    def email(self):
        first, last = self._person()
        local, domain = self._local(first, last), self.r.choice(MAIL_DOMAINS[self.lang])
        if self.r.random() < 0.08:
            return f"{local}@{domain}".upper() if self.r.random() < 0.3 else f"{local}@{domain.capitalize()}"
        return f"{local}@{domain}"

    def email_family(self):
        """The customer's own address at the brand's mail domains (a Gmail user writing to @gmail)."""
        first, last = self._person()
        family = self.brand[4]
        return f"{self._local(first, last)}@{self.r.choice(family)}"

    def email_spoken(self):
        r = self.r
        first, last = self._person()
        local = r.choice([f"{first}.{last}", f"{first}{last}", f"{first}.{last}{r.randint(1, 99)}", f"{first[0]}.{last}", f"{first}_{last}"])
        domain = r.choice(MAIL_DOMAINS[self.lang])
        host, _, tld = domain.partition(".")
        words = lambda s, w: f" {w} ".join(s.split("."))
        forms = [
            lambda: f"{words(local, 'dot')} at {words(domain, 'dot')}",
            lambda: f"{local} at {words(domain, 'dot')}",
            lambda: f"{local} (at) {domain}",
            lambda: f"{local} [at] {host} [dot] {words(tld, '[dot]')}",
            lambda: f"{local}[at]{host}[dot]{tld.replace('.', '[dot]')}",
            lambda: f"{local}(at){host}(dot){tld.replace('.', '(dot)')}",
            lambda: f"{local} AT {host} DOT {words(tld, 'DOT')}",
            lambda: f"{local} {{at}} {domain}",
            lambda: f"{local}@{host} dot {words(tld, 'dot')}",
            lambda: f"{local} (at) {host} (dot) {words(tld, '(dot)')}",
        ]
        if self.lang in SPOKEN:
            at, dot = SPOKEN[self.lang]
            forms = forms[2:6] + forms[9:] + [
                lambda: f"{local} {at} {host} {dot} {words(tld, dot)}",
                lambda: f"{words(local, dot)} {at} {words(domain, dot)}",
                lambda: f"{local} {at} {domain}",
            ] * 2
        return r.choice(forms)()

    def phone(self):
        return self.r.choice(self._phones(self.lang))()

    def phone_intl(self):
        forms = [f for f in self._phones(self.lang, sample=True) if f.startswith("+") or f.startswith("00")]
        return self.r.choice(forms)

    def phone_short(self):
        d, z, r = self.d, self.z, self.r
        forms = {
            "en": [lambda: f"555-01{z(2)}", lambda: f"555 01{z(2)}", lambda: f"55501{z(2)}", lambda: f"07700 900{z(3)}", lambda: f"07700900{z(3)}"],
            "de": [lambda: f"030 {d(6)}", lambda: f"0221 {d(5)}", lambda: f"030/{d(6)}", lambda: f"0151 {d(7)}"],
            "fr": [lambda: f"06{z(8)}", lambda: f"07 {z(2)} {z(2)} {z(2)} {z(2)}", lambda: f"06.{z(2)}.{z(2)}.{z(2)}.{z(2)}"],
            "es": [lambda: f"6{z(2)} {z(3)} {z(3)}", lambda: f"6{z(8)}", lambda: f"6{z(2)} {z(2)} {z(2)} {z(2)}", lambda: f"7{z(2)} {z(3)} {z(3)}"],
            "pt": [lambda: f"9{r.choice('1236')}{z(1)} {z(3)} {z(3)}", lambda: f"9{r.choice('1236')}{z(7)}", lambda: f"9{r.choice('1236')}{z(1)}-{z(3)}-{z(3)}"],
            "it": [lambda: f"3{z(2)} {z(6)}", lambda: f"3{z(2)} {z(3)} {z(3)}", lambda: f"3{z(2)}{z(6)}", lambda: f"3{z(2)}/{z(6)}"],
            "nl": [lambda: f"06-{z(8)}", lambda: f"06{z(8)}", lambda: f"06 {z(2)} {z(2)} {z(2)} {z(2)}", lambda: f"06 {z(4)} {z(4)}"],
        }[self.lang]
        return r.choice(forms)()

    def _phones(self, lang, sample=False):
        d, z, r = self.d, self.z, self.r
        area = lambda: r.choice(["415", "212", "312", "206", "617", "512", "303", "404", "718"])
        forms = {
            "en": [
                lambda: f"+44 7700 900{z(3)}", lambda: f"07700 900{z(3)}", lambda: f"07700900{z(3)}", lambda: f"+447700900{z(3)}",
                lambda: f"+44 (0)7700 900{z(3)}", lambda: f"0044 7700 900{z(3)}", lambda: f"07700-900-{z(3)}",
                lambda: f"020 7946 0{z(3)}", lambda: f"+44 20 7946 0{z(3)}", lambda: f"0161 496 0{z(3)}", lambda: f"0113 496 0{z(3)}",
                lambda: f"({area()}) 555-01{z(2)}", lambda: f"{area()}-555-01{z(2)}", lambda: f"{area()}.555.01{z(2)}",
                lambda: f"{area()}55501{z(2)}", lambda: f"+1 {area()} 555 01{z(2)}", lambda: f"+1 ({area()}) 555-01{z(2)}",
                lambda: f"+1{area()}55501{z(2)}", lambda: f"1-{area()}-555-01{z(2)}", lambda: f"001 {area()} 555 01{z(2)}",
                lambda: f"+353 87 {d(3)} {z(4)}", lambda: f"+61 412 {z(3)} {z(3)}", lambda: f"+91 98{z(3)} {z(5)}",
            ],
            "de": [
                lambda: f"+49 30 {d(7)}", lambda: f"0049 30 {d(7)}", lambda: f"030 {d(7)}", lambda: f"0151 {z(8)}", lambda: f"+49 151 {z(8)}",
                lambda: f"+49 (0)151 {z(8)}", lambda: f"0151/{z(8)}", lambda: f"+4915{r.choice('1279')}{z(8)}", lambda: f"0151-{z(8)}",
                lambda: f"+49 176 {z(4)} {z(4)}", lambda: f"0176 {z(4)} {z(4)}", lambda: f"089 {d(3)} {z(4)}", lambda: f"+43 664 {z(7)}",
                lambda: f"+41 79 {z(3)} {z(2)} {z(2)}",
            ],
            "fr": [
                lambda: f"+33 6 {z(2)} {z(2)} {z(2)} {z(2)}", lambda: f"+336{z(8)}", lambda: f"06 {z(2)} {z(2)} {z(2)} {z(2)}",
                lambda: f"06.{z(2)}.{z(2)}.{z(2)}.{z(2)}", lambda: f"06{z(8)}", lambda: f"0033 6 {z(2)} {z(2)} {z(2)} {z(2)}",
                lambda: f"01 {z(2)} {z(2)} {z(2)} {z(2)}", lambda: f"+33 (0)7 {z(2)} {z(2)} {z(2)} {z(2)}", lambda: f"07-{z(2)}-{z(2)}-{z(2)}-{z(2)}",
                lambda: f"+32 470 {z(2)} {z(2)} {z(2)}",
            ],
            "es": [
                lambda: f"+34 6{z(2)} {z(2)} {z(2)} {z(2)}", lambda: f"6{z(2)} {z(2)} {z(2)} {z(2)}", lambda: f"6{z(2)} {z(3)} {z(3)}",
                lambda: f"6{z(8)}", lambda: f"+346{z(8)}", lambda: f"0034 6{z(2)} {z(3)} {z(3)}", lambda: f"91 {z(3)} {z(2)} {z(2)}",
                lambda: f"+34 91 {z(3)} {z(2)} {z(2)}", lambda: f"+52 55 {z(4)} {z(4)}",
            ],
            "pt": [
                lambda: f"+351 9{r.choice('1236')}{z(1)} {z(3)} {z(3)}", lambda: f"9{r.choice('1236')}{z(1)} {z(3)} {z(3)}",
                lambda: f"9{r.choice('1236')}{z(7)}", lambda: f"+3519{r.choice('1236')}{z(7)}", lambda: f"21 {z(3)} {z(4)}",
                lambda: f"+55 11 9{z(4)}-{z(4)}", lambda: f"(11) 9{z(4)}-{z(4)}", lambda: f"11 9{z(4)}-{z(4)}", lambda: f"+55119{z(8)}",
                lambda: f"(21) 9{z(4)} {z(4)}", lambda: f"00351 9{r.choice('1236')}{z(1)} {z(3)} {z(3)}",
            ],
            "it": [
                lambda: f"+39 3{z(2)} {z(3)} {z(4)}", lambda: f"3{z(2)} {z(3)} {z(4)}", lambda: f"3{z(9)}", lambda: f"+39 06 {z(4)} {z(4)}",
                lambda: f"0039 3{z(2)} {z(7)}", lambda: f"3{z(2)}-{z(7)}", lambda: f"06 {z(4)} {z(4)}", lambda: f"+393{z(9)}",
                lambda: f"02 {z(4)} {z(4)}",
            ],
            "nl": [
                lambda: f"+31 6 {z(8)}", lambda: f"06-{z(8)}", lambda: f"06{z(8)}", lambda: f"06 {z(4)} {z(4)}", lambda: f"+31 (0)6 {z(8)}",
                lambda: f"020 {d(3)} {z(4)}", lambda: f"+31 20 {d(3)} {z(4)}", lambda: f"0031 6 {z(8)}", lambda: f"+316{z(8)}",
                lambda: f"06-{z(2)} {z(2)} {z(2)} {z(2)}", lambda: f"+32 470 {z(2)} {z(2)} {z(2)}",
            ],
        }[lang]
        return [f() for f in forms] if sample else forms

    def order(self):
        d, r = self.d, self.r
        forms = [lambda: d(7), lambda: d(8), lambda: f"W{d(9)}", lambda: f"{d(3)}-{d(7)}-{d(7)}", lambda: f"ORD-{r.randint(2021, 2025)}-{d(5)}",
                 lambda: f"{self.letters(2)}{d(6)}", lambda: d(10), lambda: d(9), lambda: f"{d(2)}-{d(6)}", lambda: f"A{d(8)}"]
        if self.lang != "en":
            forms += [lambda: d(11), lambda: d(14), lambda: f"{self.lang.upper()}{d(8)}", lambda: d(10)]
        return self.no_luhn(r.choice(forms))

    def account(self):
        d, r = self.d, self.r
        return self.no_luhn(r.choice([lambda: d(8), lambda: d(10), lambda: f"C-{d(7)}", lambda: f"{d(4)} {d(4)}", lambda: f"AC{d(8)}",
                                      lambda: f"{d(3)}-{d(3)}-{d(3)}", lambda: d(9), lambda: f"CUST-{self.z(8)}", lambda: f"{d(6)}"]))

    def tracking(self):
        d, z, r = self.d, self.z, self.r
        forms = [lambda: self._ups(), lambda: f"{r.choice(['RR', 'LX', 'CP', 'RB', 'LY'])}{z(9)}{r.choice(['GB', 'CN', 'DE', 'FR', 'ES', 'IT', 'NL', 'PT', 'US'])}",
                 lambda: f"9400 1{z(3)} {z(4)} {z(4)} {z(4)} {z(2)}", lambda: f"92{z(20)}", lambda: f"{d(4)} {z(4)} {z(4)}",
                 lambda: d(12), lambda: f"JJD{z(18)}", lambda: f"TBA{z(12)}", lambda: f"JD{z(18)}"]
        forms += {
            "en": [lambda: f"H{z(2)}{self.letters(1)}{z(12)}", lambda: f"{self.letters(2)}{z(9)}GB"],
            "de": [lambda: f"00340434{z(12)}", lambda: f"00340434 {z(4)} {z(4)} {z(4)}", lambda: d(10)],
            "fr": [lambda: f"6A{z(11)}", lambda: f"8L{z(11)}", lambda: f"XY{z(9)}FR"],
            "es": [lambda: f"PQ{self.letters(2)}{z(19)}", lambda: f"{d(4)}{z(10)}"],
            "pt": [lambda: f"RR{z(9)}PT", lambda: f"LB{z(9)}BR", lambda: f"EA{z(9)}PT"],
            "it": [lambda: f"RA{z(9)}IT", lambda: d(13), lambda: f"{z(3)}{d(9)}"],
            "nl": [lambda: f"3S{self.letters(4)}{z(7)}", lambda: f"3S{self.letters(4)}{z(9)}", lambda: f"JVGL{z(16)}"],
        }[self.lang]
        return self.no_luhn(r.choice(forms))

    def _ups(self):
        r = self.r
        body = "".join(r.choice("0123456789ABCDEFGHJKLMNPRSTVWXY") for _ in range(6)) + self.z(2) + self.z(7)
        value = "1Z" + body + ups_check(body)
        return value

    def ups(self):
        v = self._ups()
        kind = self.r.random()
        if kind < 0.45:
            return v
        if kind < 0.85:
            return f"1Z {v[2:5]} {v[5:8]} {v[8:10]} {v[10:14]} {v[14:]}"
        return v.lower()

    def booking(self):
        r = self.r
        pnr_alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        kind = r.random()
        if kind < 0.45:
            return self.letters(6)
        if kind < 0.8:
            while True:
                v = "".join(r.choice(pnr_alphabet) for _ in range(6))
                if any(c.isdigit() for c in v) and any(c.isalpha() for c in v):
                    return v
        return self.letters(3) + self.d(3)

    def booking_lc(self):
        r = self.r
        while True:
            v = "".join(r.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(6))
            if any(c.isdigit() for c in v):
                return v if r.random() < 0.8 else v.capitalize()

    def card(self):
        kind = self.r.random()
        if kind < 0.5:
            return group(luhn_complete("4" + self.d(14)), [4, 4, 4, 4], self.r.choice([" ", "-", ""]))
        if kind < 0.8:
            return group(luhn_complete("5" + str(self.r.randint(1, 5)) + self.d(13)), [4, 4, 4, 4], self.r.choice([" ", ""]))
        return group(luhn_complete("3" + self.r.choice("47") + self.d(12)), [4, 6, 5], " ")

    def iban(self):
        c = {"en": "GB", "de": "DE", "fr": "FR", "es": "ES", "pt": "PT", "it": "IT", "nl": "NL"}[self.lang]
        if self.r.random() < 0.25:
            c = self.r.choice(["GB", "DE", "FR", "NL", "ES", "IT", "PT", "BE"])
        bban = {
            "GB": lambda: self.letters(4) + self.z(14), "DE": lambda: self.z(18), "FR": lambda: self.z(23),
            "NL": lambda: self.letters(4) + self.z(10), "ES": lambda: self.z(20), "IT": lambda: self.letters(1) + self.z(22),
            "PT": lambda: self.z(21), "BE": lambda: self.z(12),
        }[c]()
        value = iban(c, bban)
        return group(value, [4] * 10, " ") if self.r.random() < 0.6 else value

    # addresses

    def _uk_street(self):
        r = self.r
        num = str(r.randint(1, 250)) + r.choice(["", "", "", "", "A", "B", "a"])
        return f"{num} {r.choice(UK_STREETS)} {r.choice(UK_SUFFIXES)}"

    def _us_street(self):
        r = self.r
        direction = r.choice(["", "", "", "W ", "E ", "N ", "S "])
        return f"{r.randint(10, 9999)} {direction}{r.choice(US_STREETS)} {r.choice(US_SUFFIXES)}"

    def _us_address(self, unit=False):
        r = self.r
        city, state, zip3 = r.choice(US_PLACES)
        zipcode = f"{zip3}{self.z(2)}" + (f"-{self.z(4)}" if r.random() < 0.2 else "")
        street = self._us_street()
        if unit:
            street += r.choice([f" Apt {r.randint(1, 30)}{r.choice('ABCD')}", f" Apt {r.randint(101, 1220)}", f" Unit {r.randint(1, 40)}", f" Suite {r.randint(100, 900)}"])
        return f"{street}, {city}, {state} {zipcode}"

    def _uk_full(self):
        r = self.r
        town, postcode = r.choice(UK_TOWNS)
        return f"{self._uk_street()}, {town}{r.choice([' ', ' ', ', '])}{postcode}"

    def postcode(self):
        return self.r.choice(UK_TOWNS)[1]

    def address(self):
        r = self.r
        if self.lang == "en":
            v = r.choice([self._uk_street, self._uk_full, self._uk_full, lambda: self._us_address(False), lambda: self._us_address(r.random() < 0.4)])()
            return v.lower() if r.random() < 0.08 else v
        if self.lang == "de":
            plz, town = r.choice(DE_TOWNS)
            street = f"{r.choice(DE_STREETS)} {r.randint(1, 180)}{r.choice(['', '', '', 'a', 'b'])}"
            return r.choice([f"{street}, {plz} {town}", f"{street}, {plz} {town}", street, f"{street}, D-{plz} {town}"])
        if self.lang == "fr":
            cp, town = r.choice(FR_TOWNS)
            num = f"{r.randint(1, 150)}{r.choice(['', '', '', ' bis', ' ter'])}"
            street = f"{num} {r.choice(FR_STREETS)}"
            return r.choice([f"{street}, {cp} {town}", f"{street} {cp} {town}", f"{street}, {cp} {town.upper()}",
                             f"appt {r.randint(1, 60)}, {street}, {cp} {town}", street])
        if self.lang == "es":
            cp, town = r.choice(ES_TOWNS)
            street = f"{r.choice(ES_STREETS)} {r.randint(1, 200)}"
            return r.choice([f"{street}, {cp} {town}", f"{street}, {r.randint(1, 9)}º {r.choice('ABCD')}, {cp} {town}",
                             f"{street}, {r.randint(1, 9)}º{r.choice(['A', 'B', ' izq.', ' dcha.'])}, {cp} {town}"])
        if self.lang == "pt":
            if r.random() < 0.3:
                town, cep = r.choice(BR_TOWNS)
                return f"{r.choice(BR_STREETS)}, {r.randint(10, 2500)}{r.choice(['', f', apto {r.randint(11, 150)}'])}, {town}, {cep}"
            cp, town = r.choice(PT_TOWNS)
            street = f"{r.choice(PT_STREETS)} {r.randint(1, 400)}"
            return r.choice([f"{street}, {cp} {town}", f"{street}, {r.randint(1, 8)}º Esq, {cp} {town}", f"{street}, {r.randint(1, 8)}º Dto, {cp} {town}"])
        if self.lang == "it":
            cap, town, province = r.choice(IT_TOWNS)
            street = r.choice(IT_STREETS)
            num = r.randint(1, 150)
            return r.choice([f"{street} {num}, {cap} {town}", f"{street}, {num}, {cap} {town}", f"{street} {num}, int. {r.randint(1, 20)}, {cap} {town}",
                             f"{street} {num}, {cap} {town} ({province})"])
        if self.lang == "nl":
            pc, town = r.choice(NL_TOWNS)
            street = f"{r.choice(NL_STREETS)} {r.randint(1, 300)}{r.choice(['', '', '', 'a', '-2', ' B'])}"
            return r.choice([f"{street}, {pc} {town}", f"{street}, {pc} {town}", f"{street} {pc} {town}", street])
        raise ValueError(self.lang)

    def address_flat(self):
        """A UK or US address with its flat or unit: one span, "Flat 3," included."""
        r = self.r
        flat = r.choice([f"Flat {r.randint(1, 40)}", f"Flat {r.randint(1, 12)}{r.choice('ABC')}", f"Apt {r.randint(1, 30)}", f"Apartment {r.randint(1, 90)}",
                         f"Unit {r.randint(1, 20)}", f"flat {r.randint(1, 9)}"])
        if r.random() < 0.2:
            return self._us_address(True)
        return f"{flat}, {r.choice([self._uk_full, self._uk_full, self._uk_street])()}"

    # ---- look-alikes (never personal data) -------------------------------------------------

    def brand_email(self):
        handle, domain = self.brand[0], self.brand[1]
        r = self.r
        local = r.choice(ROLE_LOCALS[self.lang] + ROLE_LOCALS["en"][:3])
        host = domain if r.random() < 0.85 else f"{r.choice(ROLE_SUBDOMAINS)}.{domain}"
        v = f"{local}@{host}"
        return v.capitalize() if r.random() < 0.1 else v

    def price(self):
        r = self.r
        if self.lang == "en":
            return r.choice([f"${r.randint(1, 9)},{r.randint(100, 999)}.00", f"£{r.randint(1, 9)},{r.randint(100, 999)}", f"${r.randint(5, 999)}.{r.randint(0, 99):02d}",
                             f"£{r.randint(5, 400)}.{r.randint(0, 99):02d}", f"{r.randint(100, 3000)}€", f"USD {r.randint(1, 2)},{r.randint(100, 999)}", f"£{r.randint(10, 99)}"])
        if self.lang == "pt" and r.random() < 0.4:
            return f"R$ {r.randint(1, 9)}.{r.randint(100, 999)},{r.randint(0, 99):02d}"
        return r.choice([f"{r.randint(100, 3000)}€", f"{r.randint(1, 9)}.{r.randint(100, 999)},{r.randint(0, 99):02d} €", f"€{r.randint(5, 400)},{r.randint(0, 99):02d}",
                         f"{r.randint(5, 400)},{r.choice(['99', '95', '00', '49'])}€", f"{r.randint(1, 9)} {r.randint(100, 999)},00 €", f"{r.randint(10, 90)} EUR", f"CHF {r.randint(10, 300)}.90"])

    def date(self):
        r = self.r
        d, m, y = r.randint(1, 28), r.randint(1, 12), r.randint(2019, 2025)
        common = [f"{y}-{m:02d}-{d:02d}"]
        return r.choice(common + {
            "en": [f"{d:02d}/{m:02d}/{y}", f"{m}/{d}/{y % 100:02d}", f"{d} March", f"March {d}th", f"{m}/{d}", f"Dec {d}, {y}"],
            "de": [f"{d:02d}.{m:02d}.{y}", f"{d}.{m}.", f"{d}. März {y}", f"{d:02d}.{m:02d}.{y % 100:02d}"],
            "fr": [f"{d:02d}/{m:02d}/{y}", f"{d} mars", f"{d:02d}/{m:02d}", f"{d}/{m}/{y}"],
            "es": [f"{d:02d}/{m:02d}/{y}", f"{d} de marzo", f"{d}/{m}", f"{d:02d}-{m:02d}-{y}"],
            "pt": [f"{d:02d}/{m:02d}/{y}", f"{d} de março", f"{d:02d}/{m:02d}", f"{d:02d}-{m:02d}-{y}"],
            "it": [f"{d:02d}/{m:02d}/{y}", f"{d} marzo", f"{d}/{m}", f"{d:02d}.{m:02d}.{y}"],
            "nl": [f"{d:02d}-{m:02d}-{y}", f"{d} maart", f"{d}-{m}", f"{d:02d}.{m:02d}.{y}"],
        }[self.lang])

    def time(self):
        r = self.r
        h, mi = r.randint(6, 23), r.choice(["00", "05", "15", "30", "45", "50"])
        return r.choice({
            "en": [f"{h}:{mi}", f"{(h - 1) % 12 + 1}:{mi}pm", f"{(h - 1) % 12 + 1}pm", f"{(h - 1) % 12 + 1}.{mi}am", f"{h:02d}{mi}"],
            "de": [f"{h}:{mi}", f"{h}:{mi} Uhr", f"{h}.{mi} Uhr", f"{h} Uhr"],
            "fr": [f"{h}h{mi}", f"{h}h", f"{h}:{mi}"],
            "es": [f"{h}:{mi}", f"las {h}:{mi}", f"{h}:{mi}h"],
            "pt": [f"{h}:{mi}", f"{h}h{mi}", f"{h}h"],
            "it": [f"{h}:{mi}", f"{h}.{mi}"],
            "nl": [f"{h}:{mi}", f"{h}.{mi} uur", f"{h} uur"],
        }[self.lang])

    def datetime(self):
        r = self.r
        d, m, y = r.randint(1, 28), r.randint(1, 12), r.randint(2019, 2025)
        h, mi = r.randint(6, 23), r.randint(0, 59)
        return r.choice([f"{d:02d}.{m:02d}.{y} {h:02d}:{mi:02d}", f"{y}-{m:02d}-{d:02d} {h:02d}:{mi:02d}:{r.randint(0, 59):02d}",
                         f"{d:02d}/{m:02d}/{y} {h:02d}:{mi:02d}", f"{y}-{m:02d}-{d:02d} {h:02d}:{mi:02d}", f"{d:02d}.{m:02d}.{y}, {h:02d}:{mi:02d}"])

    def flight(self):
        r = self.r
        code = r.choice(FLIGHT_CODES)
        return r.choice([f"{code} {r.randint(10, 2999)}", f"{code}{r.randint(0, 999):04d}", f"{code}{r.randint(10, 9999)}", f"{code} {r.randint(100, 999)}"])

    def model(self):
        return self.r.choice(MODELS)

    def version(self):
        r = self.r
        return r.choice([f"iOS {r.randint(15, 18)}.{r.randint(0, 6)}.{r.randint(1, 3)}", f"Android {r.randint(11, 15)}", f"v{r.randint(1, 9)}.{r.randint(0, 20)}.{r.randint(0, 99)}",
                         f"Windows 10.0.{r.randint(19041, 22631)}.{r.randint(1000, 4999)}", f"firmware {r.randint(1, 9)}.{r.randint(0, 9)}.{r.randint(0, 30)}.{r.randint(1000, 9999)}",
                         f"app {r.randint(5, 9)}.{r.randint(100, 999)}.{r.randint(0, 9)} ({r.randint(10000, 99999)})", f"build {r.randint(19041, 26100)}.{r.randint(1000, 4999)}",
                         f"macOS {r.randint(12, 15)}.{r.randint(0, 6)}.{r.randint(1, 3)}", f"One UI {r.randint(4, 6)}.{r.randint(0, 1)}"])

    def dur(self):
        r = self.r
        n = r.randint(2, 12)
        return {
            "en": r.choice([f"{n} days", f"{n} weeks", f"{r.randint(20, 90)} mins", f"{n} hrs", f"{n}+ hours", f"{r.randint(2, 5)} months"]),
            "de": r.choice([f"{n} Tagen", f"{n} Wochen", f"{r.randint(20, 90)} Minuten", f"{n} Stunden"]),
            "fr": r.choice([f"{n} jours", f"{n} semaines", f"{r.randint(20, 90)} minutes", f"{n}h"]),
            "es": r.choice([f"{n} días", f"{n} semanas", f"{r.randint(20, 90)} minutos", f"{n} horas"]),
            "pt": r.choice([f"{n} dias", f"{n} semanas", f"{r.randint(20, 90)} minutos", f"{n} horas"]),
            "it": r.choice([f"{n} giorni", f"{n} settimane", f"{r.randint(20, 90)} minuti", f"{n} ore"]),
            "nl": r.choice([f"{n} dagen", f"{n} weken", f"{r.randint(20, 90)} minuten", f"{n} uur"]),
        }[self.lang]

    def qty(self):
        r = self.r
        n = r.randint(2, 24)
        return {
            "en": r.choice([f"{n} items", f"{r.randint(2, 6)} x 500ml", f"{n} bottles", f"{r.choice([12, 24, 36])} pack", f"qty {r.randint(2, 9)}", f"{n} pcs"]),
            "de": r.choice([f"{n} Stück", f"{r.randint(2, 6)} x 500 ml", f"{n} Artikel", f"{n} Pakete"]),
            "fr": r.choice([f"{n} articles", f"{r.randint(2, 6)} x 1 L", f"{n} unités", f"{n} colis"]),
            "es": r.choice([f"{n} unidades", f"{r.randint(2, 6)} x 500 ml", f"{n} artículos", f"{n} cajas"]),
            "pt": r.choice([f"{n} unidades", f"{r.randint(2, 6)} x 1 L", f"{n} artigos", f"{n} caixas"]),
            "it": r.choice([f"{n} pezzi", f"{r.randint(2, 6)} x 500 ml", f"{n} articoli", f"{n} scatole"]),
            "nl": r.choice([f"{n} stuks", f"{r.randint(2, 6)} x 500 ml", f"{n} artikelen", f"{n} dozen"]),
        }[self.lang]

    def year(self):
        return str(self.r.randint(2012, 2024))

    def promo(self):
        r = self.r
        return r.choice(PROMOS + [f"{self.d(4)}-{self.d(4)}-{self.d(2)}", f"{self.d(3)} {self.d(3)} {self.d(4)}", f"{self.letters(4)}{r.randint(10, 50)}",
                                  f"{self.d(5)}{self.d(5)}", f"XMAS-{self.d(4)}-{self.d(4)}"])

    def tco(self):
        r = self.r
        while True:
            v = "".join(r.choice("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(10))
            if any(c.islower() for c in v):
                return "https://t.co/" + v

    def emoji(self):
        return self.r.choice(EMOJI)


PII_KINDS = {
    "email": "email", "email_spoken": "email", "email_family": "email",
    "phone": "phone", "phone_intl": "phone", "phone_short": "phone",
    "order": "order_number", "account": "account_number", "tracking": "tracking_number", "ups": "tracking_number",
    "booking": "booking_ref", "booking_lc": "booking_ref", "card": "card_number", "iban": "iban",
    "address": "address", "address_flat": "address", "postcode": "address",
}
LOOKALIKE_SLOTS = ["handle", "brand_email", "price", "date", "time", "datetime", "flight", "model", "version", "dur", "qty", "year", "promo", "tco", "emoji"]

# "sector|template". Sectors pick the brand a post is addressed to: air, shop, ship, tel, bank,
# mail (a brand whose customers have addresses at its domains), any.
PII_TEMPLATES = {
    "en": [
        "any|{handle} my email is {email_spoken} pls get back to me",
        "mail|{handle} cant log in, account email {email_spoken} {emoji}",
        "any|{handle} reply to {email_spoken} not here pls",
        "any|{handle} hi! DM'd you but also, email is {email} if easier",
        "shop|{handle} i emailed {brand_email} from {email} twice, no answer since {date}",
        "any|{handle} ur reset link never reaches {email}. tried {dur}",
        "shop|{handle} pls send the invoice to {email_spoken}, the app wont let me change it",
        "tel|{handle} contact me: {email} / {phone}",
        "tel|{handle} call me back on {phone} pls, been on hold {dur}",
        "air|{handle} my number is {phone_intl}, I'm abroad till {date}",
        "tel|{handle} text me at {phone} when the engineer is on his way",
        "tel|{handle} ring {phone_short} after {time} thx",
        "air|{handle} whatsapp me {phone_intl} {emoji}",
        "shop|{handle} my number on the order should be {phone} not the old one",
        "tel|{handle} mob: {phone}. landline dead since {date}",
        "bank|{handle} pls update my phone number to {phone}, old one is gone",
        "shop|{handle} order {order} still not shipped, ordered {dur} ago",
        "shop|{handle} my order nr is {order} and it says delivered?? not here {emoji}",
        "shop|{handle} Order #{order} – {model} arrived with a cracked screen",
        "shop|{handle} where is order#{order}",
        "shop|{handle} 2 items missing from order no {order} (paid {price})",
        "bank|{handle} acc no. {account} charged {price} twice on {date}",
        "tel|{handle} customer number {account}, still no refund",
        "air|{handle} membership no {account} points gone after the {version} update",
        "bank|{handle} my account # is {account}, please unlock it",
        "ship|{handle} tracking {tracking} stuck at the depot since {date}",
        "ship|{handle} ur driver marked {ups} as delivered, nothing here",
        "ship|{handle} parcel {tracking} says 'address issue' but {address} is right!!",
        "ship|{handle} pls check {ups}, 3rd delivery attempt",
        "ship|{handle} waybill {tracking}, returned to sender for no reason",
        "air|{handle} record locator {booking}, flight {flight} cancelled and no rebooking",
        "air|{handle} my pnr is {booking_lc} and the app says it doesnt exist",
        "air|{handle} booking ref {booking} - charged {price} for seats that were free",
        "air|{handle} conf code {booking_lc} for {date}, need to fix the name on it",
        "air|{handle} reservation {booking} for {flight} on {date}, can I add a bag?",
        "air|{handle} confirmation #{booking} room wasnt ready at {time}",
        "bank|{handle} I used card {card} and got charged {price} twice",
        "shop|{handle} refund should go to {iban} not a voucher",
        "shop|{handle} deliver to {address_flat} please, NOT the old address",
        "tel|{handle} new address: {address}. can you update it before the next bill",
        "ship|{handle} the parcel went to {address} but I live at {address_flat}",
        "bank|{handle} I moved to {address}, still getting letters at the old place",
        "tel|{handle} engineer was meant to come to {address} at {time}, nobody showed",
        "shop|{handle} postcode {postcode} not accepted at checkout??",
        "tel|{handle} at {address_flat} since {year} and my broadband is STILL down",
        "air|{handle} flight {flight} {date} cancelled. PNR {booking}, phone {phone}, email {email}",
        "shop|{handle} order {order}, tracking {tracking}, still nothing {emoji}",
        "any|{handle} its {email_spoken} and {phone_short}, pls call",
        "shop|{handle} the {model} I ordered ({order}) was sent to {address}",
        "air|{handle} Hi, name on booking {booking} is wrong, can u call {phone_intl}",
        "ship|{handle} UPS tracking {ups} and order {order}, please sort it",
        "any|{handle} email me at {email} or call {phone}, any time after {time}",
        "bank|{handle} my acct {account} is registered to {email_spoken}",
        "tel|{handle} pls call {phone}, I'm at {address} all day",
        "shop|{handle} still no refund of {price}!! order {order}, acc {account}",
        "ship|{handle} courier left it at {address_flat}?? tracking {ups}",
        "mail|{handle} someone logged into {email_family} from another country, pls help",
        "mail|{handle} i can't receive mail on {email_family} since {date}, on {version}",
        "mail|{handle} my recovery number is {phone} and the address is {email_family}, still locked out",
        "mail|{handle} {brand_email} told me to tweet you. my account {email_family} is disabled",
        "air|{handle} Ship To: {address_flat} - lost bag delivery, ref {booking}",
        "shop|{handle} Deliver To {address} ... it went to the wrong town",
        "bank|{handle} someone used my card {card} abroad, call me on {phone_intl}",
        "any|{handle} reach me on {phone_intl} or {email_spoken}",
        "tel|{handle} the number I ported to you is {phone} and it has had no signal since {date}",
        "tel|{handle} my new mobile is {phone}, the old one {phone_short} is disconnected",
    ],
    "de": [
        "shop|{handle} Bestellnummer {order}, Paket kam nie an {emoji}",
        "shop|{handle} meine Bestell-Nr. ist {order}, bitte um Rückruf unter {phone}",
        "air|{handle} Buchungscode {booking}, Flug {flight} gestrichen und keine Umbuchung",
        "ship|{handle} Sendungsnummer {tracking} hängt seit {date} im Verteilzentrum",
        "tel|{handle} Kundennummer {account}, seit {dur} keine Antwort",
        "tel|{handle} meine Handynummer ist {phone}, ruft mich bitte zurück",
        "shop|{handle} neue Adresse: {address}. Bitte ändern!",
        "ship|{handle} Zustellung an {address} war falsch, da wohn ich nicht mehr",
        "any|{handle} meine Mail ist {email_spoken}, bitte dort melden",
        "bank|{handle} Kontonummer {account} wurde doppelt belastet ({price})",
        "air|{handle} Buchungsnummer {booking_lc} geht in der App nicht",
        "tel|{handle} Tel. {phone_short}, erreichbar ab {time}",
        "ship|{handle} Sendungsverfolgungsnummer {ups} zeigt nix an",
        "shop|{handle} Erstattung bitte auf {iban}, danke",
        "any|{handle} E-Mail: {email} – Telefon: {phone_intl}",
        "mail|{handle} mein Postfach {email_family} ist gesperrt, wieso??",
        "shop|{handle} hab {brand_email} geschrieben, meine Adresse ist {email}, Auftragsnummer {order}",
        "air|{handle} Reservierungsnummer {booking}, Anschrift für die Koffer: {address}",
        "bank|{handle} Karte {card} gesperrt?? Bitte Rückruf {phone}",
        "tel|{handle} Rufnummer {phone} seit {date} tot, Vertrag läuft weiter",
    ],
    "fr": [
        "shop|{handle} numéro de commande {order}, toujours rien reçu {emoji}",
        "shop|{handle} ma commande n°{order} est bloquée depuis le {date}",
        "air|{handle} référence de réservation {booking}, vol {flight} annulé sans solution",
        "ship|{handle} numéro de suivi {tracking} : colis introuvable",
        "tel|{handle} mon numéro client est {account}, personne ne répond",
        "tel|{handle} rappelez-moi au {phone} svp",
        "ship|{handle} livraison au {address} impossible ?? j'y habite depuis {year}",
        "any|{handle} mon adresse mail : {email_spoken}",
        "air|{handle} code de réservation {booking_lc}, je ne peux pas choisir mon siège",
        "tel|{handle} portable : {phone_short}, dispo après {time}",
        "bank|{handle} n° de compte {account} débité deux fois de {price}",
        "shop|{handle} merci de rembourser sur {iban}",
        "tel|{handle} mon mail {email} ne reçoit plus rien et mon tél. {phone_intl} non plus",
        "air|{handle} dossier {booking}, 3h de retard et aucune info",
        "mail|{handle} ma boîte {email_family} est piratée, aidez-moi",
        "ship|{handle} j'ai écrit à {brand_email} pour le colis {ups}, mon adresse : {address}",
        "shop|{handle} Commande N° {order} - adresse de livraison {address}",
        "tel|{handle} ma ligne {phone} est coupée depuis le {date}",
        "bank|{handle} opposition sur la carte {card} svp, joignable au {phone_intl}",
    ],
    "es": [
        "shop|{handle} número de pedido {order} y nada, llevo {dur} esperando",
        "shop|{handle} mi pedido nº {order} llegó roto {emoji}",
        "air|{handle} localizador {booking}, me han cancelado el vuelo {flight}",
        "air|{handle} código de reserva {booking_lc} no aparece en la app",
        "ship|{handle} número de seguimiento {tracking}, el paquete no se mueve desde el {date}",
        "tel|{handle} mi número de cliente es {account}",
        "tel|{handle} llamadme al {phone}, por favor",
        "tel|{handle} mi móvil: {phone_short}",
        "shop|{handle} dirección de entrega: {address}",
        "any|{handle} mi correo es {email_spoken}",
        "bank|{handle} número de cuenta {account}, me cobraron {price} dos veces",
        "ship|{handle} el envío {ups} lleva {dur} en aduanas",
        "any|{handle} escribidme a {email} o por whatsapp al {phone_intl}",
        "mail|{handle} mi cuenta {email_family} no recibe correos desde el {date}",
        "tel|{handle} ya escribí a {brand_email}. Teléfono de contacto {phone}",
        "shop|{handle} enviadlo a {address} porfa, no a la dirección antigua",
        "bank|{handle} me han clonado la tarjeta {card}, llamadme al {phone_short}",
        "tel|{handle} la línea {phone} sin cobertura desde el {date}",
    ],
    "pt": [
        "shop|{handle} número do pedido {order}, ainda não chegou {emoji}",
        "shop|{handle} meu pedido nº {order} veio errado",
        "ship|{handle} código de rastreio {tracking} parado há {dur}",
        "air|{handle} código da reserva {booking}, voo {flight} cancelado",
        "air|{handle} localizador {booking_lc}, não consigo fazer check-in",
        "tel|{handle} número de cliente {account}, cobraram {price} a mais",
        "tel|{handle} liguem-me para o {phone}, por favor",
        "shop|{handle} meu celular é {phone}",
        "ship|{handle} morada: {address}",
        "any|{handle} o meu email é {email_spoken}",
        "tel|{handle} telemóvel {phone_short}, estou disponível depois das {time}",
        "shop|{handle} reembolso para o {iban} por favor",
        "ship|{handle} encomenda {order} e rastreamento {tracking}, nada bate certo",
        "mail|{handle} a minha conta {email_family} foi bloqueada",
        "ship|{handle} endereço de entrega {address}, o estafeta diz que não existe",
        "shop|{handle} já mandei para {brand_email}, meu email é {email}",
        "tel|{handle} o número {phone} está sem rede desde {date}",
        "bank|{handle} cartão {card} clonado!! whatsapp {phone_intl}",
    ],
    "it": [
        "shop|{handle} numero d'ordine {order}, pacco mai arrivato",
        "shop|{handle} ordine n. {order} ancora in lavorazione dal {date}",
        "air|{handle} codice di prenotazione {booking}, volo {flight} cancellato",
        "ship|{handle} codice di tracciamento {tracking}, fermo da {dur}",
        "tel|{handle} il mio codice cliente è {account}",
        "tel|{handle} chiamatemi al {phone}",
        "tel|{handle} cellulare {phone_short} dopo le {time}",
        "shop|{handle} indirizzo di consegna: {address}",
        "any|{handle} la mia mail è {email_spoken}",
        "air|{handle} PNR {booking_lc}, non riesco a fare il check-in",
        "bank|{handle} numero di conto {account} addebitato due volte",
        "shop|{handle} rimborso sull'IBAN {iban} grazie",
        "ship|{handle} spedizione {ups} ferma in dogana",
        "mail|{handle} la mia casella {email_family} non riceve niente da {dur}",
        "ship|{handle} consegnato a {address}?? io abito altrove. num. spedizione {tracking}",
        "tel|{handle} ho scritto a {brand_email}, rispondete a {email}",
        "tel|{handle} il numero {phone} non è più attivo dal {date}",
        "any|{handle} tel. {phone_intl}, mail {email_spoken}",
    ],
    "nl": [
        "shop|{handle} bestelnummer {order}, nog steeds niks binnen {emoji}",
        "shop|{handle} mijn bestelling {order} is kwijt",
        "air|{handle} boekingscode {booking}, vlucht {flight} geannuleerd",
        "air|{handle} reserveringsnummer {booking_lc} werkt niet in de app",
        "ship|{handle} track & trace {tracking} staat al {dur} stil",
        "tel|{handle} klantnummer {account}, nog geen reactie",
        "tel|{handle} bel me op {phone} aub",
        "tel|{handle} mijn mobiel: {phone_short}",
        "ship|{handle} bezorgadres: {address}",
        "any|{handle} mijn mail is {email_spoken}",
        "bank|{handle} rekeningnummer {iban}, graag terugstorten",
        "ship|{handle} zendingnummer {ups} is volgens jullie bezorgd??",
        "any|{handle} mail naar {email} of bel {phone_intl}",
        "mail|{handle} mijn {email_family} account is gehackt",
        "shop|{handle} al gemaild naar {brand_email}, ordernummer {order}, tel {phone}",
        "ship|{handle} pakket ligt op {address} maar ik woon daar niet",
        "tel|{handle} nummer {phone} overzetten lukt al {dur} niet",
        "bank|{handle} pas {card} geblokkeerd, bel me terug op {phone_short}",
    ],
}

LOOKALIKE_TEMPLATES = {
    "en": [
        "shop|{handle} paid {price} for the {model} and it died after {dur} {emoji}",
        "air|{handle} flight {flight} delayed again, boarding was {time}, now {time}",
        "shop|{handle} {model} won't update past {version}",
        "any|{handle} waiting since {date}. it's {year}, do better",
        "any|{handle} I emailed {brand_email} like you said. nothing.",
        "bank|{handle} is {brand_email} the right place for refunds?",
        "shop|{handle} promo code {promo} says invalid at checkout",
        "shop|{handle} used {promo} and still got charged {price}",
        "shop|{handle} order placed {datetime}, status hasn't changed",
        "shop|{handle} got 2 of the {model} instead of 1, order total {price}",
        "air|{handle} {flight} and {flight} both cancelled on {date}, what is going on",
        "shop|{handle} the {model} is {price} on your site and {price} in store",
        "shop|{handle} last update {version} bricked my {model}",
        "bank|{handle} error at {datetime}: payment failed but {price} gone",
        "air|{handle} Terminal 5, gate B32, {time}, nobody at the desk",
        "air|{handle} seat 23A on {flight} was broken, {dur} of this",
        "ship|{handle} my tracking page says delivered {datetime}, nope",
        "shop|{handle} order 2 more, they said. no thanks {emoji}",
        "air|{handle} been a member since {year} and this is how you treat me",
        "shop|{handle} the {model} battery lasts {dur} now",
        "shop|{handle} bought it at amazon dot com because your site wouldn't load",
        "tel|{handle} customer for {dur}, 3 accounts, all broken since {version}",
        "any|{handle} your agent said to email {brand_email} and wait {dur}",
        "air|{handle} 1,299 points gone from my account on {date}",
        "tel|{handle} the app shows {price} but I was billed {price}?",
        "shop|{handle} RTX 3080 listed at {price}, arrived as a 3060 lol",
        "shop|{handle} ordered {qty}, got half. {tco}",
        "shop|{handle} promo {promo} expired {date} but the email said {date}",
        "air|{handle} {flight} landed {time}, bags came out at {time}. {dur} at the belt",
        "shop|{handle} the High Street store closed at {time}, sign says 9",
        "air|{handle} Room 214, checked in {date}, no hot water",
        "shop|{handle} returns window is {dur}? I bought it {date}",
        "any|{handle} support@ address bounced, whats the right one?",
        "tel|{handle} {year} model, {version}, same bug {tco}",
        "air|{handle} reserved for 4 at {time} on {date}, table was given away",
        "shop|{handle} tried {promo} and {promo}, neither works",
        "tel|{handle} the 0800 number just rings out at {time}",
        "tel|{handle} wifi drops every {dur}, router is a {model}",
        "bank|{handle} refund of {price} hit my account {date}, thanks team",
        "shop|{handle} my order from {date} for {price} still says processing",
        "air|{handle} booking says 3 passengers?? I booked 2 seats on {flight}, {price} each",
        "bank|{handle} account locked since {datetime} {emoji}",
        "ship|{handle} tracking says {datetime} 'out for delivery'. its now {time}",
        "ship|{handle} parcel is {dur} late, {model} inside",
        "mail|{handle} got an email from {brand_email} at {time}, is it legit? {tco}",
        "mail|{handle} spam from {brand_email} since {date}?",
        "any|{handle} tried calling, then emailing {brand_email}, then the chat. {dur} total",
        "shop|{handle} same problem in 2021, 2022 and {year}",
    ],
    "de": [
        "shop|{handle} {price} bezahlt und nach {dur} kaputt {emoji}",
        "air|{handle} Flug {flight} am {date} schon wieder verspätet, Abflug {time}",
        "shop|{handle} Bestellung vom {datetime}, immer noch nicht verschickt",
        "any|{handle} hab an {brand_email} geschrieben, keine Antwort seit {dur}",
        "shop|{handle} Gutscheincode {promo} geht nicht",
        "shop|{handle} das {model} stürzt seit {version} ständig ab",
        "tel|{handle} Kunde seit {year} und so wird man behandelt",
        "shop|{handle} {qty} bestellt, die Hälfte kam an",
        "ship|{handle} Sendung seit {datetime} in Zustellung, jetzt ist es {time}",
        "tel|{handle} Rechnung über {price} für {dur} ohne Internet?",
    ],
    "fr": [
        "shop|{handle} payé {price} et en panne au bout de {dur}",
        "air|{handle} vol {flight} du {date} encore en retard, départ prévu {time}",
        "any|{handle} j'ai écrit à {brand_email}, aucune réponse",
        "shop|{handle} le code promo {promo} ne marche pas",
        "shop|{handle} mon {model} plante depuis {version}",
        "shop|{handle} commande passée le {datetime}, toujours en préparation",
        "tel|{handle} client depuis {year}, franchement déçu",
        "shop|{handle} {qty} commandés, un seul reçu {emoji}",
        "air|{handle} vol {flight} annulé le {date} à {time}, aucune info au comptoir",
        "tel|{handle} facture de {price} alors que l'offre était à {price}",
    ],
    "es": [
        "shop|{handle} pagué {price} y se rompió a los {dur} {emoji}",
        "air|{handle} vuelo {flight} del {date} otra vez con retraso, salida {time}",
        "any|{handle} escribí a {brand_email} y nada",
        "shop|{handle} el código promocional {promo} no funciona",
        "shop|{handle} mi {model} se cuelga desde la {version}",
        "shop|{handle} pedido hecho el {datetime}, sigue en preparación",
        "tel|{handle} cliente desde {year} y así me tratáis",
        "shop|{handle} pedí {qty} y llegó la mitad",
        "ship|{handle} el paquete salió el {datetime} y sigue sin llegar",
        "tel|{handle} factura de {price} por {dur} sin fibra",
    ],
    "pt": [
        "shop|{handle} paguei {price} e avariou passados {dur}",
        "air|{handle} voo {flight} de {date} atrasado outra vez, partida às {time}",
        "any|{handle} mandei email para {brand_email} e nada",
        "shop|{handle} o cupom {promo} não funciona {emoji}",
        "shop|{handle} o meu {model} bloqueia desde a {version}",
        "shop|{handle} encomenda feita em {datetime} e ainda nada",
        "tel|{handle} cliente desde {year}, que vergonha",
        "shop|{handle} pedi {qty}, chegou metade",
        "ship|{handle} objeto postado em {datetime}, parado até hoje",
        "tel|{handle} fatura de {price} este mês?? sempre foi {price}",
    ],
    "it": [
        "shop|{handle} pagato {price} e rotto dopo {dur}",
        "air|{handle} volo {flight} del {date} di nuovo in ritardo, partenza {time}",
        "any|{handle} ho scritto a {brand_email}, nessuna risposta",
        "shop|{handle} il codice sconto {promo} non funziona",
        "shop|{handle} il mio {model} si blocca dalla {version}",
        "shop|{handle} ordine fatto il {datetime}, ancora niente",
        "tel|{handle} cliente dal {year}, vergogna {emoji}",
        "shop|{handle} ordinati {qty}, arrivata la metà",
        "ship|{handle} spedito il {datetime} e fermo da {dur}",
        "tel|{handle} bolletta da {price} per {dur} senza linea",
    ],
    "nl": [
        "shop|{handle} {price} betaald en na {dur} kapot",
        "air|{handle} vlucht {flight} op {date} weer vertraagd, vertrek {time}",
        "any|{handle} mail gestuurd naar {brand_email}, geen reactie",
        "shop|{handle} kortingscode {promo} doet het niet",
        "shop|{handle} mijn {model} crasht sinds {version}",
        "shop|{handle} besteld op {datetime}, nog steeds niet verzonden",
        "tel|{handle} klant sinds {year} en dan dit",
        "shop|{handle} {qty} besteld, de helft geleverd {emoji}",
        "ship|{handle} pakket sinds {datetime} onderweg, nu is het {time}",
        "tel|{handle} rekening van {price} voor {dur} zonder internet",
    ],
}


def render(template, values):
    """Fills a template; returns (text, spans) with UTF-16 offsets, each span checked against its value."""
    text, spans = "", []
    i = 0
    while i < len(template):
        if template[i] == "{":
            j = template.index("}", i)
            key = template[i + 1 : j]
            if key == "handle":
                value = "@" + values.brand[0]
            else:
                value = getattr(values, key)()
            start = u16(text)
            text += value
            if key in PII_KINDS:
                end = u16(text)
                assert u16_slice(text, start, end) == value, (template, value)
                spans.append({"kind": PII_KINDS[key], "start": start, "end": end})
            else:
                assert key in LOOKALIKE_SLOTS, key
            i = j + 1
        else:
            text += template[i]
            i += 1
    return text, spans


def choose_brand(rng, lang, sector, needs_inferable):
    brands = BRANDS[lang]
    if sector == "mail":
        pool = [b for b in brands if b[4]]
    elif sector == "any":
        pool = brands
    else:
        pool = [b for b in brands if b[2] == sector] or brands
    if needs_inferable:
        pool = [b for b in pool if b[3]] or pool
    return rng.choice(pool)


def build(pii_templates, look_templates, rng, seen):
    values = Values(rng)
    rows = []
    for templates, count in ((pii_templates, PII_ROWS), (look_templates, LOOK_ROWS)):
        order = templates[:]
        rng.shuffle(order)
        k = 0
        while k < count:
            lang, raw = order[k % len(order)]
            sector, template = raw.split("|", 1)
            given = rng.random() < 0.5
            brand = choose_brand(rng, lang, sector, needs_inferable=("{brand_email}" in template and not given))
            values.lang, values.brand = lang, brand
            text, spans = render(template, values)
            if text in seen:
                continue
            seen.add(text)
            if templates is pii_templates:
                assert spans, template
            else:
                assert not spans, template
            row = {"text": text, "pii": sorted(spans, key=lambda s: s["start"]), "brand_domain": brand[1] if given else None}
            for a, b in zip(row["pii"], row["pii"][1:]):
                assert a["end"] <= b["start"], row
            rows.append(row)
            k += 1
    rng.shuffle(rows)
    return rows


def slots(template):
    return [part.split("}", 1)[0] for part in template.split("{")[1:]]


def split(templates, rng):
    """Half the phrasings of each language for dev and half for test, dealt so that each slot (each
    kind and form of personal data, the brand's own address, each look-alike) is as even as it can be
    between the two sets."""
    dev, test = [], []
    load = {"dev": {}, "test": {}}
    for lang in LANGS:
        items = templates[lang][:]
        rng.shuffle(items)
        items.sort(key=lambda t: ("{brand_email}" not in t and "{email_family}" not in t, -len(set(slots(t)))))
        sizes = {"dev": 0, "test": 0}
        for t in items:
            keys = set(slots(t)) - {"handle", "emoji"}
            if sizes["dev"] != sizes["test"]:
                side = "dev" if sizes["dev"] < sizes["test"] else "test"
            else:
                cost = {k: sum(load[k].get(x, 0) for x in keys) for k in load}
                side = rng.choice(["dev", "test"]) if cost["dev"] == cost["test"] else min(cost, key=cost.get)
            for x in keys:
                load[side][x] = load[side].get(x, 0) + 1
            sizes[side] += 1
            (dev if side == "dev" else test).append((lang, t))
    return dev, test


def main():
    rng = random.Random(SEED)
    for lang in LANGS:
        assert len(set(PII_TEMPLATES[lang])) == len(PII_TEMPLATES[lang]) and len(set(LOOKALIKE_TEMPLATES[lang])) == len(LOOKALIKE_TEMPLATES[lang])
    pii_dev, pii_test = split(PII_TEMPLATES, rng)
    look_dev, look_test = split(LOOKALIKE_TEMPLATES, rng)
    assert len(pii_dev) + len(pii_test) == sum(len(v) for v in PII_TEMPLATES.values())
    assert not {t for _, t in pii_dev} & {t for _, t in pii_test} and not {t for _, t in look_dev} & {t for _, t in look_test}
    seen = set()
    dev = build(pii_dev, look_dev, random.Random(SEED + 1), seen)
    test = build(pii_test, look_test, random.Random(SEED + 2), seen)
    os.makedirs(OUT, exist_ok=True)
    for name, rows in (("pii-hard-dev.jsonl", dev), ("pii-hard-test.jsonl", test)):
        with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        kinds = {}
        for row in rows:
            for s in row["pii"]:
                kinds[s["kind"]] = kinds.get(s["kind"], 0) + 1
        print(name, len(rows), "messages,", sum(1 for r in rows if r["pii"]), "with personal data;",
              ", ".join(f"{k} {kinds[k]}" for k in sorted(kinds)))


if __name__ == "__main__":
    main()
