#!/usr/bin/env python3
"""Deterministic CRM export for blind set B.

Seller (invented): Tessellate Health Systems Inc. -- a clinical scheduling platform
("Tessellate Rota"), data integration services and managed support, selling to hospitals,
clinic groups, universities and insurers in the US and UK. Currency USD.

Writes accounts.csv, contacts.csv, notes.csv, financials.csv next to this file.
Run: python3 generate.py
"""
import csv
import datetime as dt
import os
import random
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
TODAY = dt.date(2026, 12, 7)
PERIODS = [f"{y}-Q{q}" for y in (2025, 2026) for q in (1, 2, 3, 4)]

PRIYA = "Priya Natarajan"
TOMAS = "Tomás Ferreira"
GRACE = "Grace O'Donnell"
JONAS = "Jonas Lindqvist"
DANA = "Dana Whitfield"

# name, id, industry, country, customer's own annual revenue, owner, tier,
# base quarterly revenue to us (2025-Q1), quarterly growth, cost ratio, noise,
# last-note rule: "recent" (a note in the last 3-6 weeks), a date string (no note after it), or None (no notes)
ACCOUNTS = [
    # ---- Key accounts (10)
    ("Kingsbridge University Hospitals NHS Trust", "TH-1001", "Hospital & Health Care", "United Kingdom", 1450000000, PRIYA, "Key", 615000, 0.010, 0.62, False, "recent"),
    ("Mercy-Lakeshore Health System", "TH-1002", "Hospital & Health Care", "United States", 3200000000, DANA, "Key", 540000, 0.015, 0.58, False, "recent"),
    ("Halloran Medical Group", "TH-1003", "Medical Practice", "United States", 410000000, TOMAS, "Key", 160000, 0.090, 0.66, False, "recent"),
    ("Ashworth-Pryce University", "TH-1004", "Higher Education", "United Kingdom", 690000000, GRACE, "Key", 140000, 0.070, 0.70, False, "recent"),
    ("Blue Heron Mutual", "TH-1005", "Insurance", "United States", 5800000000, JONAS, "Key", 480000, 0.005, 0.55, False, "recent"),
    ("St. Aldhelm's Healthcare NHS Foundation Trust", "TH-1006", "Hospital & Health Care", "United Kingdom", 880000000, PRIYA, "Key", 260000, 0.020, 0.68, False, "recent"),
    ("Pinecrest Orthopaedic Partners", "TH-1007", "Medical Practice", "United States", 230000000, TOMAS, "Key", 190000, 0.000, 0.72, False, "2026-04-22"),
    ("Calloway State University Health", "TH-1008", "Higher Education", "United States", 520000000, DANA, "Key", 210000, 0.025, 0.64, False, "recent"),
    ("Wrexford & Dale Insurance", "TH-1009", "Insurance", "United Kingdom", 2100000000, JONAS, "Key", 300000, -0.070, 0.71, False, "2026-05-14"),
    ("Sagebrush Community Health", "TH-1010", "Medical Practice", "United States", 150000000, GRACE, "Key", 230000, 0.010, 1.09, False, "recent"),
    # ---- Other accounts (26)
    ("Kingsbridge Community Clinics", "TH-1011", "Medical Practice", "United Kingdom", 64000000, PRIYA, "", 88000, 0.010, 0.975, False, "recent"),
    ("Mercy Valley Clinics", "TH-1012", "Medical Practice", "United States", 97000000, DANA, "", 72000, 0.020, 0.61, True, "recent"),
    ("Brennan-Ochoa Pediatrics", "TH-1013", "Medical Practice", "United States", 48000000, TOMAS, "", 52000, 0.120, 0.60, False, "recent"),
    ("Elmstead Primary Care Network", "TH-1014", "Medical Practice", "United Kingdom", 38000000, PRIYA, "", 41000, 0.015, 0.66, True, "recent"),
    ("Dunmore College of Nursing", "TH-1015", "Higher Education", "United Kingdom", 71000000, GRACE, "", 36000, -0.010, 0.69, True, "2026-03-10"),
    ("Rosales Health Plans", "TH-1016", "Insurance", "United States", 1300000000, JONAS, "", 118000, 0.020, 0.57, True, "recent"),
    ("Greyfriars Clinic Group", "TH-1017", "Medical Practice", "United Kingdom", 120000000, PRIYA, "", 96000, -0.060, 0.67, False, "recent"),
    ("Tidewater Regional Medical Center", "TH-1018", "Hospital & Health Care", "United States", 610000000, DANA, "", 165000, -0.080, 0.69, False, "recent"),
    ("Montaño Family Health", "TH-1019", "Medical Practice", "United States", 29000000, TOMAS, "", 27000, 0.020, 0.63, True, "recent"),
    ("Clínica Esperanza Network", "TH-1020", "Medical Practice", "United States", 85000000, TOMAS, "", 61000, 0.100, 0.62, False, "recent"),
    ("Beaumont-Léger Eye Institute", "TH-1021", "Medical Practice", "United States", 56000000, DANA, "", 44000, 0.000, 0.60, True, "recent"),
    ("Harrowgate Sports Medicine", "TH-1022", "Medical Practice", "United Kingdom", 22000000, GRACE, "", 23000, 0.010, 0.72, True, "recent"),
    ("Oakhurst University", "TH-1023", "Higher Education", "United States", 940000000, GRACE, "", 79000, 0.080, 0.65, False, "recent"),
    ("Penrose Life & Health", "TH-1024", "Insurance", "United States", 2700000000, JONAS, "", 142000, -0.100, 0.64, False, "2026-06-18"),
    ("Coldwater Behavioral Health", "TH-1025", "Mental Health Care", "United States", 74000000, DANA, "", 67000, 0.010, 1.18, False, "recent"),
    ("Strathmore Health Board", "TH-1026", "Government Administration", "United Kingdom", 1900000000, PRIYA, "", 132000, 0.010, 0.66, True, "recent"),
    ("Vale of Cawdor Hospice", "TH-1027", "Hospital & Health Care", "United Kingdom", 18000000, GRACE, "", 31000, 0.000, 1.12, False, "recent"),
    ("Redfern Imaging Partners", "TH-1028", "Medical Practice", "United States", 66000000, DANA, "", 83000, 0.015, 0.97, False, "recent"),
    ("Lindgren Cancer Center", "TH-1029", "Hospital & Health Care", "United States", 310000000, DANA, "", 104000, 0.020, 0.63, True, "recent"),
    ("Bramwell Insurance Group", "TH-1030", "Insurance", "United Kingdom", 880000000, JONAS, "", 99000, 0.010, 0.59, True, "recent"),
    ("North Fenwick Medical Practice", "TH-1031", "Medical Practice", "United Kingdom", 9000000, PRIYA, "", 14000, 0.000, 0.74, True, "recent"),
    ("Saint-Clair Rehabilitation Hospital", "TH-1032", "Hospital & Health Care", "United States", 140000000, TOMAS, "", 58000, 0.010, 0.68, True, "recent"),
    ("Wexham Dental Group", "TH-1033", "Medical Practice", "United Kingdom", 26000000, GRACE, "", 19000, 0.000, 0.70, True, "2026-06-02"),
    ("Prairie Lantern Clinics", "TH-1034", "Medical Practice", "United States", 43000000, TOMAS, "", 38000, 0.020, 0.65, True, "recent"),
    ("Cheswick School of Medicine", "TH-1035", "Higher Education", "United States", 260000000, DANA, "", 86000, 0.010, 0.67, True, "recent"),
    ("Blue Heron Dental Plans", "TH-1036", "Insurance", "United States", 340000000, JONAS, "", 47000, 0.015, 0.63, True, None),
]

DOMAINS = {
    "Kingsbridge University Hospitals NHS Trust": "kbuh.nhs.uk",
    "Mercy-Lakeshore Health System": "mercylakeshore.org",
    "Halloran Medical Group": "halloranmg.com",
    "Ashworth-Pryce University": "ashworth-pryce.ac.uk",
    "Blue Heron Mutual": "blueheronmutual.com",
    "St. Aldhelm's Healthcare NHS Foundation Trust": "staldhelms.nhs.uk",
    "Pinecrest Orthopaedic Partners": "pinecrestortho.com",
    "Calloway State University Health": "health.callowaystate.edu",
    "Wrexford & Dale Insurance": "wrexforddale.co.uk",
    "Sagebrush Community Health": "sagebrushhealth.org",
    "Kingsbridge Community Clinics": "kbcc.nhs.uk",
    "Mercy Valley Clinics": "mercyvalley.org",
    "Brennan-Ochoa Pediatrics": "brennanochoa.com",
    "Elmstead Primary Care Network": "elmsteadpcn.nhs.uk",
    "Dunmore College of Nursing": "dunmore.ac.uk",
    "Rosales Health Plans": "rosaleshp.com",
    "Greyfriars Clinic Group": "greyfriarsclinics.co.uk",
    "Tidewater Regional Medical Center": "tidewaterrmc.org",
    "Montaño Family Health": "montanofh.com",
    "Clínica Esperanza Network": "clinicaesperanza.org",
    "Beaumont-Léger Eye Institute": "beaumontleger.com",
    "Harrowgate Sports Medicine": "harrowgatesm.co.uk",
    "Oakhurst University": "oakhurst.edu",
    "Penrose Life & Health": "penroselh.com",
    "Coldwater Behavioral Health": "coldwaterbh.org",
    "Strathmore Health Board": "strathmore.scot.nhs.uk",
    "Vale of Cawdor Hospice": "cawdorhospice.org.uk",
    "Redfern Imaging Partners": "redfernimaging.com",
    "Lindgren Cancer Center": "lindgrencc.org",
    "Bramwell Insurance Group": "bramwellgroup.co.uk",
    "North Fenwick Medical Practice": "northfenwick.nhs.uk",
    "Saint-Clair Rehabilitation Hospital": "saintclairrehab.org",
    "Wexham Dental Group": "wexhamdental.co.uk",
    "Prairie Lantern Clinics": "prairielantern.com",
    "Cheswick School of Medicine": "med.cheswick.edu",
    "Blue Heron Dental Plans": "blueherondental.com",
}

CONTACTS = {
    "Kingsbridge University Hospitals NHS Trust": [
        ("Fiona", "Byrne", "Chief Financial Officer"),
        ("Owain", "Price", "Chief Information Officer"),
        ("Raj", "Mehta", "Head of Digital Services"),
        ("Claire", "Hollis", "Head of Procurement"),
        ("Dr. Nkechi", "Adeyemi", "Medical Director"),
    ],
    "Mercy-Lakeshore Health System": [
        ("Amara", "Okafor", "Chief Medical Officer"),
        ("Greg", "Halvorsen", "Head of Procurement"),
        ("Denise", "Castellano", "VP Operations"),
        ("Kevin", "Tran", "IT Director"),
        ("Maria", "Lopez", "Director of Nursing Workforce"),
        ("Paul", "Drummond", "Chief Financial Officer"),
    ],
    "Halloran Medical Group": [
        ("Brent", "Kowalski", "VP Operations"),
        ("Shauna", "Halloran", "Chief Executive Officer"),
        ("Victor", "Aguilar", "IT Director"),
        ("Leah", "Goldberg", "Practice Administration Manager"),
    ],
    "Ashworth-Pryce University": [
        ("Ingrid", "Solberg", "Pro-Vice-Chancellor (Operations)"),
        ("Martin", "Cole", "Director of Estates & Timetabling"),
        ("Aisha", "Rahman", "Head of IT Services"),
        ("Peter", "Ng", "Head of Procurement"),
    ],
    "Blue Heron Mutual": [
        ("Marcus", "Thorne", "Chief Financial Officer"),
        ("Janelle", "Brooks", "SVP Provider Network"),
        ("Ethan", "Park", "Director of Data Integration"),
        ("Rosa", "Delgado", "Vendor Management Lead"),
        ("Sam", "Whitaker", "Chief Information Officer"),
    ],
    "St. Aldhelm's Healthcare NHS Foundation Trust": [
        ("Siobhán", "Kearney", "Chief Operating Officer"),
        ("David", "Llewellyn", "Director of Finance"),
        ("Hannah", "Frost", "Head of Workforce Systems"),
        ("Imran", "Qureshi", "IT Director"),
    ],
    "Pinecrest Orthopaedic Partners": [
        ("Marisol", "Duarte", "Chief Financial Officer"),
        ("Kyle", "Brandt", "Practice Operations Director"),
        ("Tina", "Osei", "IT Manager"),
    ],
    "Calloway State University Health": [
        ("Robert", "Ellison", "Associate Vice President, Student Health"),
        ("Naomi", "Fischer", "IT Director"),
        ("Luis", "Ortega", "Head of Procurement"),
        ("Kim", "Yamada", "Clinic Operations Manager"),
    ],
    "Wrexford & Dale Insurance": [
        ("Helen", "Marsh", "Chief Operating Officer"),
        ("Tom", "Ashby", "IT Director"),
        ("Gareth", "Pugh", "Head of Procurement"),
        ("Lydia", "Sørensen", "Claims Operations Manager"),
    ],
    "Sagebrush Community Health": [
        ("Daniel", "Whitehorse", "Chief Executive Officer"),
        ("Carla", "Reyes", "Chief Financial Officer"),
        ("Ben", "Tolliver", "IT Coordinator"),
        ("Maria", "Sandoval", "Clinic Operations Director"),
    ],
    "Kingsbridge Community Clinics": [
        ("Joanne", "Pike", "Operations Manager"),
        ("Neil", "Arkwright", "Finance Lead"),
        ("Fiona", "McAllister", "Clinical Lead"),
    ],
    "Mercy Valley Clinics": [
        ("Angela", "Russo", "Executive Director"),
        ("Tyler", "Banks", "IT Manager"),
        ("Gloria", "Whitman", "Office Manager"),
    ],
    "Brennan-Ochoa Pediatrics": [
        ("Sofía", "Ochoa", "Managing Partner"),
        ("Liam", "Brennan", "Practice Administrator"),
        ("Deepa", "Iyer", "IT Lead"),
    ],
    "Elmstead Primary Care Network": [
        ("Ruth", "Calder", "Clinical Director"),
        ("Owen", "Baptiste", "PCN Manager"),
        ("Zara", "Hussain", "Digital Transformation Lead"),
    ],
    "Dunmore College of Nursing": [
        ("Eilidh", "Fraser", "Dean of Nursing"),
        ("Mark", "Tennant", "Head of IT"),
        ("Sarah", "Doyle", "Placements Coordinator"),
    ],
    "Rosales Health Plans": [
        ("Victoria", "Rosales", "Chief Executive Officer"),
        ("Andre", "Simmons", "VP Network Operations"),
        ("Mei", "Chen", "Director of IT"),
        ("Frank", "Guzman", "Head of Procurement"),
    ],
    "Greyfriars Clinic Group": [
        ("Fiona", "Walsh", "Chief Executive"),
        ("Callum", "Reid", "Finance Director"),
        ("Priyanka", "Shah", "IT Manager"),
        ("Hugh", "Bennett", "Head of Procurement"),
    ],
    "Tidewater Regional Medical Center": [
        ("Walter", "Pruitt", "Chief Financial Officer"),
        ("Renee", "Dubois", "Chief Nursing Officer"),
        ("Jamal", "Carter", "IT Director"),
        ("Cheryl", "Lambert", "Procurement Manager"),
    ],
    "Montaño Family Health": [
        ("Javier", "Montaño", "Medical Director"),
        ("Olivia", "Grant", "Practice Manager"),
        ("Nate", "Ruiz", "IT Consultant"),
    ],
    "Clínica Esperanza Network": [
        ("Héctor", "Salinas", "VP Operations"),
        ("Lucía", "Navarro", "Scheduling Manager"),
        ("Carmen", "Vidal", "Chief Financial Officer"),
        ("Diego", "Ferrer", "IT Director"),
    ],
    "Beaumont-Léger Eye Institute": [
        ("Étienne", "Beaumont", "Managing Director"),
        ("Rachel", "Léger", "Chief Operating Officer"),
        ("Chris", "Hammond", "IT Manager"),
    ],
    "Harrowgate Sports Medicine": [
        ("Jamie", "Lockhart", "Clinic Director"),
        ("Beth", "Marlow", "Operations Coordinator"),
        ("Ollie", "Stroud", "Finance Manager"),
    ],
    "Oakhurst University": [
        ("Patricia", "Vance", "Vice President, Finance"),
        ("Darnell", "Hughes", "Director of Student Health Services"),
        ("Emily", "Sato", "Chief Information Officer"),
        ("Brian", "Kessler", "Head of Procurement"),
    ],
    "Penrose Life & Health": [
        ("Gordon", "Alcott", "Chief Operating Officer"),
        ("Stephanie", "Lyle", "VP Vendor Management"),
        ("Raymond", "Ocampo", "IT Director"),
    ],
    "Coldwater Behavioral Health": [
        ("Linda", "Marsh", "Executive Director"),
        ("Jerome", "Watts", "Finance Director"),
        ("Ava", "Kowalczyk", "Clinical Operations Manager"),
        ("Sean", "Fitzgerald", "IT Lead"),
    ],
    "Strathmore Health Board": [
        ("Alasdair", "MacLeod", "Director of Finance"),
        ("Morag", "Cunningham", "Head of eHealth"),
        ("David", "Ross", "Head of Procurement"),
        ("Ishbel", "Grant", "Workforce Planning Manager"),
    ],
    "Vale of Cawdor Hospice": [
        ("Margaret", "Innes", "Chief Executive"),
        ("Graham", "Sutherland", "Finance Manager"),
        ("Kirsty", "Boyd", "Nursing Lead"),
    ],
    "Redfern Imaging Partners": [
        ("Alan", "Redfern", "Managing Partner"),
        ("Tamara", "Wilkes", "Chief Financial Officer"),
        ("Jon", "Pettersen", "PACS & IT Manager"),
    ],
    "Lindgren Cancer Center": [
        ("Erik", "Lindgren", "President"),
        ("Monique", "Baptiste", "VP Operations"),
        ("Harold", "Yoon", "IT Director"),
        ("Susan", "Clarke", "Director of Procurement"),
    ],
    "Bramwell Insurance Group": [
        ("Nicholas", "Bramwell", "Chief Executive"),
        ("Anita", "Kaur", "Head of Operations"),
        ("Stuart", "Penhale", "IT Director"),
    ],
    "North Fenwick Medical Practice": [
        ("Dr. Gwen", "Tate", "Senior Partner"),
        ("Lorraine", "Healey", "Practice Manager"),
        ("Adam", "Wise", "IT Support Lead"),
    ],
    "Saint-Clair Rehabilitation Hospital": [
        ("Michelle", "Saint-Clair", "Chief Executive Officer"),
        ("Curtis", "Boone", "Chief Financial Officer"),
        ("Yolanda", "Perez", "Therapy Services Director"),
        ("Ivan", "Petrov", "IT Manager"),
    ],
    "Wexham Dental Group": [
        ("Philippa", "Wexham", "Clinical Director"),
        ("Rob", "Yardley", "Operations Manager"),
        ("Nadia", "Farouk", "Finance Officer"),
    ],
    "Prairie Lantern Clinics": [
        ("Dale", "Jorgensen", "Chief Executive Officer"),
        ("Becky", "Holm", "Practice Operations Manager"),
        ("Marco", "Bellini", "IT Lead"),
    ],
    "Cheswick School of Medicine": [
        ("Helena", "Voss", "Associate Dean for Clinical Affairs"),
        ("Raymond", "Chu", "Chief Information Officer"),
        ("Tasha", "Greene", "Procurement Officer"),
        ("Omar", "Haddad", "Residency Program Administrator"),
    ],
    "Blue Heron Dental Plans": [
        ("Karen", "Liu", "VP Operations"),
        ("Doug", "Fenner", "IT Manager"),
        ("Sandra", "Ekwueme", "Procurement Lead"),
    ],
}

# Hand-written notes: (account, date, author, note). These carry the facts the cases ask about.
N = []
def note(acc, date, author, text):
    N.append((acc, date, author, text))

KUH = "Kingsbridge University Hospitals NHS Trust"
note(KUH, "2025-02-11", PRIYA, "Kick-off for the Tessellate Rota renewal with Owain Price (CIO) and Claire Hollis (Head of Procurement). Owain very positive, says the rota module cut agency spend on two wards. Claire wants a benchmark against Rotaline before signing anything.")
note(KUH, "2025-05-20", PRIYA, "Met Fiona Byrne (CFO) for the first time. Skeptical on price - she says Rotaline quoted about 18% less for the same bed count. She does not see why the integration services are billed separately. Need to build a value case.")
note(KUH, "2025-09-03", PRIYA, "QBR at the Trust. Owain Price, Raj Mehta and Dr. Nkechi Adeyemi attended. Raj confirmed he reports to Owain and runs the HL7/FHIR interface team. Adeyemi neutral, wants junior doctor rota compliance reports.")
note(KUH, "2026-01-15", PRIYA, "Renewal signed for 3 years at $2.4M a year, after a 4% discount. Fiona Byrne still unconvinced and pushed for a break clause at month 18 - we accepted. Owain Price remains our champion.")
note(KUH, "2026-06-09", PRIYA, "Incident: interface engine outage on 4 June, e-rostering feed to the ESR payroll export delayed 9 hours. Raj Mehta escalated. Root cause on our side (certificate expiry). Committed to an RCA within 10 working days.")
note(KUH, "2026-10-06", PRIYA, "Steering group. Fiona Byrne asked again about Rotaline - she is clearly against us and wants to use the month-18 break clause as leverage. Owain Price will defend us internally. Claire Hollis neutral.")
note(KUH, "2026-11-18", PRIYA, "Workshop with Raj Mehta on the theatre scheduling extension (~$300k a year potential). Raj positive. Owain to take it to the digital board in January.")
note(KUH, "2026-12-02", PRIYA, "Call with Owain Price and Claire Hollis. I promised Owain the HL7 interface test plan by 11 Dec and a revised three-year pricing sheet for Fiona Byrne showing the agency-spend savings. They promised a decision on the theatre scheduling pilot by end of January.")

ML = "Mercy-Lakeshore Health System"
note(ML, "2025-01-28", DANA, "Annual review with Amara Okafor (CMO) and Denise Castellano (VP Operations). Amara is a strong supporter - calls Tessellate the best thing that happened to her nurse staffing. Denise wants the float-pool module.")
note(ML, "2025-06-17", DANA, "Greg Halvorsen (Head of Procurement) wants to re-tender the whole scheduling contract in 2026. He mentioned CareGrid and Medisked by name. He is against a sole-source renewal.")
note(ML, "2025-11-04", DANA, "Float-pool module went live in three hospitals. Maria Lopez (Director of Nursing Workforce) happy, fill rate up 11 points. Kevin Tran (IT Director) reports to Paul Drummond, the CFO - IT sits under finance here.")
note(ML, "2026-04-22", DANA, "Price discussion with Paul Drummond (CFO) and Greg Halvorsen. Greg still pushing for a re-tender, asked for 12% off. Paul more pragmatic - will accept 5% for a three-year term.")
note(ML, "2026-10-16", DANA, "Incident: scheduling platform down 3 hours on 14 Oct at the Lakeshore campus during shift change. Kevin Tran angry. We committed a service credit of $12,000 and a root-cause report.")
note(ML, "2026-11-12", DANA, "Met Amara Okafor and Denise Castellano after the outage. Amara still with us. I committed to on-site go-live support for the Lakeshore campus expansion in January and to send the RCA by Friday 20 Nov. Greg Halvorsen says the re-tender is now 'on hold'.")
note(ML, "2026-12-01", DANA, "Sent the RCA for the October outage and the $12,000 credit note to Paul Drummond. Denise asked for a proposal for the Lakeshore expansion (6 more units).")

HMG = "Halloran Medical Group"
note(HMG, "2025-03-05", TOMAS, "Halloran signed for 22 clinics after a pilot. Brent Kowalski (VP Operations) is our champion - pushed the deal through against Medisked.")
note(HMG, "2025-08-19", TOMAS, "Brent Kowalski and Victor Aguilar (IT Director) want the Epic-style single sign-on and the data integration to their billing system. Victor reports to Brent. SOW for integration signed, $85k.")
note(HMG, "2026-02-10", TOMAS, "Added 9 clinics after their acquisition in Ohio. Leah Goldberg runs the rollout; very organised. Revenue up strongly.")
note(HMG, "2026-07-14", TOMAS, "QBR. Brent Kowalski says they will buy 4 more clinic groups in the next 18 months and wants us as the standard. Shauna Halloran (CEO) dropped in - friendly, asked about AI-based demand forecasting.")
note(HMG, "2026-10-08", TOMAS, "Brent Kowalski confirmed the expansion to 14 more clinics for 2027. I will send the expansion quote for the 14 clinics by Friday. Brent promised an intro to Shauna Halloran for a strategic roadmap session.")
note(HMG, "2026-11-24", TOMAS, "Sent the 14-clinic expansion quote ($410k a year). Brent positive, Victor Aguilar wants the SSO work finished first. Roadmap session with Shauna Halloran set for 15 January.")

APU = "Ashworth-Pryce University"
note(APU, "2025-04-09", GRACE, "Ingrid Solberg (Pro-Vice-Chancellor Operations) wants one platform for clinical placements and the student health centre rota. Very keen. Martin Cole cautious about the timetabling overlap.")
note(APU, "2025-10-21", GRACE, "Phase 2 signed: placement scheduling for the medical school. Aisha Rahman (Head of IT) reports to Ingrid Solberg. Peter Ng (Procurement) wants annual price review.")
note(APU, "2026-05-13", GRACE, "Martin Cole now supportive after the estates integration went live. Ingrid asked for a 3-year roadmap.")
note(APU, "2026-11-03", GRACE, "Roadmap workshop with Ingrid Solberg and Aisha Rahman. They want to add the dental school in 2027. I will send a proposal for the dental school by 4 December.")
note(APU, "2026-12-04", GRACE, "Sent the dental school proposal to Ingrid Solberg and Peter Ng. Peter asked for a 3% cap on annual price increases.")

BHM = "Blue Heron Mutual"
note(BHM, "2025-02-25", JONAS, "Blue Heron uses our data integration services to push provider schedules into their network directory. Janelle Brooks (SVP Provider Network) is the sponsor on their side and very positive.")
note(BHM, "2025-09-30", JONAS, "Marcus Thorne (CFO) skeptical about the managed support fees - asked why they pay for 24/7 support they rarely use. Wants a tiered model.")
note(BHM, "2026-03-18", JONAS, "Ethan Park (Director of Data Integration) reports to Sam Whitaker (CIO). Ethan wants to move the feeds to FHIR by Q3.")
note(BHM, "2026-08-26", JONAS, "FHIR migration done on time. Janelle Brooks thrilled. Marcus Thorne still against the support fee level; Rosa Delgado (Vendor Management) drafting a support tier proposal.")
note(BHM, "2026-11-19", JONAS, "Renewal meeting with Janelle Brooks, Rosa Delgado and Marcus Thorne. Agreed to move to a tiered support model from April 2027. I will send the tiered support pricing by 11 December. Marcus softened a little but remains skeptical.")

SAH = "St. Aldhelm's Healthcare NHS Foundation Trust"
note(SAH, "2025-03-12", PRIYA, "Siobhán Kearney (COO) positive about the pilot on the maternity unit. Wants trust-wide rollout if the pilot saves bank staff costs.")
note(SAH, "2025-12-02", PRIYA, "Trust-wide rollout approved. David Llewellyn (Director of Finance) cautious, wants staged payments. Hannah Frost leads workforce systems and reports to Siobhán Kearney.")
note(SAH, "2026-09-22", PRIYA, "Imran Qureshi (IT Director) raised concerns about our hosting region for NHS data. Need the UK data residency letter.")
note(SAH, "2026-11-26", PRIYA, "Sent the UK data residency letter to Imran Qureshi. Siobhán Kearney still our strongest supporter. David Llewellyn asked for a cost-per-ward breakdown by end of December.")

POP = "Pinecrest Orthopaedic Partners"
note(POP, "2025-04-15", TOMAS, "Pinecrest running our scheduling across 11 orthopaedic clinics and 2 surgery centres. Kyle Brandt (Practice Operations Director) satisfied.")
note(POP, "2025-10-07", TOMAS, "Marisol Duarte (CFO) asked for a breakdown of the managed support hours. Neutral, wants value for money.")
note(POP, "2026-04-22", TOMAS, "Short call with Kyle Brandt. Nothing new, contract runs to 2027. Tina Osei asked about the mobile app release.")

CSUH = "Calloway State University Health"
note(CSUH, "2025-05-06", DANA, "Robert Ellison (AVP Student Health) wants our platform for the counselling centre appointments too. Naomi Fischer (IT Director) concerned about SSO with their Shibboleth setup.")
note(CSUH, "2026-02-24", DANA, "Counselling centre go-live done. Luis Ortega (Procurement) wants to consolidate vendor contracts into one master agreement.")
note(CSUH, "2026-11-10", DANA, "QBR with Robert Ellison and Kim Yamada. Robert positive, asked for a pilot of the telehealth scheduling add-on in spring. I will send the pilot scope by 1 December.")

WDI = "Wrexford & Dale Insurance"
note(WDI, "2025-02-04", JONAS, "Wrexford & Dale use our integration services to schedule medical assessments for claims. Helen Marsh (COO) was the buyer. Volumes already falling after their restructuring.")
note(WDI, "2025-07-22", JONAS, "Helen Marsh unhappy with turnaround of the change requests. Gareth Pugh (Head of Procurement) asked for a price reduction of 15%.")
note(WDI, "2025-12-09", JONAS, "Assessment volumes down again. Lydia Sørensen (Claims Operations) says they have moved two regions to an in-house team.")
note(WDI, "2026-03-17", JONAS, "Tom Ashby (IT Director) reports to Helen Marsh. Tom told me they are piloting CareGrid for the assessment scheduling in the North region.")
note(WDI, "2026-05-14", JONAS, "Helen Marsh confirmed the CareGrid pilot is expanding. She is against renewing with us at current price. Gareth Pugh wants our best and final offer. I will send it after the pricing committee.")

SCH = "Sagebrush Community Health"
note(SCH, "2025-03-20", GRACE, "Sagebrush (FQHC network, 17 sites). Daniel Whitehorse (CEO) loves the product but the managed support load is huge - 3x the tickets of a normal account because of their rural connectivity.")
note(SCH, "2025-11-11", GRACE, "Carla Reyes (CFO) asked for a grant-funded discount. We agreed to keep prices flat for 2026. Our cost to serve keeps climbing (onsite visits).")
note(SCH, "2026-06-30", GRACE, "Ben Tolliver (IT Coordinator) reports to Carla Reyes. Ticket volume still high. We are losing money here - need to talk about a support fee or remote-first support.")
note(SCH, "2026-11-17", GRACE, "Met Daniel Whitehorse and Maria Sandoval. Daniel positive, wants to add behavioural health sites. I raised the support cost; Carla Reyes will review a support fee in the 2027 budget. I will send a remote-support plan by 9 December.")

KCC = "Kingsbridge Community Clinics"
note(KCC, "2025-06-04", PRIYA, "Kingsbridge Community Clinics (not the hospital trust) - small contract, heavy customisation. Joanne Pike (Operations Manager) demanding. Margin very thin.")
note(KCC, "2026-10-29", PRIYA, "Fiona McAllister (Clinical Lead) asked for another custom report. Declined for free; quoted $6,500.")

BOP = "Brennan-Ochoa Pediatrics"
note(BOP, "2025-05-27", TOMAS, "Sofía Ochoa (Managing Partner) signed for 4 practices. Fast-growing group.")
note(BOP, "2026-03-03", TOMAS, "Brennan-Ochoa opened 5 new practices; all on our platform. Liam Brennan wants the after-hours nurse line scheduled too.")
note(BOP, "2026-11-05", TOMAS, "Sofía Ochoa says they plan 6 more practices next year. Candidate for key account?")

CEN = "Clínica Esperanza Network"
note(CEN, "2025-06-24", TOMAS, "Héctor Salinas (VP Operations) very positive, rolled us out to the San Antonio clinics. Lucía Navarro (Scheduling Manager) reports to Héctor.")
note(CEN, "2026-09-15", TOMAS, "Spanish-language patient reminders went live. Carmen Vidal (CFO) happy with the no-show reduction.")
note(CEN, "2026-11-20", TOMAS, "Héctor Salinas wants to add the El Paso clinics. I will send a quote by 4 December.")

TRMC = "Tidewater Regional Medical Center"
note(TRMC, "2025-04-01", DANA, "Tidewater cutting costs. Walter Pruitt (CFO) reduced the licence count by 20%.")
note(TRMC, "2025-12-16", DANA, "Renee Dubois (CNO) moved nurse scheduling to their EHR's built-in module. Only physician scheduling stays with us.")
note(TRMC, "2026-10-27", DANA, "Jamal Carter (IT Director) says they may decommission our interfaces next year. Walter Pruitt against any new spend.")

PEN = "Penrose Life & Health"
note(PEN, "2025-03-11", JONAS, "Penrose's provider data feeds shrinking after they sold their Medicare book. Gordon Alcott (COO) honest about it.")
note(PEN, "2026-06-18", JONAS, "Stephanie Lyle (VP Vendor Management) says two more feeds will be switched off by Q4.")

CBH = "Coldwater Behavioral Health"
note(CBH, "2025-05-13", DANA, "Coldwater: heavy support needs, lots of onsite training. Linda Marsh (Executive Director) appreciative but Jerome Watts (Finance Director) won't pay for extra support.")
note(CBH, "2026-11-09", DANA, "Still losing money on Coldwater. Proposed a managed-support fee of $4,000 a month; Jerome Watts will think about it.")

VCH = "Vale of Cawdor Hospice"
note(VCH, "2025-09-09", GRACE, "Charity pricing at Vale of Cawdor. Margaret Innes (Chief Executive) grateful. Our support cost is above what they pay.")
note(VCH, "2026-11-13", GRACE, "Kirsty Boyd asked for rota training for new nurses. We did it remotely to keep costs down.")

RIP = "Redfern Imaging Partners"
note(RIP, "2025-08-12", DANA, "Redfern: PACS integration very expensive to maintain. Tamara Wilkes (CFO) negotiated hard on price.")
note(RIP, "2026-11-03", DANA, "Jon Pettersen asked for another modality interface. Margin is thin - I will price it properly.")

OAK = "Oakhurst University"
note(OAK, "2025-07-08", GRACE, "Oakhurst student health centre signed. Darnell Hughes (Director of Student Health Services) enthusiastic.")
note(OAK, "2026-08-25", GRACE, "Oakhurst added the sports medicine clinic and the dental school clinic. Emily Sato (CIO) wants SSO across all.")
note(OAK, "2026-11-30", GRACE, "Patricia Vance (VP Finance) approved a campus-wide licence for 2027. Growing fast.")

GCG = "Greyfriars Clinic Group"
note(GCG, "2025-06-10", PRIYA, "Greyfriars closing two clinics. Fiona Walsh (Chief Executive) says budgets are tight.")
note(GCG, "2026-11-23", PRIYA, "Callum Reid (Finance Director) asked to cut the licence count again next quarter.")

DCN = "Dunmore College of Nursing"
note(DCN, "2025-09-16", GRACE, "Eilidh Fraser (Dean of Nursing) happy with placement scheduling.")
note(DCN, "2026-03-10", GRACE, "Sarah Doyle asked for a refresher session. Done remotely.")

WDG = "Wexham Dental Group"
note(WDG, "2025-05-19", GRACE, "Philippa Wexham signed for 6 dental practices.")
note(WDG, "2026-06-02", GRACE, "Rob Yardley asked about online booking integration. Sent the info pack.")

# Generic notes, filled in around the hand-written ones.
GENERIC = [
    "Quarterly service review. {n} support tickets this quarter, {p}% resolved within SLA. No escalations.",
    "Invoice for the quarter paid on time. No open items.",
    "Call with {who} ({title}) about rota templates for the new service. Agreed a training session next month.",
    "Sent the monthly usage report: {n} active schedulers.",
    "Support call: single sign-on login problem fixed the same day.",
    "Checked in with {who} ({title}). Nothing urgent; they are happy with the last release.",
    "Ran an admin training webinar; {who} and {m} colleagues joined.",
    "Release notes for the winter release shared with {who} ({title}).",
    "Data integration job monitoring review with {who}. All feeds green.",
]


SENSITIVE = {"Fiona Byrne", "Owain Price", "Greg Halvorsen", "Amara Okafor", "Helen Marsh", "Marcus Thorne",
             "Brent Kowalski", "Siobhán Kearney", "Héctor Salinas", "Janelle Brooks", "Walter Pruitt",
             "Jerome Watts", "Daniel Whitehorse", "Ingrid Solberg", "Carla Reyes", "David Llewellyn"}


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def email(first, last, dom):
    f = strip_accents(first.replace("Dr. ", "")).lower().replace(" ", "")
    l = strip_accents(last).lower().replace(" ", "").replace("'", "")
    return f"{f}.{l}@{dom}"


def rand_date(rng, start, end):
    d0, d1 = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    d = d0 + dt.timedelta(days=rng.randint(0, (d1 - d0).days))
    while d.weekday() >= 5:
        d -= dt.timedelta(days=1)
    return d.isoformat()


def main():
    rng = random.Random(20261207)
    with open(os.path.join(HERE, "accounts.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Account Name", "Account ID", "Industry", "Billing Country", "Annual Revenue", "Account Owner", "Tier"])
        for a in ACCOUNTS:
            w.writerow([a[0], a[1], a[2], a[3], a[4], a[5], a[6]])

    with open(os.path.join(HERE, "contacts.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["First Name", "Last Name", "Title", "Account Name", "Email"])
        for a in ACCOUNTS:
            for first, last, title in CONTACTS[a[0]]:
                w.writerow([first, last, title, a[0], email(first, last, DOMAINS[a[0]])])

    # financials
    with open(os.path.join(HERE, "financials.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Account", "Period", "Revenue", "Cost"])
        for name, _id, _ind, _c, _ar, _o, _t, base, g, ratio, noise, _ln in ACCOUNTS:
            for i, p in enumerate(PERIODS):
                rev = base * (1 + g) ** i
                r = ratio
                if noise:
                    rev *= 1 + rng.uniform(-0.03, 0.03)
                    r = ratio + rng.uniform(-0.03, 0.03)
                rev = round(rev, -2)
                cost = round(rev * r, -2)
                w.writerow([name, p, int(rev), int(cost)])

    # notes
    notes = list(N)
    for name, _id, _ind, _c, _ar, owner, tier, *_rest, last_rule in ACCOUNTS:
        if last_rule is None:
            continue
        contacts = [c for c in CONTACTS[name] if f"{c[0]} {c[1]}" not in SENSITIVE]
        k = 4 if tier == "Key" else 3
        end = "2026-12-04" if last_rule == "recent" else last_rule
        # keep the hand-written last note the last one for dated rules
        if last_rule != "recent":
            end = (dt.date.fromisoformat(last_rule) - dt.timedelta(days=20)).isoformat()
        for j in range(k):
            tpl = GENERIC[rng.randrange(len(GENERIC))]
            c = contacts[rng.randrange(len(contacts))]
            # neutral contacts only (never the people whose attitude is asked about)
            text = tpl.format(n=rng.randint(8, 120), p=rng.randint(86, 99), m=rng.randint(3, 14),
                              who=f"{c[0]} {c[1]}", title=c[2])
            notes.append((name, rand_date(rng, "2025-01-06", end), owner, text))
        if last_rule == "recent":
            c = contacts[rng.randrange(len(contacts))]
            notes.append((name, rand_date(rng, "2026-10-26", "2026-12-04"), owner,
                          f"Catch-up call with {c[0]} {c[1]} ({c[2]}). Agreed the agenda for the next quarterly review."))
    notes.sort(key=lambda r: (r[1], r[0]))
    with open(os.path.join(HERE, "notes.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Account", "Date", "Author", "Note"])
        for r in notes:
            w.writerow(r)
    print(f"{len(ACCOUNTS)} accounts, {sum(len(CONTACTS[a[0]]) for a in ACCOUNTS)} contacts, {len(notes)} notes")


if __name__ == "__main__":
    main()
