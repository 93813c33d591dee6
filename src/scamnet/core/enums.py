"""Closed vocabularies shared by the schema, the simulator, the detectors and the outputs.

An enum's values are what the store holds and what users type, so they are lower snake_case
and never renamed once released.
"""

from __future__ import annotations

from enum import StrEnum


class EntityKind(StrEnum):
    """The ``kind`` part of a typed entity id ``kind:value``."""

    PHONE = "phone"
    IMEI = "imei"
    IMSI = "imsi"
    ACCOUNT = "account"
    URL = "url"
    DOMAIN = "domain"
    WALLET = "wallet"
    DEVICE = "device"
    IP = "ip"
    PERSON = "person"
    CARD = "card"
    APP = "app"
    HANDLE = "handle"
    EMAIL = "email"
    CELL = "cell"
    REPORT = "report"
    MSG = "msg"
    TXN = "txn"
    CALL = "call"
    GANG = "gang"


class MessageChannel(StrEnum):
    SMS = "sms"
    MMS = "mms"
    RCS = "rcs"
    CHAT = "chat"


class TransferChannel(StrEnum):
    MOBILE = "mobile"
    ONLINE = "online"
    ATM = "atm"
    POS = "pos"
    COUNTER = "counter"
    QR = "qr"
    DIRECT_DEBIT = "direct_debit"
    CRYPTO_OTC = "crypto_otc"
    WIRE_ABROAD = "wire_abroad"
    #: A token transfer on a blockchain (a fund trace's chain leg; amounts in the bank currency at the trades' rate).
    ON_CHAIN = "on_chain"
    #: An OTC trade: bank money paid to a trader, bridged to the coins the trader sent (``otc_trades``).
    OTC_TRADE = "otc_trade"


class Chain(StrEnum):
    """Blockchains whose transfers scamnet reads (``wallets``, ``chain_transfers``)."""

    TRON = "tron"
    ETHEREUM = "ethereum"
    BITCOIN = "bitcoin"


class WalletOwnerKind(StrEnum):
    """What kind of service controls an address, as attribution tags (explorer labels) say."""

    EXCHANGE_HOT_WALLET = "exchange_hot_wallet"
    EXCHANGE_DEPOSIT = "exchange_deposit"
    PAYMENT_PROCESSOR = "payment_processor"
    OTC_DESK = "otc_desk"


#: Channels through which money leaves the banking system the tracer can follow.
CASHOUT_CHANNELS = frozenset({TransferChannel.ATM, TransferChannel.CRYPTO_OTC, TransferChannel.WIRE_ABROAD})


class HolderType(StrEnum):
    PERSON = "person"
    BUSINESS = "business"
    MERCHANT = "merchant"
    GOVERNMENT = "government"


class Plan(StrEnum):
    PREPAID = "prepaid"
    POSTPAID = "postpaid"
    BUSINESS = "business"
    IOT = "iot"


class ScamType(StrEnum):
    """One taxonomy of scam types for reports, messages, gangs and indicators."""

    GOVERNMENT_IMPERSONATION = "government_impersonation"
    CUSTOMER_SERVICE_REFUND = "customer_service_refund"
    TASK_REBATE = "task_rebate"
    FAKE_INVESTMENT = "fake_investment"
    PIG_BUTCHERING = "pig_butchering"
    FAKE_LOAN = "fake_loan"
    BOSS_IMPERSONATION = "boss_impersonation"
    ACQUAINTANCE_IMPERSONATION = "acquaintance_impersonation"
    ROMANCE = "romance"
    PHISHING = "phishing"
    PRIZE_LOTTERY = "prize_lottery"
    GAMBLING = "gambling"
    #: Recruitment into the chain: jobs abroad that end in a scam compound (高薪, 包机票, 柬埔寨, 缅甸).
    JOB_ABROAD_RECRUITMENT = "job_abroad_recruitment"
    #: Offers to buy or rent bank cards, phone cards and payment accounts (收卡, 租卡, 两卡, 跑分): mule recruitment.
    ACCOUNT_RENTING = "account_renting"
    OTHER = "other"


#: Scam types that recruit people into the chain (as workers or mules) rather than take a victim's money.
RECRUITMENT_TYPES = frozenset({ScamType.JOB_ABROAD_RECRUITMENT, ScamType.ACCOUNT_RENTING})


class ReportItemKind(StrEnum):
    PHONE = "phone"
    ACCOUNT = "account"
    CARD = "card"
    URL = "url"
    DOMAIN = "domain"
    WALLET = "wallet"
    APP = "app"
    TXN = "txn"
    HANDLE = "handle"
    IMEI = "imei"
    EMAIL = "email"


class LabelRole(StrEnum):
    """Ground-truth roles. Fraud roles carry a gang id; confounder roles do not."""

    GOIP_DEVICE = "goip_device"
    GOIP_SIM = "goip_sim"
    FRAUD_NUMBER = "fraud_number"
    SCAM_URL = "scam_url"
    SCAM_MESSAGE = "scam_message"
    MULE_L1 = "mule_l1"
    MULE_L2 = "mule_l2"
    MULE_L3 = "mule_l3"
    CASHOUT = "cashout"
    VICTIM = "victim"
    VICTIM_TRANSFER = "victim_transfer"
    OPERATOR = "operator"
    CALL_CENTRE = "call_centre"
    TELEMARKETER = "telemarketer"
    COURIER = "courier"
    MERCHANT = "merchant"
    PAYROLL = "payroll"
    SMALL_BUSINESS = "small_business"
    PHONE_CHANGER = "phone_changer"
    TRAVELLER = "traveller"
    #: An honest large payment to someone new after long calls from a stranger (a car, a deposit): a victim look-alike.
    BIG_PURCHASE = "big_purchase"
    #: Wallets (``wallet:<chain>:<address>``): a gang's receiving wallet, its peel and consolidation hops.
    SCAM_WALLET = "scam_wallet"
    PEEL_WALLET = "peel_wallet"
    CONSOLIDATION_WALLET = "consolidation_wallet"
    #: A dealer reselling a gang's coins at a discount ("black U").
    BLACK_U_DEALER = "black_u_dealer"
    #: An exchange deposit address; it carries a gang id when the gang deposits through it.
    EXCHANGE_DEPOSIT = "exchange_deposit"
    EXCHANGE_HOT_WALLET = "exchange_hot_wallet"
    #: An OTC trader ("U merchant"): the trader's wallet, and the trader's bank account (honest traders have no gang id).
    OTC_TRADER = "otc_trader"
    USDT_RETAIL = "usdt_retail"
    USDT_BUSINESS = "usdt_business"
    PAYMENT_PROCESSOR = "payment_processor"


CONFOUNDER_ROLES = frozenset(
    {
        LabelRole.CALL_CENTRE,
        LabelRole.TELEMARKETER,
        LabelRole.COURIER,
        LabelRole.MERCHANT,
        LabelRole.PAYROLL,
        LabelRole.SMALL_BUSINESS,
        LabelRole.PHONE_CHANGER,
        LabelRole.TRAVELLER,
        LabelRole.BIG_PURCHASE,
        LabelRole.EXCHANGE_HOT_WALLET,
        LabelRole.OTC_TRADER,
        LabelRole.USDT_RETAIL,
        LabelRole.USDT_BUSINESS,
        LabelRole.PAYMENT_PROCESSOR,
    }
)


#: Roles of the virtual-currency leg (wallets, and OTC traders' accounts): present only where a world has it.
CHAIN_ROLES = frozenset(
    {
        LabelRole.SCAM_WALLET,
        LabelRole.PEEL_WALLET,
        LabelRole.CONSOLIDATION_WALLET,
        LabelRole.BLACK_U_DEALER,
        LabelRole.EXCHANGE_DEPOSIT,
        LabelRole.EXCHANGE_HOT_WALLET,
        LabelRole.OTC_TRADER,
        LabelRole.USDT_RETAIL,
        LabelRole.USDT_BUSINESS,
        LabelRole.PAYMENT_PROCESSOR,
    }
)


class Tier(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class AlertStatus(StrEnum):
    OPEN = "open"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"
    ESCALATED = "escalated"
    FROZEN = "frozen"


class ReviewVerdict(StrEnum):
    """What an analyst says of an alert; each is kept with who said it and when (``alert_reviews``)."""

    CONFIRM = "confirm"
    DISMISS = "dismiss"
    ESCALATE = "escalate"
    REOPEN = "reopen"

    @property
    def status(self) -> AlertStatus:
        """The alert's status after this verdict."""
        return {ReviewVerdict.CONFIRM: AlertStatus.CONFIRMED, ReviewVerdict.DISMISS: AlertStatus.DISMISSED,
                ReviewVerdict.ESCALATE: AlertStatus.ESCALATED, ReviewVerdict.REOPEN: AlertStatus.OPEN}[self]


class Action(StrEnum):
    """What the online scorer decides for a live event."""

    ALLOW = "allow"
    WARN = "warn"
    HOLD = "hold"
    BLOCK = "block"


class KeyRole(StrEnum):
    """What an API key may do: post events; read alerts, decisions and cases; change rules and keys."""

    INGEST = "ingest"
    ANALYST = "analyst"
    ADMIN = "admin"


class TracePolicy(StrEnum):
    """How traced money is attributed when an account mixes it with other money."""

    FIFO = "fifo"
    LIFO = "lifo"
    HAIRCUT = "haircut"
    POISON = "poison"


class FreezeStatus(StrEnum):
    """Where a freeze request stands: drafted by a trace, sent to the bank, acted on, or past its deadline."""

    DRAFTED = "drafted"
    SENT = "sent"
    FROZEN = "frozen"
    RELEASED = "released"
    EXPIRED = "expired"


class TaskStatus(StrEnum):
    OPEN = "open"
    CLAIMED = "claimed"
    CONTACTED = "contacted"
    DONE = "done"
    CANCELLED = "cancelled"


class TaskOutcome(StrEnum):
    """What came of a dissuasion call; it closes the task (but ``reached``) and settles the held payment."""

    REACHED = "reached"
    PERSUADED = "persuaded"
    PAID_ANYWAY = "paid_anyway"
    UNREACHABLE = "unreachable"
    FALSE_ALARM = "false_alarm"

    @property
    def status(self) -> TaskStatus:
        """``reached`` leaves the task in progress (call again once the person has checked); the others close it."""
        return TaskStatus.CONTACTED if self is TaskOutcome.REACHED else TaskStatus.DONE

    @property
    def held_payment(self) -> str:
        """What becomes of the payment the task held: ``cancelled``, ``released`` or ``kept held``."""
        if self is TaskOutcome.PERSUADED:
            return "cancelled"
        if self in (TaskOutcome.PAID_ANYWAY, TaskOutcome.FALSE_ALARM):
            return "released"
        return "kept held"


class VisitSource(StrEnum):
    """Where a web visit (``link_visits``) was logged: the operator's resolver or web proxy, or an app's own browser."""

    DNS = "dns"
    PROXY = "proxy"
    IN_APP = "in_app"
