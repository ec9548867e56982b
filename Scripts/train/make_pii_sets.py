"""Writes the personal-data test and dev sets (Tests/ParleyCoreTests/Fixtures/triage/pii-*.jsonl).

Every message is written here for Parley (templates by hand, values from a seeded generator), so
the sets may ship with the repo. Templates are split once between the two sets, so tuning the
detector on dev never sees a test phrasing. The test set was frozen before the detector was tuned:
its SHA-256 is checked by PersonalDataDetectorTests, so regenerating it changes the figure on
purpose or not at all.

Usage: python3 Scripts/train/make_pii_sets.py   (standard library only)
Spans are UTF-16 offsets, end exclusive, as the runtime reports them.
"""

import json
import os
import random

OUT = "Tests/ParleyCoreTests/Fixtures/triage"
SEED = 20240611
BRAND_EMAIL = "help@acmecare.com"

FIRST = ["jane", "omar", "li", "sam", "priya", "lukas", "ana", "tom", "fatima", "kenji", "chloe", "diego"]
LAST = ["doe", "haddad", "wei", "okafor", "sharma", "muller", "silva", "reed", "khan", "tanaka", "martin"]
DOMAINS = ["gmail.com", "yahoo.co.uk", "outlook.com", "proton.me", "icloud.com", "web.de", "hotmail.fr", "mail.example.org"]
STREETS = ["Baker", "Elm", "High", "Maple", "Station", "Church", "Oak", "Victoria", "Mill", "Park", "King", "Queen"]
SUFFIXES = ["Street", "St", "Road", "Rd", "Avenue", "Ave", "Lane", "Drive", "Close", "Way", "Boulevard", "Court"]
CITIES = ["London", "Leeds", "Bristol", "Manchester", "Springfield", "Austin", "Denver", "Portland"]
UK_POSTCODES = ["SW1A 1AA", "NW1 6XE", "M1 1AE", "LS1 4DY", "BS8 1TH", "EC1A 1BB", "W1A 0AX", "B33 8TH", "CR2 6XH", "DN55 1PT"]
US_STATES = ["TX", "CO", "OR", "IL", "NY", "CA"]


def luhn_complete(digits):
    """Appends the Luhn check digit."""
    total = 0
    for i, d in enumerate(reversed(digits)):
        d = int(d)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return digits + str((10 - total % 10) % 10)


def iban(country, bban):
    moved = bban + country + "00"
    number = int("".join(str(int(c, 36)) for c in moved))
    check = 98 - number % 97
    return f"{country}{check:02d}{bban}"


def group(s, sizes, sep=" "):
    out, i = [], 0
    for n in sizes:
        if i >= len(s):
            break
        out.append(s[i : i + n])
        i += n
    if i < len(s):
        out.append(s[i:])
    return sep.join(out)


class Values:
    def __init__(self, rng):
        self.r = rng

    def digits(self, n):
        return str(self.r.randint(1, 9)) + "".join(str(self.r.randint(0, 9)) for _ in range(n - 1))

    def letters(self, n):
        return "".join(self.r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(n))

    def email(self):
        f, l = self.r.choice(FIRST), self.r.choice(LAST)
        local = self.r.choice([f"{f}.{l}", f"{f}{l}{self.r.randint(1, 99)}", f"{f}_{l}", f"{f[0]}{l}", f"{f}+orders"])
        return f"{local}@{self.r.choice(DOMAINS)}"

    def phone(self):
        d = self.digits
        return self.r.choice([
            f"+44 7700 900{d(3)}", f"07700 900{d(3)}", f"+1 (415) 555-0{d(3)}", f"415-555-0{d(3)}",
            f"(212) 555 0{d(3)}", f"+49 151 {d(8)}", f"+33 6 {d(2)} {d(2)} {d(2)} {d(2)}",
            f"+61 412 {d(3)} {d(3)}", f"+91 98{d(3)} {d(5)}", f"555.867.{d(4)}", f"+353 87 {d(3)} {d(4)}",
        ])

    def order(self):
        d = self.digits
        return self.r.choice([f"{d(7)}", f"{d(8)}", f"W{d(9)}", f"{d(3)}-{d(7)}-{d(7)}", f"ORD-2024-{d(5)}", f"{self.letters(2)}{d(6)}"])

    def account(self):
        d = self.digits
        return self.r.choice([f"{d(8)}", f"{d(10)}", f"C-{d(7)}", f"{d(4)} {d(4)}", f"AC{d(8)}"])

    def tracking(self):
        d = self.digits
        return self.r.choice([
            f"1Z{self.letters(3)}{d(3)}{d(10)}", f"RR{d(9)}GB", f"LX{d(9)}CN", f"JD{d(18)}",
            f"9400 {d(4)} {d(4)} {d(4)} {d(4)} {d(2)}", f"{d(12)}",
        ])

    def booking(self):
        return self.r.choice([self.letters(6), self.letters(3) + self.digits(3), self.letters(2) + self.digits(4)])

    def card(self):
        kind = self.r.random()
        if kind < 0.5:
            n = luhn_complete("4" + self.digits(14))
            return group(n, [4, 4, 4, 4], self.r.choice([" ", "-", ""]))
        if kind < 0.8:
            n = luhn_complete("5" + str(self.r.randint(1, 5)) + self.digits(13))
            return group(n, [4, 4, 4, 4], self.r.choice([" ", ""]))
        n = luhn_complete("3" + self.r.choice("47") + self.digits(12))
        return group(n, [4, 6, 5], " ")

    def iban(self):
        c = self.r.choice(["GB", "DE", "FR", "NL", "ES"])
        bban = {
            "GB": lambda: self.letters(4) + self.digits(14),
            "DE": lambda: self.digits(18),
            "FR": lambda: self.digits(23),
            "NL": lambda: self.letters(4) + self.digits(10),
            "ES": lambda: self.digits(20),
        }[c]()
        value = iban(c, bban)
        return group(value, [4] * 10, " ") if self.r.random() < 0.6 else value

    def street(self):
        return f"{self.r.randint(1, 250)} {self.r.choice(STREETS)} {self.r.choice(SUFFIXES)}"

    def address(self):
        kind = self.r.random()
        if kind < 0.4:
            return self.street()
        if kind < 0.7:
            return f"{self.street()}, {self.r.choice(CITIES)} {self.r.choice(UK_POSTCODES)}"
        if kind < 0.85:
            return f"{self.street()}, {self.r.choice(CITIES)}, {self.r.choice(US_STATES)} {self.digits(5)}"
        return self.r.choice(UK_POSTCODES)

    # Look-alikes.
    def price(self):
        return self.r.choice([f"${self.r.randint(5, 999)}.{self.r.randint(0, 99):02d}", f"£{self.r.randint(1, 3)},{self.r.randint(100, 999)}",
                              f"€{self.r.randint(10, 500)}", f"{self.r.randint(10, 2000)}.00 USD", f"${self.r.randint(1, 9)},{self.r.randint(100, 999)}.{self.r.randint(0, 99):02d}"])

    def date(self):
        d, m, y = self.r.randint(1, 28), self.r.randint(1, 12), self.r.randint(2019, 2025)
        return self.r.choice([f"{d:02d}/{m:02d}/{y}", f"{y}-{m:02d}-{d:02d}", f"March {d}, {y}", f"{d:02d}.{m:02d}.{y}", f"{m}/{d}"])

    def time(self):
        return self.r.choice([f"{self.r.randint(1, 12)}:{self.r.randint(0, 59):02d}", f"{self.r.randint(1, 12)}pm", f"{self.r.randint(7, 23)}:{self.r.choice(['00', '15', '30', '45'])}"])

    def flight(self):
        return self.r.choice([f"BA {self.r.randint(100, 999)}", f"UA{self.r.randint(10, 999)}", f"LH {self.r.randint(400, 499)}", f"EZY{self.r.randint(1000, 9999)}", f"FR{self.r.randint(100, 9999)}"])

    def model(self):
        return self.r.choice(["iPhone 15 Pro", "SM-S918B", "XPS 13 9310", "WH-1000XM5", "RTX 4090", "model A2338", "Pixel 8a", "KD-55X80L", "MacBook Air M2", "Series 9 45mm"])

    def badcard(self):
        while True:
            n = "4" + self.digits(15)
            if luhn_complete(n[:-1]) != n:
                return group(n, [4, 4, 4, 4], " ")

    def badiban(self):
        good = iban("DE", self.digits(18))
        wrong = good[:2] + f"{(int(good[2:4]) + 1) % 100:02d}" + good[4:]
        return group(wrong, [4] * 6, " ")

    def version(self):
        return self.r.choice([f"iOS {self.r.randint(15, 18)}.{self.r.randint(0, 6)}.{self.r.randint(0, 3)}", f"v{self.r.randint(1, 9)}.{self.r.randint(0, 20)}.{self.r.randint(0, 99)}", f"build {self.r.randint(1000, 99999)}"])

    def qty(self):
        return self.r.choice([f"{self.r.randint(2, 12)} items", f"{self.r.randint(2, 6)} x 500ml", f"{self.r.randint(10, 90)} minutes", f"{self.r.randint(2, 9)} days", f"{self.r.randint(2, 40)}%"])


PII_KINDS = {
    "email": "email", "phone": "phone", "order": "order_number", "account": "account_number",
    "tracking": "tracking_number", "booking": "booking_ref", "card": "card_number", "iban": "iban", "address": "address",
}
LOOKALIKES = ["price", "date", "time", "flight", "model", "badcard", "badiban", "version", "qty", "brand"]

PII_TEMPLATES = [
    "@AcmeCare my email is {email}, please look into it",
    "you can reach me at {email} or call {phone}",
    "Still waiting on a refund. Order {order} placed on {date}, paid {price}",
    "@AcmeCare order #{order} never arrived 😡",
    "hi, my order number is {order} and it says delivered but nothing here",
    "order no. {order} - wrong size sent, can I swap it?",
    "My account number is {account}, why was I charged {price} twice??",
    "acct {account} locked again after the {version} update",
    "customer ID {account} - nobody has called me back",
    "Tracking number {tracking} hasn't moved in {qty}",
    "where is my parcel? tracking {tracking}",
    "the courier says {tracking} was delivered to {address} but that's not my house",
    "Booking ref {booking}, flight {flight} cancelled and no rebooking offered",
    "my booking reference is {booking}, can't pick seats",
    "PNR {booking} - charged {price} for a bag that was included",
    "confirmation code {booking} for the hotel on {date}, room was dirty",
    "I paid with card {card} and it was declined but money left my account",
    "card number {card} was charged twice, please refund",
    "why did {card} get billed {price} on {date}?",
    "refund to IBAN {iban} please, I returned it weeks ago",
    "my bank details for the refund: {iban}",
    "Deliver to {address} please, the app keeps changing it",
    "I live at {address} and the engineer never showed up at {time}",
    "new address is {address}, update my subscription",
    "call me on {phone} after {time}, I'm at work until then",
    "my number is {phone}, nobody has phoned back in {qty}",
    "📞 {phone} — please ring, the chat keeps disconnecting",
    "sent details to {brand} already, my email is {email}",
    "Can someone DM me? {email} / {phone}",
    "@AcmeAir flight {flight} delayed, booking {booking}, email {email}",
    "order {order} for a {model} arrived broken. Call {phone}",
    "postcode {address} shows as not serviceable but my neighbours have fibre",
    "¿Dónde está mi pedido? order {order}, correo {email}",
    "WHERE IS MY ORDER {order} IT'S BEEN {qty}!!!",
    "account {account} shows {price} overdue but I paid on {date}",
    "tracking no {tracking} — the {model} was supposed to arrive by {date}",
    "plz help, acct no. {account}, can't log in since {version}",
    "refund {price} to my card {card} not store credit",
    "the technician needs to come to {address}, tel {phone}",
    "reservation {booking} for 2 on {date} was lost?!",
    "my login email {email} doesn't get the reset link",
    "Order # {order} and tracking {tracking} both say different things",
    "IBAN: {iban} (for the compensation you promised)",
    "cc {card} exp 09/27 — is this safe to send here? 😬",
    "ship it to {address}, not the old one",
    "order number: {order}. Total was {price}.",
    "my member number is {account} and the points vanished",
]

LOOKALIKE_TEMPLATES = [
    "@AcmeCare paid {price} for this and it broke after {qty} 😤",
    "flight {flight} delayed again, landed at {time} instead of {time}",
    "the {model} keeps crashing since {version}",
    "still waiting since {date}, it's been {qty}",
    "email {brand} they said, so I did. No reply.",
    "Please contact {brand} for order questions? I did, twice.",
    "gift code {badcard} doesn't work at checkout",
    "voucher {badcard} says invalid, bought it on {date}",
    "is {badiban} the right format for a refund? asking for a friend",
    "my order of {price} arrived {qty} late",
    "ordered {qty} and got 1. Great job",
    "been a customer for {qty}, never this bad",
    "my account was charged {price} on {date}",
    "the {model} costs {price} here and {price} in the US, why",
    "Flight {flight} on {date}: 3 hours on the tarmac",
    "app {version} logs me out every {qty}",
    "Rated 5 stars in 2023, 1 star now",
    "Main Street store closed at {time} even though it says open till 9",
    "Loved the new {model}!! worth every penny of {price}",
    "Call centre kept me on hold for {qty} on {date}",
    "{qty} off everything? then why is the {model} still {price}",
    "Room 214 had no hot water, checked in {date}",
    "Gate B32 changed 4 times for {flight}",
    "Your 0800 number just rings out",
    "The {model} battery went from 100% to 20% in {qty}",
    "my order arrived in 3 boxes on {date}, one was empty",
    "order 2 more they said. no thanks",
    "Platform 9 at {time}, the 17:45 to Leeds cancelled again",
    "Season 4 episode 12 won't play on the {model}",
    "1,500 points expired on {date} without warning",
    "2 x 4 pack of batteries for {price}?? daylight robbery",
    "happy with the refund of {price}, thanks team",
    "live chat said 24-48 hours, it's been {qty}",
    "price dropped to {price} the day after I bought it {date}",
    "track 7 on the album skips on {model}",
    "Delivered {date} at {time}, box soaked",
    "the 4K version is {price} vs {price} for HD",
    "Error code 0x80070005 when installing {version}",
    "Lane 3 at the store had no staff for {qty}",
    "sent {qty} emails to {brand}, zero replies",
    "booked for {date} at {time}, nobody came",
    "my 2019 {model} is out of warranty?",
    "zip is not a problem, the app just crashes on {version}",
    "case closed without asking me, {qty} wasted",
    "the account page shows 404 since {date}",
    "tracking page has been down for {qty}",
    "reference number please? you never sent one",
    "I have 3 accounts with you and all are broken",
]


def render(template, values, rng):
    """Fills a template; returns (text, spans) with UTF-16 offsets."""
    text, spans = "", []
    i = 0
    while i < len(template):
        if template[i] == "{":
            j = template.index("}", i)
            key = template[i + 1 : j]
            if key == "brand":
                value = BRAND_EMAIL
            else:
                value = getattr(values, key)()
            start = len(text.encode("utf-16-le")) // 2
            text += value
            if key in PII_KINDS:
                spans.append({"kind": PII_KINDS[key], "start": start, "end": len(text.encode("utf-16-le")) // 2})
            i = j + 1
        else:
            text += template[i]
            i += 1
    return text, spans


def build(templates_pii, templates_look, count_each, rng):
    values = Values(rng)
    rows = []
    for k in range(count_each):
        t = templates_pii[k % len(templates_pii)]
        text, spans = render(t, values, rng)
        rows.append({"text": text, "pii": spans})
    for k in range(count_each):
        t = templates_look[k % len(templates_look)]
        text, spans = render(t, values, rng)
        rows.append({"text": text, "pii": spans})
    rng.shuffle(rows)
    return rows


def main():
    rng = random.Random(SEED)
    pii = PII_TEMPLATES[:]
    look = LOOKALIKE_TEMPLATES[:]
    rng.shuffle(pii)
    rng.shuffle(look)
    # Two thirds of the phrasings for the frozen test set, the rest for tuning.
    cut_p, cut_l = len(pii) * 2 // 3, len(look) * 2 // 3
    test = build(pii[:cut_p], look[:cut_l], 260, random.Random(SEED + 1))
    dev = build(pii[cut_p:], look[cut_l:], 150, random.Random(SEED + 2))
    os.makedirs(OUT, exist_ok=True)
    for name, rows in (("pii-test.jsonl", test), ("pii-dev.jsonl", dev)):
        with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        print(name, len(rows), "messages,", sum(1 for r in rows if r["pii"]), "with personal data")


if __name__ == "__main__":
    main()
