-- Exchange rates into a home currency, each in force from its date (lib/currency).
CREATE TABLE "exchange_rates" (
    "id" SERIAL NOT NULL,
    "base" CHAR(3) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "rate" DECIMAL(30,12) NOT NULL,
    "valid_from" DATE NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "exchange_rates_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "exchange_rates_rate_positive" CHECK ("rate" > 0)
);

CREATE UNIQUE INDEX "exchange_rates_base_currency_valid_from_key" ON "exchange_rates"("base", "currency", "valid_from");
