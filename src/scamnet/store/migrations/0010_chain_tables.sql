-- 0010: the virtual-currency leg (docs/crypto.md): wallets, on-chain transfers, and the OTC trades that bridge
-- a bank transfer to a chain transfer.

CREATE TABLE wallets (
    chain VARCHAR NOT NULL,
    address VARCHAR NOT NULL,
    first_seen TIMESTAMPTZ NOT NULL,
    owner VARCHAR,
    owner_kind VARCHAR
);

CREATE TABLE chain_transfers (
    chain VARCHAR NOT NULL,
    tx_hash VARCHAR NOT NULL,
    log_index INTEGER NOT NULL,
    block BIGINT NOT NULL,
    ts TIMESTAMPTZ NOT NULL,
    from_address VARCHAR NOT NULL,
    to_address VARCHAR NOT NULL,
    token_contract VARCHAR,
    token_symbol VARCHAR NOT NULL,
    amount DECIMAL(38,18) NOT NULL
);

CREATE TABLE otc_trades (
    trade_id VARCHAR NOT NULL,
    trader VARCHAR NOT NULL,
    bank_txn_id VARCHAR NOT NULL,
    chain VARCHAR NOT NULL,
    tx_hash VARCHAR NOT NULL,
    rate DECIMAL(18,6) NOT NULL,
    ts TIMESTAMPTZ NOT NULL
);
