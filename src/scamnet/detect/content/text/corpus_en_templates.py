"""The templates and slot values of the project-written English messages (``corpus_en``).

Written for scamnet from the genres themselves — what banks, carriers, couriers, shops, clinics and
apps send, and what reported scams ask for — not from any data set's rows. Brands are paired with
their own domains (a courier's notice links to the courier's site); scams link to lookalike hosts.
"""

from __future__ import annotations

from scamnet.core.enums import ScamType

_S = ScamType

#: Per country: currency as written, its code, banks, carriers, the national phone prefix and a money scale.
COUNTRIES: tuple[dict, ...] = (
    {"cur": "£", "curcode": "GBP", "banks": ("Barclays", "HSBC UK", "Lloyds", "NatWest", "Monzo", "Santander"),
     "carriers": ("EE", "O2", "Vodafone", "Three", "giffgaff"), "prefix": "07", "scale": 1},
    {"cur": "$", "curcode": "USD", "banks": ("Chase", "Wells Fargo", "Bank of America", "Citi", "Capital One"),
     "carriers": ("T-Mobile", "Verizon", "AT&T"), "prefix": "+1", "scale": 1},
    {"cur": "N", "curcode": "NGN", "banks": ("GTBank", "Access Bank", "First Bank", "Zenith Bank", "UBA", "Ecobank"),
     "carriers": ("MTN", "Airtel", "Glo", "9mobile"), "prefix": "080", "scale": 500},
    {"cur": "Rs.", "curcode": "INR", "banks": ("SBI", "HDFC Bank", "ICICI Bank", "Axis Bank", "Kotak"),
     "carriers": ("Jio", "Airtel", "Vi", "BSNL"), "prefix": "+91", "scale": 50},
    {"cur": "KSh ", "curcode": "KES", "banks": ("Equity Bank", "KCB", "Co-op Bank", "Absa Kenya"),
     "carriers": ("Safaricom", "Airtel"), "prefix": "07", "scale": 100},
    {"cur": "RM", "curcode": "MYR", "banks": ("Maybank", "CIMB", "Public Bank", "RHB"),
     "carriers": ("Maxis", "CelcomDigi", "U Mobile"), "prefix": "01", "scale": 4},
    {"cur": "PHP ", "curcode": "PHP", "banks": ("BDO", "BPI", "Metrobank", "UnionBank"),
     "carriers": ("Globe", "Smart", "DITO"), "prefix": "09", "scale": 50},
    {"cur": "S$", "curcode": "SGD", "banks": ("DBS", "OCBC", "UOB"), "carriers": ("Singtel", "StarHub", "M1"),
     "prefix": "+65", "scale": 1},
    {"cur": "THB ", "curcode": "THB", "banks": ("Kasikornbank", "SCB", "Bangkok Bank", "Krungsri"),
     "carriers": ("AIS", "True", "dtac"), "prefix": "08", "scale": 30},
    {"cur": "R", "curcode": "ZAR", "banks": ("Standard Bank", "FNB", "Capitec", "Nedbank", "Absa"),
     "carriers": ("Vodacom", "MTN", "Cell C", "Telkom"), "prefix": "07", "scale": 15},
    {"cur": "GHS ", "curcode": "GHS", "banks": ("GCB Bank", "Ecobank Ghana", "Fidelity Bank"),
     "carriers": ("MTN", "Telecel", "AirtelTigo"), "prefix": "024", "scale": 10},
    {"cur": "A$", "curcode": "AUD", "banks": ("CommBank", "ANZ", "Westpac", "NAB"), "carriers": ("Telstra", "Optus"),
     "prefix": "04", "scale": 1},
    {"cur": "EUR ", "curcode": "EUR", "banks": ("ING", "Revolut", "N26", "AIB", "Bank of Ireland"),
     "carriers": ("Vodafone", "Eir", "Orange"), "prefix": "+353", "scale": 1},
    {"cur": "Rp", "curcode": "IDR", "banks": ("BCA", "Mandiri", "BNI", "BRI"), "carriers": ("Telkomsel", "Indosat", "XL"),
     "prefix": "08", "scale": 15000},
)

#: Slots filled together: a brand and its own domain, a courier and its tracking site, ...
PAIRS: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {
    ("app", "app_url", "brand_slug"): (
        ("Google", "g.co", "google"), ("WhatsApp", "whatsapp.com", "whatsapp"), ("Facebook", "facebook.com", "fb"),
        ("Instagram", "instagram.com", "insta"), ("TikTok", "tiktok.com", "tiktok"), ("LINE", "line.me", "line"),
        ("Grab", "grab.com", "grab"), ("Uber", "uber.com", "uber"), ("Shopee", "shopee.com", "shopee"),
        ("Lazada", "lazada.com", "lazada"), ("Binance", "binance.com", "binance"), ("Microsoft", "account.live.com", "microsoft"),
        ("Apple", "apple.com", "apple"), ("Amazon", "amazon.com", "amazon"), ("Netflix", "netflix.com", "netflix"),
        ("Telegram", "telegram.org", "telegram"), ("PayPal", "paypal.com", "paypal"), ("Steam", "steampowered.com", "steam"),
        ("Discord", "discord.com", "discord"), ("M-Pesa", "safaricom.co.ke", "mpesa"), ("Paytm", "paytm.com", "paytm"),
        ("GCash", "gcash.com", "gcash"), ("Gojek", "gojek.com", "gojek"), ("Revolut", "revolut.com", "revolut"),
        ("Snapchat", "snapchat.com", "snap"), ("X", "x.com", "x"), ("Coinbase", "coinbase.com", "coinbase"),
    ),
    ("courier", "courier_url"): (
        ("Royal Mail", "royalmail.com"), ("DPD", "dpd.co.uk"), ("Evri", "evri.com"), ("DHL", "dhl.com"), ("FedEx", "fedex.com"),
        ("UPS", "ups.com"), ("USPS", "usps.com"), ("Kerry Express", "th.kerryexpress.com"), ("J&T Express", "jtexpress.ph"),
        ("Flash Express", "flashexpress.co.th"), ("Ninja Van", "ninjavan.co"), ("GIG Logistics", "giglogistics.com"),
        ("Australia Post", "auspost.com.au"), ("Blue Dart", "bluedart.com"), ("Delhivery", "delhivery.com"), ("An Post", "anpost.com"),
    ),
    ("shop", "shop_url"): (
        ("Amazon", "amazon.co.uk"), ("Flipkart", "flipkart.com"), ("Jumia", "jumia.com.ng"), ("Takealot", "takealot.com"),
        ("Shopee", "shopee.sg"), ("Lazada", "lazada.co.th"), ("Tokopedia", "tokopedia.com"), ("Argos", "argos.co.uk"),
        ("Walmart", "walmart.com"), ("Target", "target.com"), ("Zalando", "zalando.ie"), ("Noon", "noon.com"),
        ("ASOS", "asos.com"), ("Currys", "currys.co.uk"), ("Myntra", "myntra.com"), ("Kilimall", "kilimall.co.ke"),
    ),
    ("airline", "airline_url"): (
        ("British Airways", "ba.com"), ("AirAsia", "airasia.com"), ("Emirates", "emirates.com"), ("IndiGo", "goindigo.in"),
        ("Ryanair", "ryanair.com"), ("Qantas", "qantas.com"), ("Kenya Airways", "kenya-airways.com"), ("Delta", "delta.com"),
        ("Thai Airways", "thaiairways.com"), ("Air Peace", "flyairpeace.com"), ("Cebu Pacific", "cebupacificair.com"),
    ),
    ("gov", "gov_url"): (
        ("HMRC", "gov.uk"), ("IRS", "irs.gov"), ("DVLA", "gov.uk"), ("FIRS", "firs.gov.ng"), ("Income Tax Department", "incometax.gov.in"),
        ("KRA", "kra.go.ke"), ("SARS", "sars.gov.za"), ("ATO", "ato.gov.au"), ("IRAS", "iras.gov.sg"), ("LHDN", "hasil.gov.my"),
        ("Revenue", "revenue.ie"), ("BIR", "bir.gov.ph"),
    ),
    ("clinic", "clinic_line"): (
        ("Riverside Medical Centre", "020 7946 0321"), ("City Dental Care", "(555) 013-2244"), ("Sunrise Clinic", "0302 123 456"),
        ("St Mary's Hospital", "01632 960 111"), ("Apollo Clinic", "1860 500 1066"), ("Green Valley Surgery", "0161 496 0102"),
        ("Bumrungrad Hospital", "02 066 8888"), ("Aga Khan Hospital", "020 366 2000"), ("Mediclinic", "021 555 0199"),
    ),
}

SLOTS: dict[str, tuple[str, ...]] = {
    "first": ("Sam", "Priya", "Tunde", "Aisha", "Liam", "Mei", "Carlos", "Grace", "Wanjiru", "Ahmed", "Sofia", "Tom", "Nok", "Jay"),
    "person": ("JOHN A SMITH", "ADEBAYO OLU", "PRIYA SHARMA", "MARY WANJIKU", "NGUYEN VAN AN", "SITI AMINAH", "J DOE"),
    "merchant": ("TESCO STORES", "Uber Eats", "AMAZON MKTPLACE", "SHELL", "Starbucks", "Netflix.com", "Spotify", "KFC",
                 "7-Eleven", "Shoprite", "Big Bazaar", "Jollibee", "Woolworths", "Carrefour", "Apple.com/bill", "Google Play"),
    "device": ("iPhone 15", "Samsung Galaxy S23", "Windows PC", "Chrome on Mac", "Android phone", "iPad", "Pixel 8"),
    "city": ("London", "Lagos", "Mumbai", "Nairobi", "Manila", "Bangkok", "Kuala Lumpur", "Sydney", "Dublin", "Accra",
             "Johannesburg", "Singapore", "Jakarta", "Chicago"),
    "place": ("the Post Office on High St", "your nearest pickup point", "the parcel locker at Central Station",
              "our depot", "the reception desk", "the 7-Eleven on Main Road", "your safe place (porch)", "your neighbour at no. 12"),
    "day": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "tomorrow"),
    "service": ("haircut", "dental check-up", "eye test", "car service", "MOT", "physio session", "blood test", "consultation"),
    "salon": ("Studio 9", "Kwik Fit", "Specsavers", "The Barber Room", "Bright Smile Dental", "City Physio"),
    "utility": ("electricity", "water", "gas", "broadband", "council tax", "DSTV", "prepaid meter"),
    "hotel": ("Ibis City Centre", "Holiday Inn Express", "Novotel", "Premier Inn", "Hilton Garden Inn", "Grand Hyatt"),
    "restaurant": ("Domino's", "Pizza Hut", "Nando's", "Chicken Republic", "Subway", "McDonald's", "Burger King"),
    "ride": ("Uber", "Bolt", "Grab", "Lyft", "Ola"),
    "car": ("white Toyota Corolla", "silver Honda City", "black Prius", "grey Kia Rio"),
    "streaming": ("Netflix", "Disney+", "Spotify", "Amazon Prime", "Showmax", "YouTube Premium"),
    "wallet": ("TrueMoney", "GCash", "M-Pesa", "Paytm", "PayPal", "OPay", "Touch 'n Go eWallet", "Apple Cash"),
    "product": ("trainers", "smartphones", "winter jackets", "headphones", "laptops", "sofas", "skincare"),
    "brand": ("Nike", "Samsung", "Zara", "IKEA", "Boots", "Adidas", "Sephora", "Decathlon", "H&M", "Uniqlo"),
    "gym": ("PureGym", "Fitness First", "Anytime Fitness", "Gold's Gym"),
    "insurer": ("Aviva", "AXA", "Allianz", "Old Mutual", "Prudential", "Geico", "Direct Line"),
    "prize": ("iPhone 15", "Samsung TV", "holiday for two", "PS5", "cash prize", "shopping voucher", "new car"),
    "lottery": ("National Lottery", "Powerball", "Mega Millions", "Coca-Cola", "WhatsApp", "Google", "MTN"),
    "agency": ("a recruitment agency", "TalentHub", "Adecco", "our HR team", "a marketing company"),
    "crypto": ("USDT", "bitcoin", "crypto", "forex", "gold"),
    "toll": ("E-ZPass", "FasTrak", "Linkt", "Dart Charge", "SunPass", "Autotoll"),
    "relative": ("Mum", "Mom", "Dad", "Auntie", "Sis", "bro"),
    "chat": ("WhatsApp", "Telegram", "Signal", "WeChat"),
    "personal": (
        "running late, be there in 10", "can you grab milk on the way home?", "happy birthday!! have a great day",
        "did you see the match last night?", "call me when you're free", "thanks for dinner, it was lovely",
        "what time is the meeting tomorrow?", "I'm outside", "ok see you at 7", "the kids are asleep, come quietly",
        "don't forget mum's birthday on Sunday", "can I borrow your charger?", "landed safely, will call later",
        "sorry I missed your call, in a meeting", "where did you park?", "send me the photos from Saturday",
        "lunch on me tomorrow", "good luck with the interview!", "are we still on for Friday?", "I left my keys at yours",
    ),
}

_OTP = (
    "{code} is your {app} verification code. Do not share it with anyone.",
    "Your {app} code is {code}. It expires in {n} minutes.",
    "<#> {code} is your {app} login code. {hash}",
    "[{app}] Verification code: {code}. Valid for {n} minutes. Never share this code.",
    "{app}: your one-time password is {code} (Ref: {ref}). Do not disclose it to anyone, including {app} staff.",
    "Use {code} to sign in to {app}. If you didn't request this, you can ignore this message.",
    "OTP for your {bank} transaction of {cur}{amount} at {merchant} is {code}. Valid for {n} mins. Do not share.",
    "Your OTP is {code} (REF: {ref}). Please enter it within {n} minutes.",
    "Enter {code} in the {app} app to confirm your phone number.",
    "{app} security code: {code}. We will never call you to ask for it.",
    "Your {app} password reset code is {code}.",
    "{code} is your one-time PIN for {bank} online banking. Our staff will never ask for your PIN.",
    "{bank}: use {code} to approve the new payee {person}. If you did not add this payee, do not share this code.",
    "Dear customer, {code} is the OTP to register your {bank} mobile app. It is valid for {n} minutes. Never share your OTP.",
    "Your {app} confirmation code: {code}",
    "{app} code {code}. Ref {ref}. Expires in {n} min.",
)
_LOGIN = (
    "{app}: new sign-in to your account from {device} in {city}. If this was you, no action is needed.",
    "We noticed a login to your {bank} app from a new device ({device}) at {hh}:{mi}. Not you? Call us on the number on the back of your card.",
    "Your {app} password was changed on {dd}/{mm}. If you did not do this, go to {app_url} and secure your account.",
    "{bank}: you logged in to online banking at {hh}:{mi} on {dd}/{mm}/{yy}. If this wasn't you, call {bank} on the number on our website.",
    "Your {app} account was accessed from a new browser. You can review recent activity in Settings.",
    "{bank}: your mobile number was linked to a new device today. If you did not do this, please visit a branch.",
    "Your {bank} card ending {tail} has been added to Apple Pay. If this wasn't you, call the number on the back of your card.",
    "{app}: two-step verification is now on for your account.",
)
_REFUND = (
    "{shop}: your refund of {cur}{amount} for order {order} has been processed. It may take 3-5 working days to reach your card.",
    "You have received a refund of {amount} {curcode} from {merchant} to your {wallet} wallet. Your balance is now {balance} {curcode}.",
    "Refund successful: {cur}{amount} has been credited back to your card ending {tail}. Ref {txid}.",
    "{airline}: your refund request {ref} is approved. {cur}{amount} will be returned to your original payment method.",
    "We've received your return. A refund of {cur}{amount} has been issued to your original payment method. - {shop}",
    "{bank}: a reversal of {curcode} {amount} from {merchant} has been credited to your account ending {tail}.",
    "Your cancelled order {order} has been refunded. No action is needed. - {shop}",
)
_TOPUP = (
    "Recharge successful. {cur}{amount} has been added to {msisdn}. Your new balance is {cur}{balance}. - {carrier}",
    "Dear customer, your top-up of {amount} {curcode} was successful. Balance: {balance} {curcode}. Thank you for choosing {carrier}.",
    "{carrier}: you have bought {gb}GB data valid for {days} days. Dial *{ussd}# to check your balance.",
    "Your {wallet} top-up of {cur}{amount} from {bank} is complete. Transaction ID {txid}.",
    "You have topped up {cur}{amount} airtime for {msisdn}. Ref: {txid}.",
    "{carrier}: your {gb}GB bundle expires on {dd}/{mm}. To renew dial *{ussd}#.",
    "Confirmed. {txid} {cur}{amount} sent to {carrier} for account {msisdn} on {dd}/{mm}/{yy} at {hh}:{mi}. New balance is {cur}{balance}.",
    "Prepaid token for meter {order}: {code}{tail} {code}. Units: {gb}0 kWh. Amount {cur}{amount}.",
)
_BANK = (
    "{bank}: Acct ***{tail} debited {curcode} {amount} on {dd}-{mm}-{yy} {hh}:{mi}. Desc: {merchant}. Avl Bal: {curcode} {balance}",
    "Credit Alert! Acct: ***{tail} Amt: {curcode}{amount} Desc: TRANSFER FROM {person} Date: {dd}-{mm}-{yy} Bal: {curcode}{balance}",
    "{bank}: your card ending {tail} was used for {cur}{amount} at {merchant} on {dd}/{mm}. If you don't recognise this, call the number on your card.",
    "Salary of {curcode} {amount} credited to your a/c XX{tail} on {dd}-{mm}-{yy}. Available balance {curcode} {balance}. - {bank}",
    "{bank} Alert: {cur}{amount} withdrawn at an ATM in {city} on {dd}/{mm}. Bal {cur}{balance}.",
    "Dear Customer, your a/c no. XX{tail} is credited by {cur}{amount} on {dd}-{mm}-{yy} by transfer ref {txid}. -{bank}",
    "Direct debit of {cur}{amount} to {utility} was taken from your account ending {tail} today.",
    "{person} sent you {cur}{amount}. It's in your {wallet} balance.",
    "{bank}: your statement for card ending {tail} is ready. Balance {cur}{balance}, minimum due {cur}{amount} by {dd}/{mm}.",
    "{bank}: a payment of {cur}{amount} to {person} was sent from your account ending {tail}. Ref {txid}.",
    "Your {bank} account ending {tail} is overdrawn by {cur}{amount}. Please pay in funds to avoid charges.",
    "{bank}: your new card has been posted and should arrive in 5 working days. Activate it in the app.",
)
_DELIVERY = (
    "{courier}: your parcel {tracking} will be delivered today between {hh}:00 and {hh2}:00. Track it at {courier_url}",
    "Your {shop} order has been delivered to {place}. Questions? Visit {shop_url}/orders",
    "{courier}: sorry we missed you. Your parcel {tracking} is waiting at {place}. Bring ID to collect it.",
    "Your {shop} order #{order} has shipped and arrives {day}. Track it at {shop_url}/track",
    "Out for delivery: {courier} parcel {tracking} arrives today. Your driver is {first}.",
    "Your order from {restaurant} is on its way. {first} will be there in about {n} minutes.",
    "{courier}: your parcel from {shop} is due {day}. Change delivery at {courier_url} or in the {courier} app.",
    "Order update: your {shop} order {order} has been dispatched with {courier}, tracking {tracking}.",
)
_APPOINTMENT = (
    "Reminder: your appointment at {clinic} is on {day} at {hh}:{mi}. To change it, call {clinic_line}.",
    "{clinic}: your vaccination is booked for {dd}/{mm} at {hh}:{mi}. Please bring photo ID.",
    "Hi {first}, a reminder of your {service} at {hh}:{mi} tomorrow. See you soon! - {salon}",
    "Your {service} is confirmed for {day} at {hh}:{mi}. Reply C to confirm or R to rearrange. - {salon}",
    "{clinic}: your test results are ready. Please book a call with your doctor through the practice.",
    "Your table for 4 at {restaurant} is booked for {day} at {hh}:{mi}.",
)
_TRAVEL_BILLS = (
    "{airline}: check-in is open for flight {flight} on {dd}/{mm}. Your boarding pass will be in the app.",
    "Booking confirmed: {hotel}, {city}, {days} nights from {dd}/{mm}. Booking ref {ref}.",
    "{airline}: your e-ticket for {flight} on {dd}/{mm} has been sent to your email. Booking ref {ref}.",
    "Your {ride} is arriving: {car}, plate {plate}. {first} is your driver.",
    "Your {utility} bill for this month is {cur}{amount}, due {dd}/{mm}. Ignore this if you have already paid.",
    "{carrier}: your bill of {cur}{amount} is ready and will be collected by direct debit on {dd}/{mm}.",
    "Your {streaming} membership renews on {dd}/{mm} for {cur}{amount}. Manage it in your account settings.",
    "{gov}: your tax return has been received. Reference {ref}. You can check its progress at {gov_url}.",
    "{bank} will never ask for your PIN, password or one-time code by phone, text or email. Report suspicious messages to us.",
    "{carrier}: scam texts are on the rise. We will never ask you to pay by gift card or share a code. Forward scam texts to 7726.",
)
_PERSONAL = (
    "{personal}", "Hi {first}, {personal}", "{personal} x", "{first}: {personal}", "hey {personal}",
)
HAM_TEMPLATES: tuple[str, ...] = _OTP + _LOGIN + _REFUND + _TOPUP + _BANK + _DELIVERY + _APPOINTMENT + _TRAVEL_BILLS + _PERSONAL

SCAM_TEMPLATES: dict[str, tuple[str, ...]] = {
    _S.PRIZE_LOTTERY: (
        "Congratulations! You have won a {cur}{prize_amount} prize. To claim call {premium} now. Claim code {ref}. Valid 12hrs only. {rate}/min",
        "URGENT! Your mobile number has been awarded a {cur}{prize_amount} prize GUARANTEED. Call {premium} from a landline. Claim {ref}.",
        "FREE entry into our weekly draw to win a {prize}! Text WIN to {short} to enter. {rate}/msg 18+",
        "You are a WINNER! Txt CLAIM to {short} to receive your {prize}. Cost {rate} per msg. T&C apply",
        "As a valued {carrier} customer you have been selected to receive a {cur}{prize_amount} reward. Call {premium} to claim.",
        "Your number won {cur}{prize_amount} in the {lottery} promo. Pay the {cur}{fee} release fee to claim your winnings: {scam_url}",
        "Final attempt to contact you! A {prize} or {cur}{prize_amount} cash is waiting for you. Call {premium} now.",
        "You have been chosen for a free {prize}. Reply YES to {short} to claim. {rate} per msg, stop txt STOP",
        "{lottery} winner notice: your SIM won {cur}{prize_amount}. Send your name, bank account and ID to claim. WhatsApp {phone}",
        "Dear customer, your account has earned reward points worth {cur}{amount}. Redeem before midnight: {scam_url}",
    ),
    _S.PHISHING: (
        "{bank}: your account has been suspended due to unusual activity. Verify your details at {scam_url} to restore access.",
        "Your {app} account will be locked in 24 hours. Confirm your identity: {scam_url}",
        "{courier}: your parcel is on hold due to an unpaid fee of {cur}{fee}. Pay now at {scam_url}",
        "{carrier}: your bill payment failed. Update your payment details at {scam_url} to avoid disconnection.",
        "{gov}: you are eligible for a tax refund of {cur}{amount}. Claim it at {scam_url}",
        "{bank}: a payment of {cur}{amount} to {merchant} is pending. If this was not you, cancel it at {scam_url}",
        "{bank} alert: new payee {person} added to your account. If this wasn't you call {phone} immediately.",
        "{streaming}: we couldn't process your payment. Update your billing at {scam_url} or your membership ends today.",
        "{courier}: we could not deliver your package {tracking} because the address is incomplete. Update it here {short_url}",
        "{toll}: unpaid toll notice, you owe {cur}{fee} for road use. Pay within 24 hours to avoid a penalty: {scam_url}",
        "{bank}: your card ending {tail} has been blocked. Reactivate it now: {short_url}",
        "Your {app} account has a security issue. Log in at {scam_url} within 12 hours or it will be deleted.",
    ),
    _S.CUSTOMER_SERVICE_REFUND: (
        "{shop}: you were overcharged {cur}{amount} on your last order. Reply with your card number and the code we send to get your refund.",
        "Your {streaming} subscription was renewed for {cur}{amount}. If you did not authorise this, call {phone} to cancel and get a refund.",
        "{app} support: your order was charged twice. To receive your {cur}{amount} refund, install AnyDesk and call {phone}.",
        "Hi, I sent a {app} code to your phone by mistake, please forward it to me, it's urgent.",
    ),
    _S.ACQUAINTANCE_IMPERSONATION: (
        "Hi {relative}, this is my new number, my phone broke. Can you send {cur}{amount} for a bill? I'll pay you back tomorrow",
        "Hey {relative} it's me, I lost my phone. Save this number and text me on {chat}, I need a favour",
        "{relative} I'm in trouble, I can't talk now. Please send {cur}{amount} to this account {tail}{order} and don't tell dad",
    ),
    _S.ROMANCE: (
        "Hi, is this {first}? We met at the conference last month. I'm new in {city} and would love to get to know you",
        "Sorry, wrong number! You seem nice though, where are you from? Let's chat on {chat}",
        "{first} wants to chat with you! Text CHAT to {short} to reply. {rate}/msg",
    ),
    _S.TASK_REBATE: (
        "Hi, I'm {first} from {agency}. Part-time job: like videos and earn {cur}{amount} a day. Contact us on {chat} {phone}",
        "We saw your CV. Work from home 1-2 hours a day, daily salary {cur}{amount}. Add us on {chat}: {phone}",
        "Earn {cur}{amount} per day rating hotels online. No experience needed. Message {short_url}",
    ),
    _S.FAKE_INVESTMENT: (
        "Join our {crypto} trading group, 30% weekly returns guaranteed. Start with {cur}{amount}: {scam_url}",
        "I doubled my money in 2 weeks with this {crypto} platform. Sign up with my link {scam_url}",
        "Exclusive {crypto} signal: invest {cur}{amount} today, withdraw 5x next week. {chat} {phone}",
    ),
    _S.FAKE_LOAN: (
        "Loan approved: {cur}{amount} with no credit check. Pay {cur}{amount} processing fee to receive it. {chat} {phone}",
        "Instant loan up to {cur}{amount}, no documents. Apply now {scam_url}",
        "Your loan of {cur}{amount} is ready. Send the insurance fee to release the funds today. Call {phone}",
    ),
    _S.GOVERNMENT_IMPERSONATION: (
        "{gov}: a warrant has been issued in your name for unpaid tax. Call {phone} immediately to avoid arrest.",
        "Final notice from {gov}: your national ID is linked to money laundering. Press 1 or call {phone} today.",
        "{gov}: you have an outstanding fine of {cur}{fee}. Pay at {scam_url} or face court action.",
    ),
}

SPAM_TEMPLATES: tuple[str, ...] = (
    "{shop}: {pct}% off everything this weekend only! Shop now at {shop_url}. Reply STOP to opt out",
    "{brand} SALE: buy one get one free on {product}, in store and online. Txt STOP to {short} to unsubscribe",
    "Get {gb}GB for just {cur}{small} with {carrier}! Dial *{ussd}# to subscribe. T&Cs apply.",
    "{restaurant}: {pct}% off your next order with code {promo}. Order in the app. STOP to end",
    "New {product} collection now in at {brand}. Visit your nearest store. Opt out: reply STOP",
    "{gym}: join this month and pay no joining fee. Reply STOP to unsubscribe",
    "{insurer}: your car insurance is due for renewal. Get a quote in 2 minutes at our website. STOP to opt out",
    "Hi {first}, new flats in {city} from {cur}{amount}. Viewing this Saturday 10-4. Reply STOP to opt out",
    "{carrier}: upgrade to the new {brand} phone from {cur}{small} a month. Visit any {carrier} store. Txt STOP to opt out",
    "Flash sale at {shop}! {product} up to {pct}% off, today only. {shop_url} Unsubscribe: reply STOP",
    "{brand} members: double points on {product} this week. Show this text in store. Text STOP to opt out",
    "Don't miss our {pct}% off {service} deal at {salon} this month. Book now! Reply STOP to opt out",
    "{airline} SALE: fares to {city} from {cur}{small}9. Book by Sunday at {airline_url}. Opt out: STOP",
    "{restaurant}: 2 for 1 every Tuesday. Show this message at the counter. Reply STOP to unsubscribe",
)
