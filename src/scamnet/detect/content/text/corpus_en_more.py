"""More genres of the project-written English messages (``corpus_en``): what real senders send that the first
templates lacked (issue 13, "content detectors that hold up off their home ground").

Written for scamnet from the genres themselves, not from any data set's rows:

- job boards' alerts and application updates (a job alert names pay and "no experience needed" as an honest
  advert does; only the recruitment scams ask for a chat app, a fee or a trip abroad);
- mobile-money and bank alerts in the terse forms of West and East African banks and wallets (``DR``/``CR``,
  ``Avail Bal``, "Cash In received", a fee charged, the monthly SMS-alert charge), airtime recharges and
  prepaid-meter tokens;
- licensed lenders' own notices: a loan disbursed, a repayment due (no fee up front, no link but the lender's own);
- schools, pharmacies and clinics;
- marketing (``spam``): insurance agents', carriers' and shops' adverts with an opt-out, no fee asked;
- recruitment scams, as every other scam type has templates: jobs abroad with travel paid and a chat app, and
  offers to buy or rent bank accounts and SIM cards.

They are rendered from their own random stream (``MORE_SEED``), after the first templates, so adding them left
every earlier row of ``english_corpus`` as it was.
"""

from __future__ import annotations

from scamnet.core.enums import ScamType

#: Slots filled together, as in ``corpus_en_templates.PAIRS``: a sender and its own domain.
MORE_PAIRS: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {
    ("jobboard", "jobboard_url"): (
        ("LinkedIn", "linkedin.com"), ("Indeed", "indeed.com"), ("Jobberman", "jobberman.com"), ("Reed", "reed.co.uk"),
        ("Naukri", "naukri.com"), ("BrighterMonday", "brightermonday.co.ke"), ("JobStreet", "jobstreet.com"),
        ("Seek", "seek.com.au"), ("Glassdoor", "glassdoor.com"),
    ),
    ("lender", "lender_url"): (
        ("FairMoney", "fairmoney.io"), ("Carbon", "getcarbon.co"), ("Branch", "branch.co"), ("Tala", "tala.co"),
        ("M-Shwari", "safaricom.co.ke"), ("Klarna", "klarna.com"), ("Afterpay", "afterpay.com"),
    ),
}

MORE_SLOTS: dict[str, tuple[str, ...]] = {
    "role": ("data entry clerk", "warehouse operative", "customer service advisor", "sales associate", "driver",
             "junior accountant", "nurse", "teacher", "cashier", "software developer", "security guard"),
    "employer": ("Tesco", "Shoprite", "Dangote Group", "Safaricom", "Jumia", "Amazon", "the NHS", "a logistics firm",
                 "Unilever", "MTN"),
    "pay": ("{cur}{amount} a month", "{cur}{small} an hour", "a competitive salary"),
    "school": ("Greenfield Primary School", "St Joseph's College", "Riverside Academy", "Hillcrest High School"),
    "pharmacy": ("Boots", "HealthPlus Pharmacy", "Goodlife Pharmacy", "Watsons", "MedPlus", "CVS"),
    "abroad": ("Cambodia", "Myanmar", "Laos", "Dubai", "the Philippines"),
    "first2": ("Dave", "Ngozi", "Anita", "Kofi", "Rachel", "Vikram"),
}

MORE_HAM: tuple[str, ...] = (
    # job boards
    "{jobboard}: {n} new jobs match your search for {role} in {city}. See them at {jobboard_url}",
    "{jobboard}: {employer} is hiring a {role}, {pay}, no experience needed. View the job at {jobboard_url}",
    "Your application for {role} at {employer} has been viewed by the recruiter. - {jobboard}",
    "{employer} would like to interview you for the {role} role on {day} at {hh}:{mi}. Reply in the {jobboard} app.",
    "Job alert from {jobboard}: {role} roles near {city} paying {pay}. Manage alerts at {jobboard_url}",
    # terse bank and wallet alerts
    "Acct:***{tail} Amt:{curcode}{amount} DR Desc:POS PURCHASE {merchant} Avail Bal:{curcode}{balance} Date:{dd}-{mm}-{yy}",
    "Txn: CR Acct: XX{tail} Amt: {curcode}{amount} Desc: TRF FROM {person} Bal: {curcode}{balance} - {bank}",
    "Debit Alert: your account ***{tail} has been debited with {cur}{amount} for airtime {carrier} {msisdn}. Balance {cur}{balance}",
    "Cash In received for {cur}{amount} from {person}. Current Balance: {cur}{balance}. Transaction ID: {txid}.",
    "Payment made for {cur}{amount} to {merchant}. Current Balance: {cur}{balance}. Fee charged: {cur}0.00. Transaction ID: {txid}.",
    "Dear Customer, {cur}{small} SMS alert charge for {mm}/{yy} has been debited from your account ***{tail}. Bal: {cur}{balance}",
    "{txid} Confirmed. You have received {cur}{amount} from {person} {msisdn} on {dd}/{mm}/{yy}. New {wallet} balance is {cur}{balance}.",
    "Withdrawal of {cur}{amount} at agent {order} successful. Fee {cur}{small}. New balance {cur}{balance}. - {wallet}",
    "Y'ello! You have recharged {cur}{amount} airtime. Your new balance is {cur}{balance}. Dial *{ussd}# to check.",
    "Your {utility} token is {code}{tail} for meter {order}. Units: {gb}.5kWh. Amount: {cur}{amount}. Ref {txid}",
    # licensed lenders' own notices
    "{lender}: your loan of {cur}{amount} has been disbursed to your account ending {tail}. Repayment of {cur}{balance} is due {dd}/{mm}.",
    "{lender}: your repayment of {cur}{amount} is due on {dd}/{mm}. Pay in the {lender} app or at {lender_url}.",
    "{bank}: your loan instalment of {cur}{amount} will be debited from your account ending {tail} on {dd}/{mm}. Please keep funds available.",
    "{lender}: thank you, we received your repayment of {cur}{amount}. Your loan is fully paid.",
    # schools, pharmacies, clinics
    "{school}: school closes at 12:30 on {day} for staff training. Please arrange pick-up.",
    "{school}: fees for next term are {cur}{amount}, payable at the bursar's office or by bank transfer to the school account.",
    "Your prescription is ready to collect from {pharmacy}. Please bring this message.",
    "{clinic}: please fast from midnight before your blood test on {day}. Call {clinic_line} with questions.",
)

#: (Lenders' own "get up to … in minutes" and "you are eligible for a loan" adverts were measured here as marketing and
#: dropped: their words are an advance-fee loan scam's, and they taught the model to call such scams marketing.)
MORE_SPAM: tuple[str, ...] = (
    "Hi {first}, this is {first2} from {insurer}. Your car insurance renews soon; I can get you a quote today. Reply STOP to opt out",
    "{shop}: an item in your basket is now {pct}% off. {shop_url} Reply STOP to opt out",
    "{carrier}: get {gb}GB for {cur}{small} this weekend only! Dial *{ussd}# now. T&Cs apply.",
    "{pharmacy}: {pct}% off vitamins this week in store and online. Text STOP to {short} to unsubscribe",
)

MORE_SCAM: dict[str, tuple[str, ...]] = {
    ScamType.JOB_ABROAD_RECRUITMENT: (
        "Hiring now in {abroad}: customer service and typing jobs, $3,500 a month, flights and visa paid, no experience needed. Message us on {chat} {phone}",
        "Bro I'm working in {abroad} now, easy online job, USD 4,000 a month and the company pays your ticket. Add me on {chat}",
        "Overseas job offer: {abroad}, high salary, free accommodation and air ticket. Passport only. Contact the agent on {chat} {phone}",
    ),
    ScamType.ACCOUNT_RENTING: (
        "Earn {cur}{amount} a week renting out your bank account, we only use it to receive payments. Text us on {chat} {phone}",
        "We buy bank accounts and SIM cards, cash paid daily. Unused account? Sell it to us. {chat}: {phone}",
        "Lend us your idle bank card for a month and get {cur}{amount}, no work needed. DM on {chat}",
    ),
}

#: The random stream of these templates (the first templates keep theirs).
MORE_SEED = 7118
