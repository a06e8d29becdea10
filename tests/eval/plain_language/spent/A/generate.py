#!/usr/bin/env python3
"""Deterministic CRM export for blind set A.

Seller (invented): Falzberg Verpackung GmbH, an industrial packaging supplier (corrugated boxes,
stretch film, pallet wrapping machines and service contracts) selling to manufacturers, food
producers and distributors in Europe and North America. Currency EUR. Today = 2026-12-07 (Monday).

Writes accounts.csv, contacts.csv, notes.csv, financials.csv next to this script.
"""
import csv
import os
import random
import unicodedata
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = random.Random(1616)

JANA = "Jana Kowalczyk"
SOFIE = "Sofie Vandenberghe"
MARCO = "Marco Ruiz-Oliveira"
TOM = "Tom Brennan"
EMILIE = "Émilie Gagnon"

# name, id, industry, country, annual revenue (customer's own size), owner, key?,
# base quarterly revenue to us in 2025 (EUR), growth 2026 vs 2025, margin 2025, margin 2026, domain
ACCOUNTS = [
    ("Brauerei Höfler KG", "FZ-001", "Beverages", "Germany", 310_000_000, JANA, True, 520_000, 0.32, 0.22, 0.21, "brauerei-hoefler.de"),
    ("Nordvik Sjømat AS", "FZ-002", "Food & Beverage", "Norway", 145_000_000, SOFIE, True, 610_000, 0.02, 0.19, 0.16, "nordvik-sjomat.no"),
    ("Château-Roussel Conserveries SA", "FZ-003", "Food & Beverage", "France", 260_000_000, MARCO, True, 480_000, -0.28, 0.20, 0.15, "chateau-roussel.fr"),
    ("Kessler-Wirth Maschinenbau GmbH", "FZ-004", "Industrial Machinery", "Germany", 520_000_000, JANA, True, 390_000, 0.03, 0.18, 0.18, "kessler-wirth.de"),
    ("Great Lakes Provisions Inc.", "FZ-005", "Food Distribution", "United States", 1_900_000_000, EMILIE, True, 700_000, 0.45, 0.17, 0.19, "greatlakesprovisions.com"),
    ("Ostrander Cold Chain Logistics Ltd.", "FZ-006", "Logistics", "Canada", 230_000_000, EMILIE, True, 340_000, -0.02, 0.21, 0.21, "ostrandercoldchain.ca"),
    ("Pennine Dairies Ltd", "FZ-007", "Food & Beverage", "United Kingdom", 410_000_000, TOM, True, 450_000, -0.31, 0.16, 0.12, "penninedairies.co.uk"),
    ("Vlaamse Koekjesfabriek NV", "FZ-008", "Food & Beverage", "Belgium", 95_000_000, SOFIE, True, 300_000, 0.04, -0.06, -0.09, "vlaamsekoekjes.be"),
    ("Iberfrut Distribución S.L.", "FZ-009", "Food Distribution", "Spain", 380_000_000, MARCO, True, 360_000, 0.01, 0.23, 0.23, "iberfrut.es"),
    ("Cascade Home Appliances Corp.", "FZ-010", "Consumer Durables Manufacturing", "United States", 2_400_000_000, EMILIE, True, 820_000, 0.02, 0.20, 0.20, "cascadehome.com"),
    ("Höfler Logistik GmbH", "FZ-011", "Logistics", "Germany", 38_000_000, JANA, False, 140_000, 0.55, 0.24, 0.24, "hoefler-logistik.de"),
    ("Nordvik Frozen Foods AB", "FZ-012", "Food & Beverage", "Sweden", 88_000_000, SOFIE, False, 180_000, 0.03, 0.21, 0.21, "nordvikfrozen.se"),
    ("Małopolska Meble Sp. z o.o.", "FZ-013", "Furniture Manufacturing", "Poland", 64_000_000, JANA, False, 160_000, -0.26, 0.18, 0.18, "malopolskameble.pl"),
    ("Bäckerei Sonnleitner GmbH", "FZ-014", "Food & Beverage", "Austria", 21_000_000, JANA, False, 45_000, 0.02, -0.15, -0.18, "sonnleitner-baeckerei.at"),
    ("Dunmore Craft Cider Ltd", "FZ-015", "Beverages", "Ireland", 18_000_000, TOM, False, 95_000, 0.38, 0.26, 0.26, "dunmorecider.ie"),
    ("Fjordline Chemicals AS", "FZ-016", "Chemicals", "Norway", 170_000_000, SOFIE, False, 210_000, -0.01, 0.24, 0.24, "fjordlinechem.no"),
    ("Santé-Verte Cosmétiques SARL", "FZ-017", "Cosmetics", "France", 42_000_000, MARCO, False, 120_000, 0.03, 0.03, 0.03, "sante-verte.fr"),
    ("Ridgeway Auto Parts LLC", "FZ-018", "Automotive Parts", "United States", 310_000_000, EMILIE, False, 230_000, -0.42, 0.19, 0.14, "ridgewayauto.com"),
    ("Tamarack Pet Foods Inc.", "FZ-019", "Food & Beverage", "Canada", 55_000_000, EMILIE, False, 110_000, 0.05, 0.22, 0.22, "tamarackpet.ca"),
    ("Lindqvist & Söner Järnhandel AB", "FZ-020", "Wholesale Distribution", "Sweden", 27_000_000, SOFIE, False, 75_000, 0.00, 0.20, 0.20, "lindqvistsoner.se"),
    ("Quinta do Vale Azeites Lda", "FZ-021", "Food & Beverage", "Portugal", 12_000_000, MARCO, False, 60_000, -0.02, -0.11, -0.12, "quintadovale.pt"),
    ("Abercorn Textiles Ltd", "FZ-022", "Textiles", "United Kingdom", 33_000_000, TOM, False, 85_000, 0.01, 0.025, 0.025, "abercorntextiles.co.uk"),
    ("De Groot Tuinbouw BV", "FZ-023", "Horticulture", "Netherlands", 47_000_000, SOFIE, False, 130_000, 0.04, 0.27, 0.27, "degroot-tuinbouw.nl"),
    ("Moravia Glass s.r.o.", "FZ-024", "Glass Manufacturing", "Czech Republic", 72_000_000, JANA, False, 150_000, -0.03, 0.19, 0.19, "moraviaglass.cz"),
    ("Prairie Gold Grain Co.", "FZ-025", "Food & Beverage", "United States", 240_000_000, EMILIE, False, 190_000, 0.02, 0.21, 0.21, "prairiegoldgrain.com"),
    ("Harlow & Finch Distributors Ltd", "FZ-026", "Wholesale Distribution", "United Kingdom", 58_000_000, TOM, False, 140_000, -0.27, 0.17, 0.17, "harlowfinch.co.uk"),
    ("Società Agricola Ferri-Lanza", "FZ-027", "Food & Beverage", "Italy", 29_000_000, MARCO, False, 90_000, 0.01, 0.23, 0.23, "ferrilanza.it"),
    ("Zürcher Feinmechanik AG", "FZ-028", "Precision Engineering", "Switzerland", 36_000_000, JANA, False, 70_000, 0.02, 0.42, 0.42, "zuercher-feinmechanik.ch"),
    ("Blue Heron Seafood Co.", "FZ-029", "Food & Beverage", "United States", 66_000_000, EMILIE, False, 160_000, -0.01, 0.035, 0.035, "blueheronseafood.com"),
    ("Kildare Pharma Logistics Ltd", "FZ-030", "Pharma Distribution", "Ireland", 49_000_000, TOM, False, 100_000, 0.05, 0.22, 0.22, "kildarepharmalog.ie"),
    ("Montréal Érable Produits Inc.", "FZ-031", "Food & Beverage", "Canada", 24_000_000, EMILIE, False, 80_000, 0.03, 0.25, 0.25, "montreal-erable.ca"),
    ("Nordic Pallet Service Oy", "FZ-032", "Logistics", "Finland", 15_000_000, SOFIE, False, 65_000, -0.04, 0.22, 0.22, "nordicpallet.fi"),
    ("Grupo Alimentario Peñalver S.A.", "FZ-033", "Food & Beverage", "Spain", 150_000_000, MARCO, False, 170_000, 0.00, 0.20, 0.20, "penalver.es"),
    ("Eastgate Office Supplies Ltd", "FZ-034", "Wholesale Distribution", "United Kingdom", 11_000_000, TOM, False, 40_000, 0.02, 0.18, 0.18, "eastgateoffice.co.uk"),
    ("Wexford Meats Ltd", "FZ-035", "Food & Beverage", "Ireland", 52_000_000, TOM, False, 120_000, -0.05, 0.20, 0.20, "wexfordmeats.ie"),
    ("Steiermark Holzbau GmbH", "FZ-036", "Construction", "Austria", 44_000_000, JANA, False, 110_000, -0.33, 0.20, 0.20, "steiermark-holzbau.at"),
]

# Hand-written contacts (first, last, title) for key accounts and for people that cases name.
CONTACTS = {
    "Brauerei Höfler KG": [
        ("Sabine", "Höfler-Kranz", "Chief Operating Officer"),
        ("Anna", "Weber", "Head of Procurement"),
        ("Lukas", "Brandl", "Packaging Engineer"),
        ("Dieter", "Oberhauser", "CFO"),
        ("Mehmet", "Yıldız", "Plant Manager Bamberg"),
    ],
    "Nordvik Sjømat AS": [
        ("Ingrid", "Solberg", "CEO"),
        ("Erik", "Haugland", "Head of Procurement"),
        ("Marte", "Lie", "Quality Manager"),
        ("Anders", "Nygård", "CFO"),
        ("Sarah", "Olsen", "Logistics Coordinator"),
    ],
    "Château-Roussel Conserveries SA": [
        ("Mireille", "Durand", "Directrice financière (CFO)"),
        ("Olivier", "Roussel", "Directeur général"),
        ("Camille", "Lefèvre", "Acheteuse emballages (Packaging Buyer)"),
        ("Jean-Baptiste", "Morel", "Directeur des opérations"),
        ("Hélène", "Garnier", "Responsable qualité"),
    ],
    "Kessler-Wirth Maschinenbau GmbH": [
        ("Lukas", "Hartmann", "Head of Logistics"),
        ("Anna", "Kraus", "Purchasing Director"),
        ("Friedrich", "Wirth", "Managing Director"),
        ("Petra", "Vogel", "IT Director"),
        ("Thomas", "Aigner", "Plant Manager Ulm"),
    ],
    "Great Lakes Provisions Inc.": [
        ("Dana", "Whitfield", "VP Operations"),
        ("Marcus", "Greene", "Director of Procurement"),
        ("Linda", "Park", "CFO"),
        ("Jorge", "Castillo", "DC Manager Toledo"),
        ("Sarah", "Mitchell", "IT Director"),
        ("Kevin", "Brody", "Maintenance Supervisor"),
    ],
    "Ostrander Cold Chain Logistics Ltd.": [
        ("Gregory", "Ostrander", "President"),
        ("Nathalie", "Tremblay", "Head of Procurement"),
        ("Kevin", "Osei", "Warehouse Operations Manager"),
        ("Priya", "Raman", "Controller"),
    ],
    "Pennine Dairies Ltd": [
        ("Graham", "Whitaker", "Managing Director"),
        ("Fiona", "McLeod", "Procurement Manager"),
        ("Rajesh", "Patel", "Head of Engineering"),
        ("Claire", "Dobson", "Finance Director"),
        ("Owen", "Pryce", "Supply Chain Planner"),
    ],
    "Vlaamse Koekjesfabriek NV": [
        ("Bart", "Peeters", "CEO"),
        ("Els", "Van Damme", "Purchasing Manager"),
        ("Koen", "De Smet", "Operations Director"),
        ("Marie", "Claes", "CFO"),
        ("Joris", "Wouters", "Packaging Technologist"),
    ],
    "Iberfrut Distribución S.L.": [
        ("Javier", "Ortega Núñez", "Director General"),
        ("Lucía", "Fernández", "Jefa de Compras (Head of Purchasing)"),
        ("Pablo", "Marín", "Director de Operaciones"),
        ("Carmen", "Ruiz", "Directora Financiera (CFO)"),
    ],
    "Cascade Home Appliances Corp.": [
        ("Robert", "Haines", "VP Operations"),
        ("Michelle", "Tran", "Senior Buyer"),
        ("David", "Kowalski", "CFO"),
        ("Anna", "Lindgren", "Packaging Engineer"),
        ("Steve", "Brooks", "IT Director"),
    ],
    "Höfler Logistik GmbH": [
        ("Matthias", "Höfler", "Geschäftsführer"),
        ("Sarah", "Neumann", "Einkauf (Purchasing)"),
        ("Tobias", "Frank", "Lagerleiter (Warehouse Manager)"),
    ],
    "Nordvik Frozen Foods AB": [
        ("Erik", "Lindberg", "Purchasing Manager"),
        ("Karin", "Sjöberg", "VP Operations"),
        ("Johan", "Ek", "CFO"),
    ],
    "Dunmore Craft Cider Ltd": [
        ("Siobhan", "Kelly", "Managing Director"),
        ("Declan", "Murphy", "Operations Manager"),
        ("Aoife", "Byrne", "Finance Manager"),
    ],
    "Ridgeway Auto Parts LLC": [
        ("Peter", "Brandt", "CFO"),
        ("Angela", "Ruiz", "Head of Procurement"),
        ("Mike", "Dorsey", "VP Operations"),
        ("Tanya", "Webb", "Logistics Manager"),
    ],
    "Zürcher Feinmechanik AG": [
        ("Urs", "Bachmann", "Head of Purchasing"),
        ("Regula", "Meier", "CFO"),
        ("Beat", "Gerber", "Head of Production"),
    ],
    "Bäckerei Sonnleitner GmbH": [
        ("Franz", "Sonnleitner", "Geschäftsführer"),
        ("Theresa", "Huber", "Einkauf"),
        ("Maximilian", "Pichler", "Produktionsleiter"),
    ],
    "Quinta do Vale Azeites Lda": [
        ("João", "Carvalho", "Diretor-Geral"),
        ("Inês", "Moreira", "Responsável de Compras"),
        ("Rui", "Tavares", "Diretor Financeiro (CFO)"),
    ],
}

# Name pools for the remaining (non-key) accounts, by country.
POOLS = {
    "Poland": (["Katarzyna", "Piotr", "Agnieszka", "Tomasz", "Michał"], ["Nowak", "Wiśniewski", "Zielińska", "Dąbrowski", "Lewandowska"]),
    "Norway": (["Kari", "Ole", "Silje", "Håkon"], ["Berg", "Hansen", "Strand", "Bakke"]),
    "France": (["Sophie", "Julien", "Aurélie", "Nicolas"], ["Martin", "Bernard", "Dubois", "Lambert"]),
    "Canada": (["Émile", "Jessica", "Raj", "Geneviève", "Mark"], ["Bouchard", "Singh", "Côté", "MacDonald", "Leblanc"]),
    "Sweden": (["Per", "Maja", "Oskar", "Linnea"], ["Andersson", "Nilsson", "Lundgren", "Ström"]),
    "United Kingdom": (["James", "Emma", "Priya", "Callum", "Hannah"], ["Hughes", "Clarke", "Shah", "Fraser", "Marsh"]),
    "Netherlands": (["Daan", "Femke", "Ruud", "Lotte"], ["de Vries", "Bakker", "Visser", "Jansen"]),
    "Czech Republic": (["Jiří", "Petra", "Tomáš", "Lenka"], ["Novák", "Dvořáková", "Černý", "Procházka"]),
    "United States": (["Chris", "Megan", "Luis", "Rachel", "Brian"], ["Johnson", "Alvarez", "Nguyen", "Foster", "Sullivan"]),
    "Italy": (["Giulia", "Marco", "Francesca", "Luca"], ["Rossi", "Bianchi", "Ferrari", "Colombo"]),
    "Ireland": (["Niamh", "Ciarán", "Sinéad", "Pádraig"], ["O'Brien", "Walsh", "Ryan", "Doyle"]),
    "Finland": (["Mikko", "Aino", "Jukka", "Helmi"], ["Virtanen", "Korhonen", "Mäkinen", "Nieminen"]),
    "Spain": (["Álvaro", "Marta", "Sergio", "Elena"], ["García", "López", "Sánchez", "Jiménez"]),
    "Austria": (["Florian", "Katharina", "Stefan", "Magdalena"], ["Gruber", "Wagner", "Leitner", "Moser"]),
}
TITLES = ["CFO", "Head of Procurement", "VP Operations", "IT Director", "Purchasing Manager",
          "Plant Manager", "Logistics Manager", "Managing Director", "Warehouse Manager",
          "Packaging Engineer", "Quality Manager"]

SEASON = [0.95, 1.02, 1.0, 1.03]


def ascii_fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = s.replace("ø", "o").replace("ł", "l").replace("Ł", "L").replace("ı", "i")
    return "".join(ch for ch in s if not unicodedata.combining(ch) and ch.isascii())


def email(first, last, domain):
    f = ascii_fold(first).lower().replace(" ", "").replace("'", "")
    l = ascii_fold(last).lower().replace(" ", "-").replace("'", "")
    return f"{f}.{l}@{domain}"


def build_contacts():
    rows = []
    used = set()
    for (name, _id, _ind, country, _ar, _own, _key, *_rest, domain) in ACCOUNTS:
        if name in CONTACTS:
            people = CONTACTS[name]
        else:
            firsts, lasts = POOLS[country]
            n = RNG.randint(3, 5)
            titles = RNG.sample(TITLES, n)
            people = []
            for i in range(n):
                while True:
                    f, l = RNG.choice(firsts), RNG.choice(lasts)
                    if (f, l) not in used:
                        break
                used.add((f, l))
                people.append((f, l, titles[i]))
            CONTACTS[name] = people
        for f, l, t in people:
            used.add((f, l))
            rows.append({"First Name": f, "Last Name": l, "Title": t, "Account Name": name,
                         "Email": email(f, l, domain)})
    return rows


def build_financials():
    rows = []
    for (name, _id, _ind, _c, _ar, _own, _key, base, growth, m25, m26, _dom) in ACCOUNTS:
        for year in (2025, 2026):
            for q in range(4):
                level = base * (1 + growth) if year == 2026 else base
                rev = level * SEASON[q] * (1 + RNG.uniform(-0.015, 0.015))
                margin = (m25 if year == 2025 else m26) + RNG.uniform(-0.006, 0.006)
                cost = rev * (1 - margin)
                rows.append({"Account": name, "Period": f"{year}-Q{q + 1}",
                             "Revenue": f"{round(rev, -2):.0f}", "Cost": f"{round(cost, -2):.0f}"})
    return rows


# ---------------------------------------------------------------- notes
COMPETITORS = ["Smurfit Westrock", "DS Smith", "Mondi", "Pregis", "a local converter"]

TEMPLATES = [
    "QBR with {c1} ({t1}) and {c2} ({t2}). Went through volumes, OTIF at {otif}% for the quarter. "
    "They want a forecast for film usage next quarter. Nothing dramatic.",
    "Site visit at {acct}. Walked the end-of-line with {c1}. Two of our pallet wrappers running fine, "
    "one needs a new pre-stretch roller - service tech booked.",
    "Call with {c1} about the paper surcharge. Explained the +{pct}% on corrugated from next month "
    "(containerboard index). They accepted, asked for 60 days notice next time.",
    "Sent {c1} the updated spec for the {box} boxes. {c2} cc'd. Waiting for sign-off from their quality team.",
    "Downgauging trial: {film}µ film instead of {film2}µ on line 2. {c1} reports no load failures so far, "
    "saving about {saving}% film weight. Will review after 4 weeks.",
    "{comp} was in there last week offering cheaper stretch film, per {c1}. Price gap about {gap}%. "
    "We hold on service and uptime, not on price.",
    "Annual service visit done on the wrapping machines. Report sent to {c1}. Minor wear on the turntable bearings.",
    "Delivery incident: one truck of {box} boxes arrived {late} days late. Apologised to {c1}, credited freight. "
    "Root cause was our warehouse, not the haulier.",
    "Sustainability workshop with {c1} and {c2}: they want recycled content figures per SKU and FSC certificates. "
    "Sent the certificates the same day.",
    "Invoice query from {c1}: {inv} billed twice in {month}. Credit note raised, sorted.",
    "Lunch with {c1} ({t1}). General catch-up, talked about their capex plans for next year. "
    "Possible new line, no details yet.",
    "Price review meeting with {c1}. Agreed to keep film prices flat for the next quarter against a volume "
    "commitment of {vol} rolls.",
    "Emailed {c1} the consumption report for the last 6 months (boxes and film).",
    "Training session for their operators on the wrapper settings, organised with {c1}. 8 people attended.",
]
BOXES = ["RSC", "die-cut tray", "wrap-around", "double-wall export", "shelf-ready"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def fill(template, acct, people):
    p = RNG.sample(people, 2) if len(people) >= 2 else people * 2
    film = RNG.choice([17, 20, 23])
    return template.format(
        acct=acct, c1=f"{p[0][0]} {p[0][1]}", t1=p[0][2], c2=f"{p[1][0]} {p[1][1]}", t2=p[1][2],
        otif=RNG.choice([94, 95, 96, 97, 98]), pct=RNG.choice([3, 4, 5, 6]), box=RNG.choice(BOXES),
        film=film, film2=film + RNG.choice([3, 5]), saving=RNG.choice([8, 10, 12, 15]),
        comp=RNG.choice(COMPETITORS), gap=RNG.choice([4, 6, 8, 10]), late=RNG.choice([2, 3, 4]),
        inv=f"INV-{RNG.randint(24000, 29999)}", month=RNG.choice(MONTHS), vol=RNG.choice([800, 1200, 2000, 3500]))


def rand_date(start, end):
    return start + timedelta(days=RNG.randint(0, (end - start).days))


D = date.fromisoformat

# (account, date, note) hand-written notes; author = account owner unless given as 4th element.
HAND_NOTES = [
    # Brauerei Höfler KG (key, growing)
    ("Brauerei Höfler KG", "2025-11-12", "Won the stretch film volume for the new Kulmbach plant from 2026 - roughly +30% on the account. "
     "Anna Weber (Head of Procurement) pushed for us internally, she has been a real supporter since the Bamberg rollout."),
    ("Brauerei Höfler KG", "2026-03-04", "Installed 3 new pallet wrapping machines at Kulmbach, service contract signed for 3 years. "
     "Mehmet Yıldız happy with the commissioning."),
    ("Brauerei Höfler KG", "2026-10-08", "Meeting with Dieter Oberhauser (CFO) and Anna Weber. Dieter is skeptical about the machine lease "
     "rate - says it is above what Mondi offered them, and he questions the value of the service contract. "
     "Anna defended us. Need a better TCO story for Dieter."),
    ("Brauerei Höfler KG", "2026-11-05", "Learned that Lukas Brandl (packaging engineer) reports to Sabine Höfler-Kranz, the COO, "
     "not to procurement. So technical sign-off for the 17µ film goes through Sabine's org."),
    ("Brauerei Höfler KG", "2026-11-26", "Call with Anna Weber on the 2027 contract. She wants film prices linked to a PE resin index. "
     "I promised to send the price index proposal by Friday 18 Dec. Anna very positive, expects renewal if the index works for Dieter."),
    # Nordvik Sjømat AS (key, stable)
    ("Nordvik Sjømat AS", "2026-08-19", "Incident: wet-strength boxes collapsed in the Ålesund cold store, two pallets of salmon damaged. "
     "Agreed a credit note of EUR 18,400. Erik Haugland very upset."),
    ("Nordvik Sjømat AS", "2026-09-10", "Erik Haugland (Head of Procurement) told me straight that he is against renewing with us after "
     "the box collapse and has invited Smurfit Westrock to quote. Ingrid Solberg more balanced."),
    ("Nordvik Sjømat AS", "2026-10-14", "Quality review with Marte Lie: she signed off a trial of the new wax-free, water-resistant box "
     "for the cold store. Trial starts November on line 1."),
    ("Nordvik Sjømat AS", "2026-11-09", "Met Ingrid Solberg (CEO) and Anders Nygård. Ingrid wants a CO2 footprint per box type for their "
     "retailer reporting. I promised to send the CO2 footprint data per box type by end of December."),
    ("Nordvik Sjømat AS", "2026-11-30", "Wax-free box trial going well after 3 weeks, zero collapses. Marte Lie positive. "
     "Erik still cautious but agreed to postpone the Smurfit Westrock tender until the trial ends."),
    # Château-Roussel (key, declining)
    ("Château-Roussel Conserveries SA", "2026-01-20", "Bad news: lost the die-cut tray business to DS Smith from February, "
     "about a third of the account. Price was the reason, 9% below us."),
    ("Château-Roussel Conserveries SA", "2026-04-15", "Org chart clarified: Camille Lefèvre (packaging buyer) reports to Mireille Durand, "
     "the CFO - purchasing sits under finance there."),
    ("Château-Roussel Conserveries SA", "2026-10-02", "Visit in Quimper. Jean-Baptiste Morel (operations) is very positive about us - "
     "our wrapper service is the only one that shows up within 24h. Olivier Roussel skeptical, thinks we are too expensive."),
    ("Château-Roussel Conserveries SA", "2026-11-18", "Meeting with Mireille Durand and Camille Lefèvre. We promised a 4% rebate on 2027 "
     "trays if they bring the tray volume back and exceed 2 million units. DS Smith quality issues help us."),
    # Kessler-Wirth (key, stable)
    ("Kessler-Wirth Maschinenbau GmbH", "2026-06-11", "EDI project kick-off with Petra Vogel (IT Director): they want ASN messages "
     "and e-invoicing with us by Q1 2027."),
    ("Kessler-Wirth Maschinenbau GmbH", "2026-10-21", "Friedrich Wirth (MD) approved the framework for VCI film and heavy-duty export crates "
     "for 2027. Anna Kraus negotiating payment terms, wants 90 days."),
    ("Kessler-Wirth Maschinenbau GmbH", "2026-11-24", "Lukas Hartmann (logistics) reports to Friedrich Wirth directly. Lukas asked for "
     "a crate redesign for the Ulm plant, Thomas Aigner involved."),
    # Great Lakes Provisions (key, growing)
    ("Great Lakes Provisions Inc.", "2025-09-23", "Won the stretch film and wrapper fleet for their new Toledo and Grand Rapids DCs. "
     "Marcus Greene championed us against Pregis."),
    ("Great Lakes Provisions Inc.", "2026-05-06", "Third new DC in Erie live with 4 of our wrappers. Account up strongly this year."),
    ("Great Lakes Provisions Inc.", "2026-10-20", "Found out Jorge Castillo (DC Manager Toledo) reports to Dana Whitfield, VP Operations. "
     "Good to know for escalations."),
    ("Great Lakes Provisions Inc.", "2026-11-04", "Linda Park (CFO) is skeptical about the service contract renewal - thinks the "
     "per-machine fee is too high and wants to compare with in-house maintenance. Dana Whitfield neutral."),
    ("Great Lakes Provisions Inc.", "2026-12-03", "Call with Marcus Greene, still our champion. I promised the service contract renewal "
     "offer (3 years, 14 machines) by 15 Dec, with uptime figures to help him with Linda Park."),
    # Ostrander (key, gone cold)
    ("Ostrander Cold Chain Logistics Ltd.", "2026-02-17", "QBR with Nathalie Tremblay and Kevin Osei. Volumes stable, they are happy with "
     "the film but complain about delivery lead times to Mississauga."),
    ("Ostrander Cold Chain Logistics Ltd.", "2026-05-14", "Short call with Gregory Ostrander. He mentioned a pallet wrap tender maybe "
     "at the end of the year. Need to follow up."),
    # Pennine Dairies (key, declining)
    ("Pennine Dairies Ltd", "2026-02-09", "Pennine announced they will close the Skipton plant by summer; the yoghurt tray lines go "
     "to a co-packer. Big hit to our volume."),
    ("Pennine Dairies Ltd", "2026-06-30", "Claire Dobson started as new Finance Director. First meeting was polite, she is reviewing "
     "all supplier contracts."),
    ("Pennine Dairies Ltd", "2026-09-15", "Skipton closure confirmed for end of September. Fiona McLeod (Procurement) is against us "
     "staying sole supplier, she keeps pushing Mondi's pricing and wants a 2027 tender."),
    ("Pennine Dairies Ltd", "2026-10-27", "Rajesh Patel (Head of Engineering) very positive - our wrappers had 99.2% uptime in Leeds. "
     "He will support us in the tender."),
    ("Pennine Dairies Ltd", "2026-11-12", "Graham Whitaker asked how we can cut their film spend. We promised a free audit of film usage "
     "on the Leeds line in January."),
    # Vlaamse Koekjesfabriek (key, loss-making)
    ("Vlaamse Koekjesfabriek NV", "2025-10-07", "Cost review: the account loses money - many small rush orders, short print runs of "
     "custom printed boxes, 3 deliveries a week to Kortrijk."),
    ("Vlaamse Koekjesfabriek NV", "2026-03-18", "Koen De Smet (Operations Director) reports to Bart Peeters, the CEO. Koen is open to "
     "consolidating deliveries to once a week."),
    ("Vlaamse Koekjesfabriek NV", "2026-10-13", "Price meeting with Els Van Damme (Purchasing). She is hostile to any price increase and "
     "threatened to move the printed boxes to a local converter. In the end I promised Els to hold prices until 31 March 2027."),
    ("Vlaamse Koekjesfabriek NV", "2026-11-17", "Marie Claes (CFO) understands we lose money on them, she is open to minimum order "
     "quantities. Els still against."),
    # Iberfrut (key, gone cold)
    ("Iberfrut Distribución S.L.", "2026-01-28", "Visit to Valencia with Lucía Fernández and Pablo Marín. Interested in thinner film for "
     "the fruit pallets."),
    ("Iberfrut Distribución S.L.", "2026-04-22", "Short call with Carmen Ruiz about payment terms; she wants 75 days. Left it open."),
    # Cascade (key, stable)
    ("Cascade Home Appliances Corp.", "2026-06-25", "Project with Anna Lindgren (packaging engineer): replace EPS foam with corrugated "
     "inserts on the dishwasher line. Robert Haines sponsors it."),
    ("Cascade Home Appliances Corp.", "2026-10-29", "Michelle Tran (Senior Buyer) reports to Robert Haines. She asked for a quote on "
     "3 SKUs of corrugated inserts. Steve Brooks wants us on their supplier portal."),
    ("Cascade Home Appliances Corp.", "2026-11-23", "Drop tests on the corrugated inserts booked for early December in Louisville."),
    # Non-key with recent facts
    ("Höfler Logistik GmbH", "2026-06-02", "Höfler Logistik (no relation to the brewery, Matthias Höfler confirmed) doubled their "
     "stretch film volume after winning a retail contract."),
    ("Höfler Logistik GmbH", "2026-12-03", "Sarah Neumann asked for a demo of our semi-automatic wrapping machine in January."),
    ("Dunmore Craft Cider Ltd", "2026-11-20", "Siobhan Kelly keen to move all cider cases to us for 2027. Growing fast in UK retail."),
    ("Ridgeway Auto Parts LLC", "2026-10-14", "Ridgeway moving most inbound parts to reusable plastic totes. Corrugated volume down a lot. "
     "Peter Brandt (CFO) drives it."),
    ("Zürcher Feinmechanik AG", "2026-11-16", "Urs Bachmann happy with the foam-lined boxes, small but very profitable account."),
    ("Bäckerei Sonnleitner GmbH", "2026-03-10", "Sonnleitner orders twice a week in tiny quantities; freight eats the margin. We lose "
     "money on every delivery. Franz Sonnleitner not interested in minimum quantities."),
    ("Quinta do Vale Azeites Lda", "2026-02-24", "Freight to the Alentejo is absorbed by us under the old contract. The account runs "
     "at a loss. Inês Moreira wants to keep it that way."),
]

# templated notes: per account (count, start, end)
KEY_WINDOW = (D("2025-01-08"), D("2026-09-30"))
COLD_END = {"Ostrander Cold Chain Logistics Ltd.": D("2026-05-01"), "Iberfrut Distribución S.L.": D("2026-04-10")}
NONKEY_WINDOW = (D("2025-01-08"), D("2026-08-31"))


def build_notes():
    rows = []
    for (name, _id, _ind, _c, _ar, owner, key, *_rest) in ACCOUNTS:
        people = CONTACTS[name]
        if key:
            n = RNG.randint(10, 13)
            start, end = KEY_WINDOW
            end = COLD_END.get(name, end)
        else:
            n = RNG.randint(1, 4)
            start, end = NONKEY_WINDOW
        for _ in range(n):
            d = rand_date(start, end)
            rows.append({"Account": name, "Date": d.isoformat(), "Author": owner,
                         "Note": fill(RNG.choice(TEMPLATES), name, people)})
    owners = {a[0]: a[5] for a in ACCOUNTS}
    for item in HAND_NOTES:
        acct, d, text = item[:3]
        rows.append({"Account": acct, "Date": d, "Author": item[3] if len(item) > 3 else owners[acct],
                     "Note": text})
    rows.sort(key=lambda r: (r["Date"], r["Account"]))
    return rows


def write(fname, fields, rows):
    with open(os.path.join(HERE, fname), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)


def main():
    accounts = [{"Account Name": a[0], "Account ID": a[1], "Industry": a[2], "Billing Country": a[3],
                 "Annual Revenue": str(a[4]), "Account Owner": a[5], "Tier": "Key" if a[6] else ""}
                for a in ACCOUNTS]
    write("accounts.csv", ["Account Name", "Account ID", "Industry", "Billing Country", "Annual Revenue",
                           "Account Owner", "Tier"], accounts)
    write("contacts.csv", ["First Name", "Last Name", "Title", "Account Name", "Email"], build_contacts())
    write("financials.csv", ["Account", "Period", "Revenue", "Cost"], build_financials())
    write("notes.csv", ["Account", "Date", "Author", "Note"], build_notes())


if __name__ == "__main__":
    main()
